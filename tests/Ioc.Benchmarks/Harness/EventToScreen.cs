using System.Diagnostics;
using Ioc.Benchmarks.Scenarios;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// One measured run of "event to screen": dossier receipts posted one per request at a steady rate;
/// for each POST, the time from its return to the moment each watched page's tile showed a number that
/// includes it, and to the first update that included it at a hub subscriber in the same run (what the
/// hub alone delivers, for comparison). Shared by the one-app screen scenario and the two-node one.
/// </summary>
public static class EventToScreen
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <param name="Latency">Per event, POST returned → tile changed.</param>
    /// <param name="Changes">Text changes the page made during the run (fewer than events: updates are coalesced).</param>
    /// <param name="Shown">What the tile showed at the end.</param>
    public sealed record Screen(LatencyResult Latency, int Changes, long Shown);

    public sealed record Result(IReadOnlyList<Screen> Screens, LatencyResult Subscriber, long BaseCount, int Events, double Rate);

    public static async Task<Result> RunAsync(HttpClient http, LiveEvents live, KpiSubscriber subscriber, IReadOnlyList<TileWatch> screens, double perSecond, double seconds)
    {
        // "Received today" starts again from zero at the province's midnight.
        await ProvinceDay.AvoidMidnightAsync(TimeSpan.FromSeconds(seconds + 30));
        // A quarter of a second of events first: the JIT and every cache on the path, then a count everyone agrees on.
        var warm = new Pacer(perSecond);
        for (var i = 0; i < perSecond / 4; i++)
        {
            await warm.WaitAsync();
            await SubscriberScenario.PostAsync(http, live.Received());
        }
        var baseCount = await SubscriberScenario.SettleAsync([subscriber], Patience);
        foreach (var screen in screens)
        {
            await screen.WaitForAsync(baseCount, Patience);
            await screen.ResetAsync();
        }
        subscriber.Reset();

        var count = (int)(perSecond * seconds);
        var returnedTicks = new List<long>(count);
        var returnedWallMs = new List<double>(count);
        var pacer = new Pacer(perSecond);
        for (var k = 0; k < count; k++)
        {
            await pacer.WaitAsync();
            await SubscriberScenario.PostAsync(http, live.Received());
            returnedTicks.Add(Stopwatch.GetTimestamp());
            returnedWallMs.Add((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds);
        }
        var rate = pacer.Achieved;

        var results = new List<Screen>(screens.Count);
        foreach (var screen in screens)
        {
            var shown = await screen.WaitForAsync(baseCount + count, Patience);
            var changes = await screen.ChangesAsync();
            results.Add(new Screen(TileWatch.Latencies(changes, baseCount, returnedWallMs), changes.Count, shown));
        }
        var sub = KpiSubscriber.Latencies([subscriber.Arrivals()], baseCount, returnedTicks);
        return new Result(results, sub, baseCount, count, rate);
    }
}

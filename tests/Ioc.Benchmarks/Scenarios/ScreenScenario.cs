using Ioc.Benchmarks.Harness;
using Ioc.Contracts;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Event to screen: a leader's overview page (<c>/</c>) open in Debian's Chromium; dossier receipts
/// posted one per request at a steady rate; for each POST, the time from its return to the moment
/// the "received today" tile's text showed a number that includes it (a MutationObserver stamps
/// each change with performance.timeOrigin + performance.now(), compared with the POST's return on
/// the same wall clock). A hub subscriber on the same app in the same run gives the comparison.
/// </summary>
public sealed class ScreenScenario : IScenario
{
    public string Name => "screen";

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        var folder = context.NewWorkFolder("screen");
        try
        {
            await using var app = InProcessApp.Create(Path.Combine(folder, "ioc.db"));
            using var http = InProcessApp.ApiClient(app);
            var live = new LiveEvents(app.Catalog, LiveEvents.NewPrefix("scr"));
            var stream = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today);
            await using var browser = await Browser.LaunchAsync();
            await using var browserContext = await browser.NewContextAsync(app.ServerAddress);
            var page = await browserContext.NewPageAsync();
            await Browser.SignInAsync(page, "lanhdao");
            await page.GotoAsync("/");
            await Browser.WaitForLiveAsync(page);
            var screen = await TileWatch.StartAsync(page, TileWatch.OverviewReceivedToday);
            await using var subscriber = await KpiSubscriber.ConnectAsync(app.ServerAddress, app.ServiceKey, stream);

            var screenP50 = new List<double>();
            var screenP99 = new List<double>();
            var subscriberP99 = new List<double>();
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                var result = await EventToScreen.RunAsync(http, live, subscriber, [screen], sizes.LiveEventsPerSecond, sizes.ScreenSeconds);
                var shown = result.Screens[0];
                var (p50, p99, max) = shown.Latency.Percentiles;
                var sub = result.Subscriber.Percentiles;
                screenP50.Add(p50);
                screenP99.Add(p99);
                subscriberP99.Add(sub.P99);
                Log.Info($"screen run {run}: p50 {p50:F0} p99 {p99:F0} max {max:F0} ms over {shown.Latency.Samples.Count} events, {shown.Changes} text changes, {shown.Latency.Early} early, {shown.Latency.Missing} missing (page shows {shown.Shown}); " +
                         $"hub subscriber in the same run p50 {sub.P50:F0} p99 {sub.P99:F0} ms");
            }

            var p99Spread = Spread.Of(screenP99);
            var subSpread = Spread.Of(subscriberP99);
            context.Results.Add(new ResultRow
            {
                Scenario = "event to screen",
                Figure = $"p99, POST returned → number changed in Chromium (`/`, received today), {sizes.LiveEventsPerSecond} events/s (p50 {ResultTable.Number(Spread.Of(screenP50).Median)} ms)",
                Value = p99Spread,
                Unit = "ms",
                Target = "p99 ≤ 500 ms",
                Verdict = p99Spread.Median <= 500 ? Verdict.Met : Verdict.Missed,
                Compared = $"hub subscriber p99, same app and run: {ResultTable.FormatSpread(subSpread, "ms")}" +
                           (context.SubscriberP99 is { } s ? $"; subscriber scenario p99 ({context.Sizes.SubscriberCounts[0]} connections): {ResultTable.Number(s.Median)} ms" : ""),
                Ratio = ResultTable.Ratio(p99Spread.Median, subSpread.Median, "subscriber"),
            });
            context.Results.Note("event to screen",
                $"Whole app in this process (Full sync, default 250 ms coalescing), signed in as the demo leader through the login form; {sizes.ScreenSeconds:F0} s of receipts per run, one event per POST. " +
                "The path: ingest → publisher → hub → the web process's shared hub client → the circuit → render batch → Blazor's SignalR connection → DOM. " +
                "The time is when the DOM text changed (MutationObserver), not the next paint.");
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
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
    private const string Observer = """
        () => {
          window.__changes = [];
          const read = () => document.querySelector('[data-kpi=received-today] [data-kpi-value]')?.textContent ?? null;
          let last = read();
          new MutationObserver(() => {
            const v = read();
            if (v !== last) { last = v; window.__changes.push([performance.timeOrigin + performance.now(), v]); }
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

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
            await page.EvaluateAsync(Observer);
            await using var subscriber = await KpiSubscriber.ConnectAsync(app.ServerAddress, app.ServiceKey, stream);

            var screenP50 = new List<double>();
            var screenP99 = new List<double>();
            var subscriberP99 = new List<double>();
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                await ProvinceDay.AvoidMidnightAsync(TimeSpan.FromSeconds(sizes.ScreenSeconds + 30));
                var warm = new Pacer(sizes.LiveEventsPerSecond);
                for (var i = 0; i < sizes.LiveEventsPerSecond / 4; i++)
                {
                    await warm.WaitAsync();
                    await SubscriberScenario.PostAsync(http, live.Received());
                }
                var baseCount = await SubscriberScenario.SettleAsync([subscriber], TimeSpan.FromSeconds(30));
                await WaitForPageAsync(page, baseCount, TimeSpan.FromSeconds(30));
                await page.EvaluateAsync("() => { window.__changes = []; }");
                subscriber.Reset();

                var count = (int)(sizes.LiveEventsPerSecond * sizes.ScreenSeconds);
                var returnedTicks = new List<long>(count);
                var returnedWallMs = new List<double>(count);
                var pacer = new Pacer(sizes.LiveEventsPerSecond);
                for (var k = 0; k < count; k++)
                {
                    await pacer.WaitAsync();
                    await SubscriberScenario.PostAsync(http, live.Received());
                    returnedTicks.Add(Stopwatch.GetTimestamp());
                    returnedWallMs.Add((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds);
                }
                var shown = await WaitForPageAsync(page, baseCount + count, TimeSpan.FromSeconds(30));
                var changes = (await page.EvaluateAsync<JsonElement>("() => window.__changes")).EnumerateArray()
                    .Select(c => (At: c[0].GetDouble(), Value: Parse(c[1].GetString())))
                    .ToList();

                var samples = new List<double>(count);
                long early = 0, missing = 0;
                var j = 0;
                for (var k = 1; k <= count; k++)
                {
                    while (j < changes.Count && changes[j].Value < baseCount + k)
                    {
                        j++;
                    }
                    if (j == changes.Count)
                    {
                        missing = count - k + 1;
                        break;
                    }
                    var ms = changes[j].At - returnedWallMs[k - 1];
                    if (ms < 0)
                    {
                        early++;
                        ms = 0;
                    }
                    samples.Add(ms);
                }
                var (p50, p99, max) = Stats.Latencies(samples);
                var sub = KpiSubscriber.Latencies([subscriber.Arrivals()], baseCount, returnedTicks).Percentiles;
                screenP50.Add(p50);
                screenP99.Add(p99);
                subscriberP99.Add(sub.P99);
                Log.Info($"screen run {run}: p50 {p50:F0} p99 {p99:F0} max {max:F0} ms over {samples.Count} events, {changes.Count} text changes, {early} early, {missing} missing (page shows {shown}); " +
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

    private static async Task<long> WaitForPageAsync(Microsoft.Playwright.IPage page, long atLeast, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long shown;
        do
        {
            shown = Parse(await page.Locator("[data-kpi=received-today] [data-kpi-value]").TextContentAsync());
            if (shown >= atLeast)
            {
                return shown;
            }
            await Task.Delay(50);
        }
        while (Stopwatch.GetTimestamp() < deadline);
        throw new TimeoutException($"The page shows {shown}, not {atLeast}, after {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>"1.842" (vi-VN) → 1842.</summary>
    private static long Parse(string? text)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? -1 : long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}

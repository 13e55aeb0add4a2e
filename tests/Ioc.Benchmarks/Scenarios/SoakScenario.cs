using System.Diagnostics;
using Ioc.Benchmarks.Harness;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Soak: the published IOC web app as its own process with live wall pages open in Chromium and a
/// steady feed of events, sampled every 10 s for RSS and open file descriptors (/proc) and the GC
/// heap (without forcing a collection). Growth after warm-up compares the mean of the first
/// minutes after warm-up with the mean of the last minutes; a least-squares slope is noted too.
/// One long run (the samples are its repetitions).
/// </summary>
public sealed class SoakScenario : IScenario
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public string Name => "soak";

    private sealed record Sample(double Minutes, double RssMiB, int Files, double HeapMiB);

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        await using var server = await WebServer.StartAsync(context);
        await using var browser = await Browser.LaunchAsync("--renderer-process-limit=4");
        var opener = new WebServer.PageOpener(browser, server.Process.Address, "/wall?scene=province", signIn: true, p => Browser.WaitForLiveAsync(p, 120_000));
        var opened = await opener.OpenAsync(sizes.SoakCircuits);
        Log.Info($"soak: {opened} wall pages open on {server}; feeding {sizes.SoakEventsPerSecond} events/s for {sizes.SoakDuration.TotalMinutes:F0} min");
        server.StartFeed(context, sizes.SoakEventsPerSecond);

        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        while (clock.Elapsed < sizes.SoakDuration)
        {
            var m = await server.Process.SampleAsync(fullGc: false);
            samples.Add(new Sample(clock.Elapsed.TotalMinutes, MemorySample.MiB(m.RssBytes), m.OpenFiles, MemorySample.MiB(m.GcHeapBytes)));
            if (clock.Elapsed - lastLog >= TimeSpan.FromMinutes(1))
            {
                lastLog = clock.Elapsed;
                Log.Info($"soak {clock.Elapsed.TotalMinutes:F0} min: RSS {samples[^1].RssMiB:F0} MiB, {m.OpenFiles} fds, GC heap {samples[^1].HeapMiB:F0} MiB, {server.Posted:N0} events posted");
            }
            await Task.Delay(Interval);
        }
        var liveStamps = await CountLiveAsync(opener);
        var posted = server.Posted;

        var warm = sizes.SoakWarmUp.TotalMinutes;
        var after = samples.Where(s => s.Minutes >= warm).ToList();
        var window = Math.Max(Interval.TotalMinutes * 3, Math.Min(5, (sizes.SoakDuration.TotalMinutes - warm) / 4));
        var first = after.Where(s => s.Minutes < warm + window).ToList();
        var last = after.Where(s => s.Minutes >= sizes.SoakDuration.TotalMinutes - window).ToList();
        double Growth(Func<Sample, double> f) => (last.Average(f) - first.Average(f)) / first.Average(f) * 100;
        double SlopePerHour(Func<Sample, double> f)
        {
            var mx = after.Average(s => s.Minutes);
            var my = after.Average(f);
            var cov = after.Sum(s => (s.Minutes - mx) * (f(s) - my));
            var var = after.Sum(s => (s.Minutes - mx) * (s.Minutes - mx));
            return var == 0 ? 0 : cov / var * 60;
        }
        var rssGrowth = Growth(s => s.RssMiB);
        var fileGrowth = Growth(s => s.Files);
        var heapGrowth = Growth(s => s.HeapMiB);
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = $"server RSS growth after {warm:0.#} min warm-up, {opened} live walls, {sizes.SoakEventsPerSecond} events/s, {sizes.SoakDuration.TotalMinutes:F0} min ({first.Average(s => s.RssMiB):F0} → {last.Average(s => s.RssMiB):F0} MiB)",
            Value = Spread.Of([rssGrowth]),
            Unit = "%",
            Target = "≤ 5 %",
            Verdict = rssGrowth <= 5 ? Verdict.Met : Verdict.Missed,
            Compared = $"trend {SlopePerHour(s => s.RssMiB):+0.0;-0.0} MiB/h; GC heap {first.Average(s => s.HeapMiB):F0} → {last.Average(s => s.HeapMiB):F0} MiB ({heapGrowth:+0.0;-0.0} %)",
        });
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = $"server open handles (/proc/pid/fd) growth after warm-up ({first.Average(s => s.Files):F0} → {last.Average(s => s.Files):F0})",
            Value = Spread.Of([fileGrowth]),
            Unit = "%",
            Target = "≤ 5 %",
            Verdict = fileGrowth <= 5 ? Verdict.Met : Verdict.Missed,
            Compared = $"trend {SlopePerHour(s => s.Files):+0.0;-0.0} handles/h",
        });
        context.Results.Note("soak",
            $"One run of {sizes.SoakDuration.TotalMinutes:F0} min (sampled every {Interval.TotalSeconds:F0} s: {samples.Count} samples); the published app as its own process (Development environment, Full sync, Server GC); " +
            $"{opened} wall pages (`/wall?scene=province`) in headless Chromium; {posted:N0} events posted one per request (receipts, then processing and completion of earlier dossiers); " +
            $"growth = mean of the last {window:F1} min against the mean of the first {window:F1} min after warm-up. At the end {liveStamps} of {opened} pages still showed a live, fresh stamp.");
    }

    private static async Task<int> CountLiveAsync(WebServer.PageOpener opener)
    {
        var live = 0;
        foreach (var page in opener.Pages)
        {
            try
            {
                if (await page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]").CountAsync() > 0
                    && !await page.Locator("[data-live-stamp] .live-stale-message").First.IsVisibleAsync())
                {
                    live++;
                }
            }
            catch (Microsoft.Playwright.PlaywrightException)
            {
            }
        }
        return live;
    }
}

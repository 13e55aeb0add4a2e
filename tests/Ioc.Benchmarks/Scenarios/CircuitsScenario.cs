using Ioc.Benchmarks.Harness;
using Microsoft.Playwright;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Live circuits: server memory per open, live-updating wall page (<c>/wall?scene=province</c>,
/// signed in as the demo leader, with a trickle of live events so the numbers move), at growing
/// numbers of pages, against the Blazor template's empty Home page (global interactive server
/// rendering) in the same run. Both servers run as their own processes from publish folders; the
/// GC heap comes from a probe inside the process after a full compacting collection, RSS from /proc.
/// The empty app runs with the IOC server's GC settings (copied into its runtimeconfig.json) and, for the target, with
/// its choice on compressing page connections (Pages:CompressConnections): the compressor's state is about 320 KiB of
/// native memory per connection, so a server compressing beside one that does not would compare the settings, not the
/// apps. The empty app as the template ships it (compressed) is measured too, for what a province saves beside it.
/// </summary>
public sealed class CircuitsScenario : IScenario
{
    private const double FeedPerSecond = 5;

    private const double MaxRssRatio = 1.2;

    /// <summary>
    /// How long one page stays open (and the feed runs) before the baseline is read. Read after 3 s,
    /// as before issue 14, the baseline came before the JIT's optimized recompilation of the render
    /// and hub paths, the first SQLite page reads and the feed's first commits: about 18 MiB that the
    /// IOC server gained in the next seconds with or without more pages, divided among the pages.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    /// <summary>How long the server's allocations are counted, with one page and with N: what pages cost the GC each second.</summary>
    private static readonly TimeSpan AllocationWindow = TimeSpan.FromSeconds(10);

    public string Name => "circuits";

    private sealed record PerCircuit(int Pages, double HeapKiB, double RssKiB, double CommittedKiB, double AllocatedKiBPerSecond)
    {
        public string Describe() =>
            $"({Pages}) {HeapKiB:F0} KiB heap, {RssKiB:F0} KiB RSS, {CommittedKiB:F0} KiB GC committed, {AllocatedKiBPerSecond:F0} KiB/s allocated per circuit";
    }

    /// <param name="Drift">RSS change over the last half of the warm-up (after full GCs): what time alone still adds.</param>
    private sealed record Measure(Dictionary<int, PerCircuit> ByTarget, long BrowserPss, MemorySample Baseline, long Drift, string? Stopped);

    public async Task RunAsync(BenchContext context)
    {
        var counts = context.Sizes.CircuitCounts.Order().ToArray();
        var wall = new Dictionary<int, List<PerCircuit>>();
        var empty = new Dictionary<int, List<PerCircuit>>();
        var shipped = new Dictionary<int, List<PerCircuit>>();
        var compress = new Ioc.Web.Live.PageConnectionOptions().CompressConnections;
        var notes = new List<string>();
        var gc = "";
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var w = await MeasureWallAsync(context, counts);
            var (e, gcSettings) = await MeasureEmptyAsync(context, counts, compress);
            var (t, _) = compress ? (e, gcSettings) : await MeasureEmptyAsync(context, counts, compress: true);
            gc = gcSettings;
            foreach (var c in counts.Where(c => w.ByTarget.ContainsKey(c) && e.ByTarget.ContainsKey(c) && t.ByTarget.ContainsKey(c)))
            {
                Add(wall, c, w.ByTarget[c]);
                Add(empty, c, e.ByTarget[c]);
                Add(shipped, c, t.ByTarget[c]);
                Log.Info($"circuits run {run}, {c} pages: wall {w.ByTarget[c].Describe()}; empty page {e.ByTarget[c].Describe()}; empty page as shipped {t.ByTarget[c].Describe()}");
            }
            if (run == 1)
            {
                notes.Add($"baselines (1 page open): IOC server {MemorySample.MiB(w.Baseline.GcHeapBytes):F0} MiB GC heap / {MemorySample.MiB(w.Baseline.RssBytes):F0} MiB RSS, " +
                          $"empty server {MemorySample.MiB(e.Baseline.GcHeapBytes):F0} MiB / {MemorySample.MiB(e.Baseline.RssBytes):F0} MiB; " +
                          $"RSS drift over the last {WarmUp.TotalSeconds / 2:F0} s of the warm-up: IOC server {MemorySample.MiB(w.Drift):+0.0;-0.0} MiB, empty server {MemorySample.MiB(e.Drift):+0.0;-0.0} MiB; " +
                          $"Chromium with {w.ByTarget.Values.Max(p => p.Pages) + 1} wall pages: {MemorySample.MiB(w.BrowserPss) / 1024:F1} GiB (PSS)");
            }
            foreach (var stopped in new[] { w.Stopped, e.Stopped, t.Stopped }.OfType<string>())
            {
                notes.Add($"run {run}: {stopped}");
            }
        }

        foreach (var c in counts.Where(wall.ContainsKey))
        {
            var reached = wall[c].Min(p => p.Pages);
            var label = reached < c ? $"{c} pages asked, {reached} opened" : $"{c} pages";
            var heap = Spread.Of([.. wall[c].Select(p => p.HeapKiB)]);
            var rss = Spread.Of([.. wall[c].Select(p => p.RssKiB)]);
            var emptyHeap = Spread.Of([.. empty[c].Select(p => p.HeapKiB)]);
            var emptyRss = Spread.Of([.. empty[c].Select(p => p.RssKiB)]);
            context.Results.Add(new ResultRow
            {
                Scenario = "live circuits",
                Figure = $"server GC heap per live wall page, {label} (after a full GC)",
                Value = heap,
                Unit = "KiB",
                Target = "≤ 1 MiB (1,024 KiB)",
                Verdict = heap.Median <= 1024 ? Verdict.Met : Verdict.Missed,
                Compared = $"empty Blazor page: {ResultTable.FormatSpread(emptyHeap, "KiB")}",
                Ratio = ResultTable.Ratio(heap.Median, emptyHeap.Median, "empty page"),
            });
            context.Results.Add(new ResultRow
            {
                Scenario = "live circuits",
                Figure = $"server RSS per live wall page, {label}",
                Value = rss,
                Unit = "KiB",
                // Issue 14's target: what a wall page costs beyond what any Blazor Server page costs, measured in the same run.
                Target = $"≤ {MaxRssRatio:0.0#}× the empty page",
                Verdict = rss.Median <= MaxRssRatio * emptyRss.Median ? Verdict.Met : Verdict.Missed,
                Compared = $"empty Blazor page: {ResultTable.FormatSpread(emptyRss, "KiB")}",
                Ratio = ResultTable.Ratio(rss.Median, emptyRss.Median, "empty page"),
            });
            if (!compress)
            {
                // No target: what a province's server holds per wall page beside the simplest Blazor app as it ships.
                var shippedRss = Spread.Of([.. shipped[c].Select(p => p.RssKiB)]);
                context.Results.Add(new ResultRow
                {
                    Scenario = "live circuits",
                    Figure = $"server RSS per live wall page, {label}, beside the template's empty page as it ships (compressed connections)",
                    Value = rss,
                    Unit = "KiB",
                    Target = "—",
                    Verdict = Verdict.None,
                    Compared = $"empty Blazor page, compressed: {ResultTable.FormatSpread(shippedRss, "KiB")}",
                    Ratio = ResultTable.Ratio(rss.Median, shippedRss.Median, "empty page"),
                });
            }
            // No target: what a live page asks of the GC each second explains the GC's committed memory beyond the heap.
            var allocated = Spread.Of([.. wall[c].Select(p => p.AllocatedKiBPerSecond)]);
            var emptyAllocated = Spread.Of([.. empty[c].Select(p => p.AllocatedKiBPerSecond)]);
            context.Results.Add(new ResultRow
            {
                Scenario = "live circuits",
                Figure = $"server allocations per live wall page and second, {label}",
                Value = allocated,
                Unit = "KiB/s",
                Target = "—",
                Verdict = Verdict.None,
                Compared = $"empty Blazor page: {ResultTable.FormatSpread(emptyAllocated, "KiB/s")}",
                // The empty page allocates nothing once shown: a ratio to about zero says nothing.
                Ratio = emptyAllocated.Median >= 1 ? ResultTable.Ratio(allocated.Median, emptyAllocated.Median, "empty page") : "—",
            });
        }
        context.Results.Note("live circuits",
            $"Servers run as separate processes from `dotnet publish` folders (Development environment, Full sync), both with the IOC server's GC settings: {gc}, and page connections {(compress ? "compressed" : "not compressed")} as the IOC server's Pages:CompressConnections says (the empty app as the template ships it, compressed, for the row that says so); the IOC server gets {FeedPerSecond} live events/s so every wall re-renders a few times a second. " +
            "Pages are opened in one headless Chromium (`--renderer-process-limit=4`, 800×450 viewport) in browser contexts of 50 pages (each context signed in once through the login form; Chromium allows about 255 WebSockets per profile), " +
            $"four at a time, each waited for until its circuit is live; memory is read with one page open for {WarmUp.TotalSeconds:F0} s (JIT, caches, the web process's shared hub connection) and again after N more, divided by N; allocations are the server's bytes allocated over {AllocationWindow.TotalSeconds:F0} s (no forced collection) with N + 1 pages less those with one, divided by N. " +
            $"{string.Join("; ", notes)}.");
    }

    private static void Add(Dictionary<int, List<PerCircuit>> into, int count, PerCircuit value)
    {
        if (!into.TryGetValue(count, out var list))
        {
            into[count] = list = [];
        }
        list.Add(value);
    }

    private static async Task<Measure> MeasureWallAsync(BenchContext context, int[] counts)
    {
        await using var server = await WebServer.StartAsync(context);
        server.StartFeed(context, FeedPerSecond);
        await using var browser = await Browser.LaunchAsync("--renderer-process-limit=4");
        var opener = new WebServer.PageOpener(browser, server.Process.Address, "/wall?scene=province", signIn: true, p => Browser.WaitForLiveAsync(p, 120_000));
        return await MeasureAsync(context, server.Process, opener, counts, "wall");
    }

    private static async Task<(Measure Measure, string GcSettings)> MeasureEmptyAsync(BenchContext context, int[] counts, bool compress)
    {
        var web = await ServerProcess.PublishAsync(context, "src/Ioc.Web/Ioc.Web.csproj", "web");
        var publish = await ServerProcess.PublishAsync(context, "tests/Ioc.Benchmarks/EmptyBlazor/Ioc.Benchmarks.EmptyBlazor.csproj", "empty-blazor");
        var gc = GcSettings.Read(web, "Ioc.Web");
        GcSettings.Apply(publish, "Ioc.Benchmarks.EmptyBlazor", gc);
        await using var server = await ServerProcess.StartAsync(context, publish, "Ioc.Benchmarks.EmptyBlazor.dll",
            new Dictionary<string, string> { ["Pages__CompressConnections"] = compress ? "true" : "false" }, "/");
        await using var browser = await Browser.LaunchAsync("--renderer-process-limit=4");
        var opener = new WebServer.PageOpener(browser, server.Address, "/", signIn: false,
            p => p.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 120_000 }));
        return (await MeasureAsync(context, server, opener, counts, compress ? "empty-compressed" : "empty"), GcSettings.Describe(gc));
    }

    private static async Task<Measure> MeasureAsync(BenchContext context, ServerProcess server, WebServer.PageOpener opener, int[] counts, string kind)
    {
        await opener.OpenAsync(1);
        await Task.Delay(WarmUp / 2);
        await server.SampleAsync(fullGc: true);
        var halfway = await server.SampleAsync(fullGc: true);
        await Task.Delay(WarmUp / 2);
        await server.SampleAsync(fullGc: true);
        var baseline = await server.SampleAsync(fullGc: true);
        Log.Info($"circuits: {kind} server warmed up with one page: RSS {MemorySample.MiB(halfway.RssBytes):F0} → {MemorySample.MiB(baseline.RssBytes):F0} MiB over the last {WarmUp.TotalSeconds / 2:F0} s");
        var baselineAllocation = await AllocationRateAsync(server);
        await HeapDump.CollectAsync(context.Options, server.ProcessId, $"{kind}-1");
        var result = new Dictionary<int, PerCircuit>();
        foreach (var count in counts)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var open = await opener.OpenAsync(count + 1) - 1;
            Log.Info($"circuits: {open} {kind} pages open ({clock.Elapsed.TotalSeconds:F0} s); browser {MemorySample.MiB(ProcessTree.DescendantsPssBytes()):F0} MiB PSS, {MemorySample.MiB(ProcessTree.AvailableBytes()):F0} MiB left");
            await Task.Delay(5_000);
            await server.SampleAsync(fullGc: true);
            var sample = await server.SampleAsync(fullGc: true);
            await HeapDump.CollectAsync(context.Options, server.ProcessId, $"{kind}-{open + 1}");
            var allocation = await AllocationRateAsync(server);
            result[count] = new PerCircuit(open,
                (sample.GcHeapBytes - baseline.GcHeapBytes) / 1024.0 / open,
                (sample.RssBytes - baseline.RssBytes) / 1024.0 / open,
                (sample.GcCommittedBytes - baseline.GcCommittedBytes) / 1024.0 / open,
                (allocation - baselineAllocation) / 1024.0 / open);
            if (opener.Stopped is not null)
            {
                break;
            }
        }
        return new Measure(result, ProcessTree.DescendantsPssBytes(), baseline, baseline.RssBytes - halfway.RssBytes, opener.Stopped is null ? null : $"{kind}: {opener.Stopped}");
    }

    /// <summary>Bytes the whole server allocates per second, counted over <see cref="AllocationWindow"/> without forcing a collection.</summary>
    private static async Task<double> AllocationRateAsync(ServerProcess server)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await server.SampleAsync(fullGc: false);
        await Task.Delay(AllocationWindow);
        var last = await server.SampleAsync(fullGc: false);
        return (last.AllocatedBytes - first.AllocatedBytes) / clock.Elapsed.TotalSeconds;
    }
}

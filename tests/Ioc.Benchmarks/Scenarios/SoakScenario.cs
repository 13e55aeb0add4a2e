using System.Diagnostics;
using System.Globalization;
using Ioc.Benchmarks.Harness;
using Microsoft.Playwright;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Soak: the two-process deployment (README "Two processes"), both published, on one SQLite file —
/// the aggregation service with the demo simulator's live feed (and the harness's own feed), the web
/// process with <c>Kpi:HubUrl</c> pointing at it — with live wall pages open in Chromium. Every
/// <see cref="BenchSizes.SoakRestartInterval"/> the aggregation service is stopped (SIGTERM and SIGKILL
/// in turn) and started again on the same port: the web process's one hub connection drops and must
/// come back by itself, and so must every wall. Both processes are sampled every 10 s for RSS and open
/// file descriptors (/proc) and the GC heap (without forcing a collection). Growth of the web process
/// (the one that stays up) compares the mean of the first minutes after warm-up with the mean of the
/// last minutes; a least-squares slope is noted too. Recovery after a restart is the time from the old
/// aggregation process's exit until every wall shows a live stamp (circuit live, not reconnecting, not
/// stale) with a hub message received after that exit. One long run (the samples are its repetitions).
/// </summary>
public sealed class SoakScenario : IScenario
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    // One line per page: "live|updatedAtMs|figures". Live = interactive circuit, a time shown, not
    // reconnecting, the stale warning hidden (by the server's class or by live.js's own clock).
    private const string StatusScript = """
        () => {
          const s = document.querySelector('[data-live-stamp]');
          const figures = Array.from(document.querySelectorAll('[data-tile-value]')).map(e => e.textContent.trim()).join(';');
          if (!s) return '0|0|' + figures;
          const stale = s.querySelector('.live-stale-message');
          const live = s.getAttribute('data-circuit') === 'live' && !!s.querySelector('[data-updated-time]')
            && !s.querySelector('.live-state') && !(stale && stale.checkVisibility());
          return (live ? '1' : '0') + '|' + (s.getAttribute('data-updated-at') || '0') + '|' + figures;
        }
        """;

    public string Name => "soak";

    private sealed record Sample(double Minutes, string Process, int Generation, int Pid, double RssMiB, int Files, double HeapMiB);

    private sealed record Restart(int Number, double AtMinutes, bool Graceful, double StopSeconds, double ReadySeconds,
        double? AllLiveSeconds, double? FirstLiveSeconds, double? AllFiguresSeconds, int LivePages, int Pages, double RssMiB, int Files);

    private sealed record PageStatus(bool Live, long UpdatedAtMs, string Figures);

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        var outputBase = context.Options.OutFile is { } outFile
            ? Path.Combine(Path.GetDirectoryName(outFile)!, Path.GetFileNameWithoutExtension(outFile))
            : Path.Combine(context.Options.DataDirectory, "soak");
        var samplesFile = outputBase + "-samples.csv";
        var logsFolder = outputBase + "-logs";

        await using var servers = await SplitServer.StartAsync(context, simulator: true);
        Log.Info($"soak: {servers}; database {servers.DatabasePath}");
        await using var browser = await Browser.LaunchAsync("--renderer-process-limit=4");
        var opener = new WebServer.PageOpener(browser, servers.Web.Address, "/wall?scene=province", signIn: true, p => Browser.WaitForLiveAsync(p, 120_000));
        var opened = await opener.OpenAsync(sizes.SoakCircuits);
        if (opener.Stopped is { } stopped)
        {
            Log.Info($"soak: {stopped}");
        }
        var restartText = sizes.SoakRestartInterval > TimeSpan.Zero ? $"restarting the aggregation service every {sizes.SoakRestartInterval.TotalMinutes:0.#} min" : "no restarts";
        Log.Info($"soak: {opened} wall pages open; simulator live feed + {sizes.SoakEventsPerSecond:0.#} events/s from the harness for {sizes.SoakDuration.TotalMinutes:0.#} min, {restartText}; samples in {samplesFile}");
        await using var feed = sizes.SoakEventsPerSecond > 0 ? EventFeed.Start(context, servers.AggregationAddress, sizes.SoakEventsPerSecond) : null;

        var samples = new List<Sample>();
        var restarts = new List<Restart>();
        var clock = Stopwatch.StartNew();
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(() => SampleLoopAsync(servers, feed, samples, samplesFile, clock, stopSampling.Token));

        var nextRestart = sizes.SoakRestartInterval > TimeSpan.Zero ? sizes.SoakRestartInterval : TimeSpan.MaxValue;
        while (clock.Elapsed < sizes.SoakDuration)
        {
            if (clock.Elapsed >= nextRestart && sizes.SoakDuration - clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                var restart = await RestartAsync(servers, opener, restarts.Count + 1, clock);
                restarts.Add(restart);
                nextRestart += sizes.SoakRestartInterval;
                continue;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await stopSampling.CancelAsync();
        await sampler;

        var finalStatus = await StatusesAsync(opener.Pages);
        var liveStamps = finalStatus.Count(s => s is { Live: true });
        long posted = 0, accepted = 0, duplicates = 0, failures = 0, refused = 0;
        if (feed is not null)
        {
            await feed.DisposeAsync();
            (posted, accepted, duplicates, failures, refused) = (feed.Posted, feed.Accepted, feed.Duplicates, feed.Failures, feed.Refused);
        }
        var stored = CountEvents(servers.DatabasePath);
        var logs = new[] { servers.Web.LogFile }.Concat(servers.AggregationLogs).ToList();
        var problems = ScanLogs(logs);
        Directory.CreateDirectory(logsFolder);
        foreach (var file in logs.Where(File.Exists))
        {
            File.Copy(file, Path.Combine(logsFolder, Path.GetFileName(file)), overwrite: true);
        }
        Log.Info($"soak: server logs copied to {logsFolder}");

        var warm = sizes.SoakWarmUp.TotalMinutes;
        var duration = clock.Elapsed.TotalMinutes;
        var web = samples.Where(s => s.Process == "web").ToList();
        var after = web.Where(s => s.Minutes >= warm).ToList();
        var window = Math.Max(Interval.TotalMinutes * 3, Math.Min(5, (duration - warm) / 4));
        var first = after.Where(s => s.Minutes < warm + window).ToList();
        var last = after.Where(s => s.Minutes >= duration - window).ToList();
        double Mean(List<Sample> list, Func<Sample, double> f) => list.Count == 0 ? double.NaN : list.Average(f);
        double Growth(Func<Sample, double> f) => (Mean(last, f) - Mean(first, f)) / Mean(first, f) * 100;
        double SlopePerHour(Func<Sample, double> f)
        {
            if (after.Count < 2)
            {
                return double.NaN;
            }
            var mx = after.Average(s => s.Minutes);
            var my = after.Average(f);
            var cov = after.Sum(s => (s.Minutes - mx) * (f(s) - my));
            var var = after.Sum(s => (s.Minutes - mx) * (s.Minutes - mx));
            return var == 0 ? 0 : cov / var * 60;
        }
        var rssGrowth = Growth(s => s.RssMiB);
        var fileGrowth = Growth(s => s.Files);
        var heapGrowth = Growth(s => s.HeapMiB);
        var setup = $"{opened} live walls, simulator + {sizes.SoakEventsPerSecond:0.#} events/s, {duration:F0} min, {restarts.Count} hub restarts";
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = $"web process RSS growth after {warm:0.#} min warm-up, {setup} ({Mean(first, s => s.RssMiB):F0} → {Mean(last, s => s.RssMiB):F0} MiB, max {web.DefaultIfEmpty().Max(s => s?.RssMiB ?? 0):F0})",
            Value = Spread.Of([rssGrowth]),
            Unit = "%",
            Target = "≤ 5 %",
            Verdict = rssGrowth <= 5 ? Verdict.Met : Verdict.Missed,
            Compared = $"trend {SlopePerHour(s => s.RssMiB):+0.0;-0.0} MiB/h; GC heap {Mean(first, s => s.HeapMiB):F0} → {Mean(last, s => s.HeapMiB):F0} MiB ({heapGrowth:+0.0;-0.0} %)",
        });
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = $"web process open handles (/proc/pid/fd) growth after warm-up ({Mean(first, s => s.Files):F0} → {Mean(last, s => s.Files):F0}, max {web.DefaultIfEmpty().Max(s => s?.Files ?? 0)})",
            Value = Spread.Of([fileGrowth]),
            Unit = "%",
            Target = "≤ 5 %",
            Verdict = fileGrowth <= 5 ? Verdict.Met : Verdict.Missed,
            Compared = $"trend {SlopePerHour(s => s.Files):+0.0;-0.0} handles/h",
        });
        if (restarts.Count > 0)
        {
            var recovered = restarts.Where(r => r.AllLiveSeconds is not null).Select(r => r.AllLiveSeconds!.Value).ToList();
            var all = recovered.Count == restarts.Count;
            context.Results.Add(new ResultRow
            {
                Scenario = "soak",
                Figure = $"hub link restored: s from the aggregation service's exit until all {opened} walls show a live, fresh stamp; {restarts.Count} restarts every {sizes.SoakRestartInterval.TotalMinutes:0.#} min, SIGTERM and SIGKILL in turn ({recovered.Count} of {restarts.Count} recovered within {RecoveryTimeout.TotalMinutes:F0} min)",
                Value = Spread.Of(recovered),
                Unit = "s",
                Target = $"≤ 30 s, every restart (Kpi:StaleAfterSeconds)",
                Verdict = all && recovered.Max() <= 30 ? Verdict.Met : Verdict.Missed,
                Compared = $"service answering again after {Describe(restarts.Select(r => r.ReadySeconds))} s; first wall live {Describe(restarts.Where(r => r.FirstLiveSeconds is not null).Select(r => r.FirstLiveSeconds!.Value))} s; all walls' figures moving {Describe(restarts.Where(r => r.AllFiguresSeconds is not null).Select(r => r.AllFiguresSeconds!.Value))} s",
            });
            context.Results.Add(new ResultRow
            {
                Scenario = "soak",
                Figure = $"aggregation service RSS at the end of each life (~{sizes.SoakRestartInterval.TotalMinutes:0.#} min, {restarts.Count} lives)",
                Value = Spread.Of([.. restarts.Select(r => r.RssMiB)]),
                Unit = "MiB",
                Compared = $"open handles {Describe(restarts.Select(r => (double)r.Files))}",
            });
        }
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = $"wall pages live with a fresh stamp at the end, of {opened}",
            Value = Spread.Of([liveStamps]),
            Unit = "pages",
            Target = $"{opened}",
            Verdict = liveStamps == opened ? Verdict.Met : Verdict.Missed,
        });
        context.Results.Add(new ResultRow
        {
            Scenario = "soak",
            Figure = "error lines (fail:/crit:) in the server processes' logs",
            Value = Spread.Of([problems.Errors]),
            Unit = "lines",
            Target = "0",
            Verdict = problems.Errors == 0 ? Verdict.Met : Verdict.Missed,
            Compared = $"{problems.Warnings} warn: lines" + (problems.Samples.Count > 0 ? $"; first: {string.Join(" / ", problems.Samples.Take(3))}" : ""),
        });

        var restartList = string.Join("; ", restarts.Select(r =>
            $"#{r.Number} at {r.AtMinutes:F1} min ({(r.Graceful ? "SIGTERM" : "SIGKILL")}, stopped in {r.StopSeconds:F1} s, answering {r.ReadySeconds:F1} s after exit): " +
            (r.AllLiveSeconds is double s ? $"all {r.Pages} walls live at {s:F1} s" : $"{r.LivePages} of {r.Pages} walls live after {RecoveryTimeout.TotalMinutes:F0} min") +
            (r.AllFiguresSeconds is double f ? $", figures moving at {f:F1} s" : ", figures not all moving") +
            $"; aggregation RSS {r.RssMiB:F0} MiB, {r.Files} fds before"));
        var aggregationSamples = samples.Where(s => s.Process == "aggregation").ToList();
        // Published once per benchmark run: these return the folders the servers ran from.
        var webGc = GcSettings.Describe(GcSettings.Read(await ServerProcess.PublishAsync(context, "src/Ioc.Web/Ioc.Web.csproj", "web"), "Ioc.Web"));
        var aggregationGc = GcSettings.Describe(GcSettings.Read(await ServerProcess.PublishAsync(context, "src/Ioc.AggregationService/Ioc.AggregationService.csproj", "aggregation"), "Ioc.AggregationService"));
        context.Results.Note("soak",
            $"One run of {duration:F0} min (sampled every {Interval.TotalSeconds:F0} s: {web.Count} samples of the web process, {aggregationSamples.Count} of the aggregation service; all in {samplesFile}); " +
            $"two processes from `dotnet publish` folders on loopback ports and one SQLite file (Development environment, Full sync; GC of the web process: {webGc}; of the aggregation service: {aggregationGc}): the aggregation service (ingest, rollups, hub, the demo simulator with `Simulator:HistoryDays` = {context.Sizes.SoakHistoryDays}{(context.Sizes.SoakHistoryDays == 0 ? " — today's events so far" : " days of history first")}, then its live feed) and the web process with `Kpi:HubUrl` pointing at it; " +
            $"{opened} wall pages (`/wall?scene=province`, signed in as the demo leader) in headless Chromium (`--renderer-process-limit=4`). " +
            (feed is null ? "No harness feed. " : $"Harness feed: {posted:N0} events posted one per request ({accepted:N0} accepted, {duplicates:N0} duplicates after a retry, {refused:N0} refused; {failures:N0} failed attempts while the service was down, each retried). ") +
            $"Events stored at the end by source: {string.Join(", ", stored.Select(kv => $"{kv.Key} {kv.Value:N0}"))}. " +
            $"Growth = mean of the last {window:F1} min against the mean of the first {window:F1} min after warm-up. " +
            (restarts.Count > 0 ? $"Restarts: {restartList}. " : "") +
            $"At the end {liveStamps} of {opened} pages showed a live, fresh stamp. Server logs: {logsFolder}.");
    }

    private static async Task SampleLoopAsync(SplitServer servers, EventFeed? feed, List<Sample> samples, string file, Stopwatch clock, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var csv = new StreamWriter(file) { AutoFlush = true };
        await csv.WriteLineAsync("minutes,process,generation,pid,rss_mib,fds,gc_heap_mib");
        var lastLog = TimeSpan.FromMinutes(-1);
        var ticks = 0L;
        while (!ct.IsCancellationRequested)
        {
            var due = Interval * ticks++;
            if (due > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var minutes = clock.Elapsed.TotalMinutes;
            var taken = new List<Sample>();
            foreach (var (name, process, generation) in new[] { ("web", servers.Web, 0), ("aggregation", servers.Aggregation, servers.Generation) })
            {
                if (process is null)
                {
                    continue;
                }
                try
                {
                    var m = await process.SampleAsync(fullGc: false);
                    taken.Add(new Sample(minutes, name, generation, process.ProcessId, MemorySample.MiB(m.RssBytes), m.OpenFiles, MemorySample.MiB(m.GcHeapBytes)));
                }
                catch (Exception) when (name == "aggregation")
                {
                    // Stopped between the check and the sample: a restart is under way.
                }
            }
            lock (samples)
            {
                samples.AddRange(taken);
            }
            foreach (var s in taken)
            {
                await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.Minutes:F3},{s.Process},{s.Generation},{s.Pid},{s.RssMiB:F1},{s.Files},{s.HeapMiB:F1}"));
            }
            if (clock.Elapsed - lastLog >= TimeSpan.FromMinutes(1))
            {
                lastLog = clock.Elapsed;
                var w = taken.FirstOrDefault(s => s.Process == "web");
                var a = taken.FirstOrDefault(s => s.Process == "aggregation");
                Log.Info($"soak {minutes:F1} min: web RSS {w?.RssMiB:F0} MiB, {w?.Files} fds, GC heap {w?.HeapMiB:F0} MiB | " +
                    (a is null ? "aggregation down" : $"aggregation #{a.Generation} RSS {a.RssMiB:F0} MiB, {a.Files} fds, GC heap {a.HeapMiB:F0} MiB") +
                    (feed is null ? "" : $" | feed {feed.Posted:N0} posted, {feed.Failures:N0} failed attempts") +
                    $" | children PSS {ProcessTree.DescendantsPssBytes() / (1L << 20):N0} MiB; load {Machine.LoadAverage()}");
            }
        }
    }

    private static async Task<Restart> RestartAsync(SplitServer servers, WebServer.PageOpener opener, int number, Stopwatch clock)
    {
        var graceful = number % 2 == 1;
        var at = clock.Elapsed.TotalMinutes;
        var old = servers.Aggregation!;
        var (rssBytes, files) = ServerProcess.KernelView(old.ProcessId);
        Log.Info($"soak: restart #{number} at {at:F1} min: {(graceful ? "SIGTERM" : "SIGKILL")} to the aggregation service (pid {old.ProcessId}, RSS {MemorySample.MiB(rssBytes):F0} MiB, {files} fds)");
        var stopping = Stopwatch.StartNew();
        await servers.StopAggregationAsync(graceful);
        var stopSeconds = stopping.Elapsed.TotalSeconds;
        var exitedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sinceExit = Stopwatch.StartNew();
        var pages = opener.Pages.ToList();
        var baseline = (await StatusesAsync(pages)).Select(s => s?.Figures).ToArray();
        await servers.StartAggregationAsync();
        var ready = sinceExit.Elapsed.TotalSeconds;

        var liveAt = new double?[pages.Count];
        var figuresAt = new double?[pages.Count];
        // Figures move only when events come; after every wall is live, wait for them at most a minute more.
        while (sinceExit.Elapsed < RecoveryTimeout && (liveAt.Any(t => t is null) || (figuresAt.Any(t => t is null) && sinceExit.Elapsed.TotalSeconds < liveAt.Max() + 60)))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                if (liveAt[i] is not null && figuresAt[i] is not null)
                {
                    continue;
                }
                var status = await StatusAsync(pages[i]);
                var now = sinceExit.Elapsed.TotalSeconds;
                if (status is { Live: true } && status.UpdatedAtMs > exitedAtMs)
                {
                    liveAt[i] ??= now;
                    if (status.Figures != baseline[i])
                    {
                        figuresAt[i] ??= now;
                    }
                }
            }
            await Task.Delay(500);
        }
        var live = liveAt.Count(t => t is not null);
        var restart = new Restart(number, at, graceful, stopSeconds, ready,
            live == pages.Count ? liveAt.Max() : null,
            live > 0 ? liveAt.Min() : null,
            figuresAt.All(t => t is not null) ? figuresAt.Max() : null,
            live, pages.Count, MemorySample.MiB(rssBytes), files);
        Log.Info($"soak: restart #{number}: stopped in {stopSeconds:F1} s, new pid {servers.Aggregation?.ProcessId} answering {ready:F1} s after exit; " +
            $"{live} of {pages.Count} walls live again (first {restart.FirstLiveSeconds:F1} s, all {restart.AllLiveSeconds:F1} s after exit); " +
            $"figures moving on {figuresAt.Count(t => t is not null)} (all at {restart.AllFiguresSeconds:F1} s)");
        return restart;
    }

    private static async Task<List<PageStatus?>> StatusesAsync(IReadOnlyList<IPage> pages)
    {
        var result = new List<PageStatus?>(pages.Count);
        foreach (var page in pages)
        {
            result.Add(await StatusAsync(page));
        }
        return result;
    }

    private static async Task<PageStatus?> StatusAsync(IPage page)
    {
        try
        {
            var parts = (await page.EvaluateAsync<string>(StatusScript)).Split('|', 3);
            return new PageStatus(parts[0] == "1", long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at) ? at : 0, parts[2]);
        }
        catch (PlaywrightException)
        {
            // Navigating (a reload after the circuit was lost): not live at this moment.
            return null;
        }
    }

    private static string Describe(IEnumerable<double> values)
    {
        var s = Spread.Of([.. values]);
        return s.IsEmpty ? "n/a" : $"median {ResultTable.Number(s.Median)} ({ResultTable.Number(s.Min)}–{ResultTable.Number(s.Max)})";
    }

    private static SortedDictionary<string, long> CountEvents(string database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT Source, COUNT(*) FROM Events GROUP BY Source";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            Log.Info($"soak: could not count events: {ex.Message}");
        }
        return counts;
    }

    private sealed record LogProblems(int Errors, int Warnings, List<string> Samples);

    /// <summary>Console-logger lines: "fail: Category[id]" (Error), "crit:" (Critical), "warn:"; the line after a fail/crit is its message.</summary>
    private static LogProblems ScanLogs(IEnumerable<string> files)
    {
        var errors = 0;
        var warnings = 0;
        var samples = new List<string>();
        foreach (var file in files.Where(File.Exists))
        {
            string[] lines;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
            {
                lines = reader.ReadToEnd().Split('\n');
            }
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                {
                    errors++;
                    var text = $"{Path.GetFileName(file)}: {lines[i].Trim()} {(i + 1 < lines.Length ? lines[i + 1].Trim() : "")}";
                    if (samples.Count < 10 && !samples.Any(s => s[..Math.Min(60, s.Length)] == text[..Math.Min(60, text.Length)]))
                    {
                        samples.Add(text.Length > 200 ? text[..200] + "…" : text);
                    }
                }
                else if (lines[i].StartsWith("warn:", StringComparison.Ordinal))
                {
                    warnings++;
                }
            }
        }
        return new LogProblems(errors, warnings, samples);
    }
}

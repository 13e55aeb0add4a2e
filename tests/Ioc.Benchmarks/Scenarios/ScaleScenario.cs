using Ioc.Contracts;
using Ioc.Benchmarks.Data;
using Ioc.Benchmarks.Harness;
using Ioc.Data;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Indicator queries, rankings and dossier-list pages over the five-year database (≈ 15 M dossiers at full
/// size) on both engines in one run (issue 15, item 6): the seeded SQLite file, and the same rows copied
/// into a database of a durable PostgreSQL cluster of the run's own. Before anything is timed, every unit's
/// figures over six windows must be equal on both, so both answer the same question. The calls are the
/// same on both (same random sequences); runs alternate which engine goes first.
/// </summary>
public sealed class ScaleScenario : IScenario
{
    public string Name => "scale";

    private sealed record Figures(double Query, double Ranking, double ListAll, double ListProvince, double ListUnit);

    public async Task RunAsync(BenchContext context)
    {
        var db = await context.Data.SeededAsync();
        using var cluster = PostgresCluster.StartDurable();
        await using var postgres = await BenchDatabase.CreateAsync(context, DatabaseOptions.PostgreSql, cluster);
        Log.Info($"scale: copying {db.Path} into PostgreSQL");
        var copy = await PostgresCopy.RunAsync(db.Path, postgres.Settings["Database:ConnectionString"]!, m => Log.Info("  " + m));
        await using var sqliteHost = await DataHost.OpenAsync(db.Path);
        await using var postgresHost = await DataHost.OpenAsync(postgres.Settings);
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var compared = await SameFiguresAsync(sqliteHost, postgresHost, db.First, today);
        var codes = DossierListScenario.SampleCodes(sqliteHost, 200);
        var hosts = new Dictionary<string, DataHost> { ["SQLite"] = sqliteHost, ["PostgreSQL"] = postgresHost };
        var figures = hosts.Keys.ToDictionary(k => k, _ => new List<Figures>());

        // Warm each engine's cache as a running server's would be.
        foreach (var host in hosts.Values)
        {
            await IndicatorQueryScenario.MeasureAsync(host, db.First, today, 20, TimeSpan.FromSeconds(30), new Random(1));
            await DossierListScenario.MeasureAsync(host, DossierListScenario.Cases(host.Catalog, codes), 30, TimeSpan.FromSeconds(30), new Random(1));
        }
        // A third of each scenario's budget per engine and run: two engines, three runs.
        var queryBudget = context.Sizes.QueryBudget / 3;
        var listBudget = context.Sizes.ListBudget / 3;
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var engine in run % 2 == 1 ? new[] { "SQLite", "PostgreSQL" } : ["PostgreSQL", "SQLite"])
            {
                var host = hosts[engine];
                var (single, ranking) = await IndicatorQueryScenario.MeasureAsync(host, db.First, today, context.Sizes.IndicatorQueries, queryBudget, new Random(766 + run));
                var pages = await DossierListScenario.MeasureAsync(host, DossierListScenario.Cases(host.Catalog, codes), context.Sizes.ListQueries, listBudget, new Random(2022 + run));
                var f = new Figures(
                    Stats.Latencies(single).P99, Stats.Latencies(ranking).P99,
                    Stats.Latencies(pages.Select(p => p.Ms)).P99,
                    Stats.Latencies(pages.Where(p => p.Case.Scope == "province").Select(p => p.Ms)).P99,
                    Stats.Latencies(pages.Where(p => p.Case.Scope != "province").Select(p => p.Ms)).P99);
                figures[engine].Add(f);
                Log.Info($"scale run {run}, {engine}: GetAsync p99 {f.Query:F2} ms over {single.Count}, ranking p99 {f.Ranking:F2} ms over {ranking.Count}, " +
                         $"list p99 {f.ListAll:F1} ms (province {f.ListProvince:F1}, one unit {f.ListUnit:F1}) over {pages.Count}");
                if (engine == "PostgreSQL")
                {
                    var slowest = pages.GroupBy(p => $"{p.Case.Scope} / {p.Case.Filter}").Select(g => (g.Key, Median: Stats.Latencies(g.Select(p => p.Ms)).P50))
                        .OrderByDescending(x => x.Median).Take(3);
                    Log.Info($"scale run {run}, PostgreSQL: slowest list medians {string.Join("; ", slowest.Select(x => $"{x.Key} {x.Median:F1} ms"))}");
                }
            }
        }

        var size = $"{db.Dossiers:N0} dossiers";
        Row(context, $"p99 of GetAsync, random unit and window ≤ 5 years, {size}", figures, f => f.Query);
        Row(context, "p99 of GetManyAsync over a unit's children (ranking), random parent and window", figures, f => f.Ranking);
        Row(context, $"p99 of a dossier-list page of 50, overdue first, all scopes × 10 filters, {size}", figures, f => f.ListAll);
        Row(context, "p99 of a dossier-list page of 50, the province", figures, f => f.ListProvince);
        Row(context, "p99 of a dossier-list page of 50, one commune or department", figures, f => f.ListUnit);

        var sqliteBytes = new[] { db.Path, db.Path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
        var free = new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(db.Path))!).AvailableFreeSpace;
        var perMillion = (sqliteBytes + copy.DatabaseBytes) / (db.Dossiers / 1e6);
        context.Results.Note("scale",
            $"The five-year database of the query and list scenarios ({db.Dossiers:N0} dossiers, {db.Tickets:N0} tickets, {db.First:yyyy-MM-dd} to {db.Last:yyyy-MM-dd}) on both engines: " +
            $"the SQLite file ({Gib(sqliteBytes)}) and a copy in a database of a PostgreSQL cluster of the run's own, durable defaults, shared_buffers 256 MB " +
            $"({copy.Rows:N0} rows by binary COPY in {copy.Copy.TotalSeconds:F0} s, secondary indexes built and tables analysed in {copy.Indexes.TotalSeconds:F0} s; {Gib(copy.DatabaseBytes)} on disk). " +
            $"Before timing, both engines gave the same figures ({compared:N0} unit-window results compared). " +
            $"The same calls on both: per run up to {context.Sizes.IndicatorQueries:N0} GetAsync and {Math.Max(20, context.Sizes.IndicatorQueries / 4):N0} rankings ({queryBudget.TotalSeconds:F0} s each at most) " +
            $"and up to {context.Sizes.ListQueries:N0} list pages ({listBudget.TotalSeconds:F0} s at most) over the 30 cases of the list scenario; runs alternate which engine goes first; warm caches. " +
            $"Value = PostgreSQL; compared with SQLite in the same run. Not 75 M dossiers: both copies take {Gib((long)perMillion)} per million dossiers, so 75 M would need about " +
            $"{Gib((long)(perMillion * 75))}, and this machine's disk had {Gib(free)} free with both copies on it.");
    }

    /// <summary>Every unit's figures over six windows, on both engines: the copy and the two providers' SQL must agree before they are timed.</summary>
    private static async Task<int> SameFiguresAsync(DataHost sqlite, DataHost postgres, DateOnly first, DateOnly today)
    {
        var units = sqlite.Catalog.Units.All.Select(u => u.Id).Order().ToList();
        var windows = new[]
        {
            KpiWindows.Resolve(KpiWindow.Today, today), KpiWindows.Resolve(KpiWindow.Month, today), KpiWindows.Resolve(KpiWindow.Year, today),
            KpiWindows.Custom(first, today, today), KpiWindows.Custom(first.AddDays(400), first.AddDays(800), today), KpiWindows.Custom(today.AddDays(-30), today, today),
        };
        var compared = 0;
        foreach (var window in windows)
        {
            var a = await sqlite.Indicators.GetManyAsync(units, window);
            var b = await postgres.Indicators.GetManyAsync(units, window);
            for (var i = 0; i < a.Count; i++)
            {
                if (a[i] != b[i])
                {
                    throw new InvalidOperationException($"scale: SQLite and PostgreSQL differ for unit {a[i].UnitId} over {window}: {a[i]} vs {b[i]}");
                }
            }
            compared += a.Count;
        }
        return compared;
    }

    private static void Row(BenchContext context, string figure, Dictionary<string, List<Figures>> figures, Func<Figures, double> pick)
    {
        var s = Spread.Of([.. figures["SQLite"].Select(pick)]);
        var p = Spread.Of([.. figures["PostgreSQL"].Select(pick)]);
        context.Results.Add(new ResultRow
        {
            Scenario = "scale",
            Figure = "PostgreSQL: " + figure,
            Value = p,
            Unit = "ms",
            Compared = $"SQLite, same run: {ResultTable.FormatSpread(s, "ms")}",
            Ratio = ResultTable.Ratio(p.Median, s.Median, "SQLite") + " (lower is better)",
        });
    }

    private static string Gib(long bytes) => $"{bytes / 1024.0 / 1024 / 1024:F1} GiB";
}

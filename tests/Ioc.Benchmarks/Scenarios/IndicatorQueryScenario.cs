using System.Diagnostics;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Latency of <c>IndicatorQueries.GetAsync</c> (one unit's subtree) and <c>GetManyAsync</c> (a unit's
/// children, for rankings) for random units and windows of up to five years, over the five-year
/// database (≈ 15 M dossiers at full size). Compared with one full GROUP BY scan of the dossier
/// table answering a similar question (received and finished on time per unit, all five years).
/// </summary>
public sealed class IndicatorQueryScenario : IScenario
{
    public string Name => "query";

    public async Task RunAsync(BenchContext context)
    {
        var db = await context.Data.SeededAsync();
        await using var host = await DataHost.OpenAsync(db.Path);
        var catalog = host.Catalog;
        var units = catalog.Units.All.Select(u => u.Id).Order().ToArray();
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var count = context.Sizes.IndicatorQueries;

        var single = new List<double>();
        var singleP50 = new List<double>();
        var many = new List<double>();
        var scan = new List<double>();
        var random = new Random(766);
        // Warm the connection pool and the page cache as a running server would be.
        for (var i = 0; i < 20; i++)
        {
            await host.Indicators.GetAsync(units[random.Next(units.Length)], RandomWindow(random, db.First, today));
        }
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var (one, ranking) = await MeasureAsync(host, db.First, today, count, context.Sizes.QueryBudget, random);
            var scanMs = FullScan(host);
            var (p50, p99, max) = Stats.Latencies(one);
            var (mp50, mp99, mmax) = Stats.Latencies(ranking);
            single.Add(p99);
            singleP50.Add(p50);
            many.Add(mp99);
            scan.Add(scanMs);
            Log.Info($"query run {run}: GetAsync p50 {p50:F2} p99 {p99:F2} max {max:F1} ms over {one.Count}; GetManyAsync(children) p50 {mp50:F2} p99 {mp99:F2} max {mmax:F1} ms over {ranking.Count}; full scan {scanMs:F0} ms");
        }

        var scanSpread = Spread.Of(scan);
        var singleSpread = Spread.Of(single);
        var manySpread = Spread.Of(many);
        context.Results.Add(new ResultRow
        {
            Scenario = "indicator query",
            Figure = $"p99 of GetAsync, random unit of {units.Length} and window ≤ 5 years, {db.Dossiers:N0} dossiers (p50 {ResultTable.Number(Spread.Of(singleP50).Median)} ms)",
            Value = singleSpread,
            Unit = "ms",
            Target = "p99 ≤ 10 ms",
            Verdict = singleSpread.Median <= 10 ? Verdict.Met : Verdict.Missed,
            Compared = $"full GROUP BY scan of Dossiers: {ResultTable.FormatSpread(scanSpread, "ms")}",
            Ratio = ResultTable.Ratio(singleSpread.Median, scanSpread.Median, "scan"),
        });
        context.Results.Add(new ResultRow
        {
            Scenario = "indicator query",
            Figure = "p99 of GetManyAsync over a unit's children (ranking), random parent and window",
            Value = manySpread,
            Unit = "ms",
            Target = "p99 ≤ 10 ms",
            Verdict = manySpread.Median <= 10 ? Verdict.Met : Verdict.Missed,
            Compared = $"full GROUP BY scan of Dossiers: {ResultTable.Number(scanSpread.Median)} ms",
            Ratio = ResultTable.Ratio(manySpread.Median, scanSpread.Median, "scan"),
        });
        context.Results.Note("indicator query",
            $"Database: {db.Dossiers:N0} dossiers and {db.Tickets:N0} tickets from {db.First:yyyy-MM-dd} to {db.Last:yyyy-MM-dd}, bulk-seeded in {db.SeedSeconds:F0} s " +
            $"({db.Check}); up to {count:N0} GetAsync and {Math.Max(20, count / 4):N0} GetManyAsync calls per run (or {context.Sizes.QueryBudget.TotalMinutes:F0} min each), half on named windows (today … last 12 months), half on random custom windows of up to five years, " +
            "one connection per call from the pool as the app does, warm page cache. " +
            "The scan: `SELECT UnitId, COUNT(*), SUM(finished), SUM(finished on or before the due date) FROM Dossiers GROUP BY UnitId`.");
    }

    /// <summary>
    /// GetAsync on random units, then GetManyAsync on random parents' children, each over random windows since
    /// <paramref name="first"/>, each up to <paramref name="count"/> calls or <paramref name="budget"/>: milliseconds per call.
    /// The same <paramref name="random"/> sequence gives the same calls on any database of the same units.
    /// </summary>
    internal static async Task<(List<double> Single, List<double> Ranking)> MeasureAsync(DataHost host, DateOnly first, DateOnly today, int count, TimeSpan budget, Random random)
    {
        var catalog = host.Catalog;
        var units = catalog.Units.All.Select(u => u.Id).Order().ToArray();
        var parents = units.Where(u => catalog.Units.Children(u).Count > 0).ToArray();
        var one = new List<double>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < budget; i++)
        {
            var unit = units[random.Next(units.Length)];
            var window = RandomWindow(random, first, today);
            var started = Stopwatch.GetTimestamp();
            await host.Indicators.GetAsync(unit, window);
            one.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var ranking = new List<double>(count / 4);
        clock.Restart();
        for (var i = 0; i < Math.Max(20, count / 4) && clock.Elapsed < budget; i++)
        {
            var parent = parents[random.Next(parents.Length)];
            var children = catalog.Units.Children(parent).Select(u => u.Id).ToList();
            var window = RandomWindow(random, first, today);
            var started = Stopwatch.GetTimestamp();
            await host.Indicators.GetManyAsync(children, window);
            ranking.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (one, ranking);
    }

    /// <summary>Half named windows, half custom ranges of up to five years inside the data.</summary>
    private static DayRange RandomWindow(Random random, DateOnly earliest, DateOnly today)
    {
        if (random.Next(2) == 0)
        {
            return KpiWindows.Resolve((KpiWindow)random.Next(Enum.GetValues<KpiWindow>().Length), today);
        }
        var span = today.DayNumber - earliest.DayNumber;
        var from = earliest.AddDays(random.Next(span + 1));
        var length = random.Next(Math.Min(5 * 365, today.DayNumber - from.DayNumber) + 1);
        return KpiWindows.Custom(from, from.AddDays(length), today);
    }

    private static double FullScan(DataHost host)
    {
        using var c = host.Database.Open();
        using var cmd = c.CreateCommand();
        // FinishedAt and DueAt (the last on-time millisecond) are both unix ms.
        cmd.CommandText = """
            SELECT UnitId, COUNT(*), SUM(FinishedAt IS NOT NULL),
                   SUM(FinishedAt IS NOT NULL AND FinishedAt <= DueAt)
            FROM Dossiers GROUP BY UnitId
            """;
        cmd.CommandTimeout = 0;
        var clock = Stopwatch.StartNew();
        using var r = cmd.ExecuteReader();
        long rows = 0;
        while (r.Read())
        {
            rows += r.GetInt64(1);
        }
        return clock.Elapsed.TotalMilliseconds;
    }
}

using System.Diagnostics;
using Ioc.Aggregation.Dossiers;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// SQLite and PostgreSQL side by side in one run (issue 15, item 6): the same events through the ingest
/// pipeline into a fresh database of each, each beside raw prepared inserts of the same rows on the same
/// engine; then indicator queries, rankings and dossier-list pages over what was ingested, on both.
/// PostgreSQL is a cluster of this run's own with its durable defaults (fsync, synchronous commit), as
/// SQLite runs with <c>synchronous=FULL</c>: every acknowledged batch is on disk on both.
/// </summary>
public sealed class ProvidersScenario : IScenario
{
    public string Name => "providers";

    private sealed record Figures(double Ingest, double Raw, double QueryP99, double RankingP99, double ListP99);

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        var events = await IngestScenario.ReadPrefixAsync(context.Data.Year().Path, sizes.IngestEvents);
        using var cluster = PostgresCluster.StartDurable();
        var byProvider = new Dictionary<string, List<Figures>> { [DatabaseOptions.Sqlite] = [], [DatabaseOptions.PostgreSql] = [] };
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            // Alternate which engine goes first, so neither always meets a colder (or warmer) page cache.
            var order = run % 2 == 1 ? new[] { DatabaseOptions.Sqlite, DatabaseOptions.PostgreSql } : [DatabaseOptions.PostgreSql, DatabaseOptions.Sqlite];
            foreach (var provider in order)
            {
                var figures = await MeasureAsync(context, cluster, provider, events);
                byProvider[provider].Add(figures);
                Log.Info($"providers run {run}, {provider}: ingest {figures.Ingest:N0} events/s (raw {figures.Raw:N0} rows/s); " +
                         $"GetAsync p99 {figures.QueryP99:F2} ms, ranking p99 {figures.RankingP99:F2} ms, list page p99 {figures.ListP99:F1} ms");
            }
        }

        var sqlite = byProvider[DatabaseOptions.Sqlite];
        var postgres = byProvider[DatabaseOptions.PostgreSql];
        Row(context, "events/s through the ingest pipeline (batches of " + sizes.IngestBatchSize.ToString("N0", Vi) + ")", "events/s",
            sqlite.Select(f => f.Ingest), postgres.Select(f => f.Ingest), higherIsBetter: true);
        Row(context, "raw prepared inserts of the same rows, " + sizes.IngestBatchSize.ToString("N0", Vi) + " per transaction", "rows/s",
            sqlite.Select(f => f.Raw), postgres.Select(f => f.Raw), higherIsBetter: true);
        Row(context, "p99 of GetAsync, random unit and window", "ms", sqlite.Select(f => f.QueryP99), postgres.Select(f => f.QueryP99), higherIsBetter: false);
        Row(context, "p99 of GetManyAsync over a unit's children (ranking)", "ms", sqlite.Select(f => f.RankingP99), postgres.Select(f => f.RankingP99), higherIsBetter: false);
        Row(context, "p99 of a dossier-list page of 50 (province, commune, department × 5 filters)", "ms",
            sqlite.Select(f => f.ListP99), postgres.Select(f => f.ListP99), higherIsBetter: false);
        context.Results.Note("providers",
            $"The first {events.Count:N0} events of the simulated province-year, in one stream through `IngestPipeline.IngestAsync` (no HTTP), into a fresh migrated database per run and engine; " +
            "SQLite with `Database:Synchronous=Full`, PostgreSQL 15 from Debian on loopback with its defaults for durability (fsync on, `synchronous_commit` on, full-page writes) and shared_buffers 256 MB. " +
            "Raw comparison on each engine: the same rows (id, source, type, entity, times, JSON payload) by one prepared INSERT into a copy of its own Events table with its indexes, one transaction per batch. " +
            $"Queries over the database just ingested (a province-year's prefix, not national size: this figure says how the engines compare on the same query shapes, not how they scale): up to {sizes.IndicatorQueries / 4:N0} GetAsync and rankings and {sizes.ListQueries:N0} list pages per run. " +
            "Value = PostgreSQL; compared with SQLite of the same run; runs alternate which engine goes first.");
    }

    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.InvariantCulture;

    private static void Row(BenchContext context, string figure, string unit, IEnumerable<double> sqlite, IEnumerable<double> postgres, bool higherIsBetter)
    {
        var s = Spread.Of([.. sqlite]);
        var p = Spread.Of([.. postgres]);
        context.Results.Add(new ResultRow
        {
            Scenario = "providers",
            Figure = "PostgreSQL: " + figure,
            Value = p,
            Unit = unit,
            Compared = $"SQLite, same run: {ResultTable.FormatSpread(s, unit)}",
            Ratio = ResultTable.Ratio(p.Median, s.Median, "SQLite") + (higherIsBetter ? "" : " (lower is better)"),
        });
    }

    private static async Task<Figures> MeasureAsync(BenchContext context, PostgresCluster cluster, string provider, IReadOnlyList<IngestEvent> events)
    {
        await using var database = await BenchDatabase.CreateAsync(context, provider, cluster);
        await using var host = await DataHost.OpenAsync(database.Settings);
        var ingest = await IngestAsync(host, events, context.Sizes.IngestBatchSize);
        var raw = provider == DatabaseOptions.PostgreSql
            ? RawPostgreSqlInserts(database.Settings["Database:ConnectionString"]!, events, context.Sizes.IngestBatchSize)
            : IngestScenario.RunRawInserts(context, IngestScenario.RawRows(events), context.Sizes.IngestBatchSize);
        var (query, ranking) = await QueriesAsync(context, host, ProvinceTime.LocalDate(events[0].OccurredAt!.Value));
        var list = await ListAsync(context, host);
        return new Figures(ingest, raw, query, ranking, list);
    }

    private static async Task<double> IngestAsync(DataHost host, IReadOnlyList<IngestEvent> events, int batchSize)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(batchSize))
        {
            var outcome = await host.Pipeline.IngestAsync("bench", batch);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The pipeline refused a batch: {outcome.Errors[0].Message}");
            }
        }
        return events.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The same rows by one prepared INSERT into a copy of PostgreSQL's Events table (its columns, defaults and indexes).</summary>
    private static double RawPostgreSqlInserts(string connectionString, IReadOnlyList<IngestEvent> events, int batchSize)
    {
        var rows = IngestScenario.RawRows(events);
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using (var create = new NpgsqlCommand("""CREATE TABLE raw_events (LIKE "Events" INCLUDING ALL)""", c))
        {
            create.ExecuteNonQuery();
        }
        using var cmd = new NpgsqlCommand(
            """INSERT INTO raw_events ("EventId", "Source", "Type", "EntityCode", "OccurredAt", "AcceptedAt", "Payload") VALUES ($1, $2, $3, $4, $5, $6, $7)""", c);
        foreach (var type in new[] { NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text })
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }
        return IngestScenario.TimeInserts(c, cmd, rows, batchSize);
    }

    private static async Task<(double Query, double Ranking)> QueriesAsync(BenchContext context, DataHost host, DateOnly first)
    {
        var catalog = host.Catalog;
        var units = catalog.Units.All.Select(u => u.Id).Order().ToArray();
        var parents = units.Where(u => catalog.Units.Children(u).Count > 0).ToArray();
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var count = Math.Max(40, context.Sizes.IndicatorQueries / 4);
        // The same sequence of units and windows on both engines.
        var random = new Random(766);
        for (var i = 0; i < 20; i++)
        {
            await host.Indicators.GetAsync(units[random.Next(units.Length)], KpiWindows.Resolve(KpiWindow.Last12Months, today));
        }
        var one = new List<double>(count);
        var ranking = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            // Named windows and custom ones that start inside the ingested days (the prefix is the year's oldest events).
            var from = first.AddDays(random.Next(Math.Max(1, today.DayNumber - first.DayNumber)));
            var window = i % 2 == 0 ? KpiWindows.Resolve((KpiWindow)random.Next(Enum.GetValues<KpiWindow>().Length), today) : KpiWindows.Custom(from, today, today);
            var clock = Stopwatch.StartNew();
            await host.Indicators.GetAsync(units[random.Next(units.Length)], window);
            one.Add(clock.Elapsed.TotalMilliseconds);
            var children = catalog.Units.Children(parents[random.Next(parents.Length)]).Select(u => u.Id).ToList();
            clock.Restart();
            await host.Indicators.GetManyAsync(children, window);
            ranking.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Stats.Latencies(one).P99, Stats.Latencies(ranking).P99);
    }

    private static async Task<double> ListAsync(BenchContext context, DataHost host)
    {
        var catalog = host.Catalog;
        var communes = catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var departments = catalog.Units.All.Where(u => u.Kind is Domain.Units.UnitKind.Department or Domain.Units.UnitKind.Agency).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var random = new Random(2022);
        var scopes = new Func<Random, int>[] { _ => catalog.Units.Root.Id, r => communes[r.Next(communes.Count)].Id, r => departments[r.Next(departments.Count)].Id };
        var filters = new (string Name, Func<int, DossierFilter> Make)[]
        {
            ("all", u => new DossierFilter(u)),
            ("open", u => new DossierFilter(u, DossierStatusFilter.Open)),
            ("overdue", u => new DossierFilter(u, DossierStatusFilter.Overdue)),
            ("completed", u => new DossierFilter(u, DossierStatusFilter.Completed)),
            ("last 30 days", u => new DossierFilter(u, From: today.AddDays(-30), To: today)),
        };
        var scopeNames = new[] { "province", "commune", "department" };
        await host.Dossiers.ListAsync(new DossierFilter(catalog.Units.Root.Id), 0, 50);
        var samples = new List<(string Case, double Ms)>();
        for (var i = 0; i < Math.Max(30, context.Sizes.ListQueries); i++)
        {
            var (name, make) = filters[i % filters.Length];
            var scope = i / filters.Length % scopes.Length;
            var filter = make(scopes[scope](random));
            var clock = Stopwatch.StartNew();
            var page = await host.Dossiers.ListAsync(filter, 0, 50);
            samples.Add(($"{scopeNames[scope]} / {name}", clock.Elapsed.TotalMilliseconds));
            _ = page.Rows.Count;
        }
        var slowest = samples.GroupBy(s => s.Case).Select(g => (g.Key, Median: Stats.Latencies(g.Select(s => s.Ms)).P50)).OrderByDescending(x => x.Median).Take(3);
        Log.Info($"providers: slowest list medians {string.Join("; ", slowest.Select(x => $"{x.Key} {x.Median:F1} ms"))}");
        return Stats.Latencies(samples.Select(s => s.Ms)).P99;
    }
}

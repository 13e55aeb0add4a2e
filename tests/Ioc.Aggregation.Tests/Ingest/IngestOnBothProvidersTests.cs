using System.Data.Common;
using System.Globalization;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Tests.Consistency;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Ingest;

/// <summary>
/// The ingest writer stores alike on SQLite and on PostgreSQL: a batch's events, states and rollup rows, which
/// the indicator queries then show; a batch sent again is all duplicates and changes nothing; a batch with a bad
/// event is refused whole while the other batches of its transaction are stored; and a random stream of
/// dossier, ticket and document lifecycles leaves the same rows in both databases.
/// </summary>
public sealed class IngestOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Batch_StoredWithStatesAndRollups_ShownByIndicators_TheSameBatchAgainChangesNothing(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        var (commune, procedure) = CommuneProcedure(catalog);
        var at = Now.AddHours(-3);
        IngestEvent[] batch =
        [
            Events.DossierReceived("HS-1", commune.Code, procedure.Code, at),
            Events.Dossier(EventTypes.DossierProcessing, "HS-1", at.AddMinutes(30)),
            Events.Dossier(EventTypes.DossierCompleted, "HS-1", at.AddHours(1)),
            Events.DossierReceived("HS-2", commune.Code, procedure.Code, at.AddHours(2)),
            Events.TicketCreated("PAKN-1", at.AddHours(1), commune: commune.Code),
        ];

        var first = await pipeline.IngestAsync("test", batch);
        var stored = await SnapshotAsync(host);
        var again = await pipeline.IngestAsync("test", batch);

        Assert.True(first.Succeeded, Describe(first));
        Assert.Equal((5, 0), (first.Result!.Accepted, first.Result.Duplicates));
        Assert.Equal((0, 5), (again.Result!.Accepted, again.Result.Duplicates));
        Assert.Equal(stored, await SnapshotAsync(host));
        Assert.Equal(5, stored.Count(r => r.StartsWith("Events:", StringComparison.Ordinal)));
        Assert.Equal(2, stored.Count(r => r.StartsWith("Dossiers:", StringComparison.Ordinal)));
        Assert.Single(stored, r => r.StartsWith("Tickets:", StringComparison.Ordinal));
        var today = ProvinceTime.LocalDate(Now);
        foreach (var unit in new[] { catalog.Units.Root.Id, commune.Id })
        {
            var figures = await host.Services.GetRequiredService<IndicatorQueries>().GetAsync(unit, new DayRange(today, today));
            Assert.Equal((2L, 1L, 1L), (figures.Dossiers.Received, figures.Dossiers.Finished, figures.Dossiers.InProgress));
        }
        var province = await host.Services.GetRequiredService<IndicatorQueries>().GetAsync(catalog.Units.Root.Id, new DayRange(today, today));
        Assert.Equal((1L, 1L), (province.Hotline.Received, province.Hotline.Open));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GroupCommit_BatchWithABadEvent_RefusedWhole_TheOtherBatchesStored(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        var (commune, procedure) = CommuneProcedure(catalog);
        var at = Now.AddHours(-2);
        IngestEvent[] good = [Events.DossierReceived("HS-A", commune.Code, procedure.Code, at)];
        // HS-B's receipt is valid, but the batch also completes a dossier nobody received.
        IngestEvent[] bad = [Events.DossierReceived("HS-B", commune.Code, procedure.Code, at), Events.Dossier(EventTypes.DossierCompleted, "HS-NONE", at)];
        IngestEvent[] after = [Events.TicketCreated("PAKN-9", at), Events.Dossier(EventTypes.DossierProcessing, "HS-A", at.AddMinutes(5))];

        // The three batches in one transaction, as the pipeline's group commit stores batches that queued up together.
        var results = new List<ChunkResult>();
        using (var session = new IngestSession(host.Services.GetRequiredService<IIngestStore>().Begin(cache: null), catalog,
            host.Services.GetRequiredService<WorkingCalendar>(), host.Services.GetRequiredService<ProvinceClock>()))
        {
            foreach (var batch in new[] { good, bad, after })
            {
                var errors = new List<IngestError>();
                var parsed = batch.Select((e, i) => pipeline.Parser.Parse(i, e, errors)!).ToList();
                Assert.Empty(errors);
                results.Add(session.Apply("test", parsed));
            }
            session.Commit();
        }

        Assert.Equal([true, false, true], results.Select(r => r.Succeeded));
        Assert.Equal([1], results[1].Errors.Select(e => e.Index));
        var rows = await SnapshotAsync(host);
        Assert.Equal(
            new[] { good[0].Id, after[0].Id, after[1].Id }.Order(),
            rows.Where(r => r.StartsWith("Events:", StringComparison.Ordinal)).Select(r => r["Events: ".Length..].Split(',')[0]).Order());
        Assert.Equal(["HS-A"], rows.Where(r => r.StartsWith("Dossiers:", StringComparison.Ordinal)).Select(r => r.Split(',')[0]["Dossiers: ".Length..]));
        var figures = await host.Services.GetRequiredService<IndicatorQueries>().GetAsync(catalog.Units.Root.Id, new DayRange(ProvinceTime.LocalDate(Now), ProvinceTime.LocalDate(Now)));
        Assert.Equal((1L, 1L), (figures.Dossiers.Received, figures.Hotline.Received));
        // The refused batch, sent again without its bad event, is stored: nothing of it was.
        var retry = await pipeline.IngestAsync("test", [bad[0]]);
        Assert.Equal((1, 0), (retry.Result!.Accepted, retry.Result.Duplicates));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Backfill_ABadLineInALaterChunk_StoresNothing_TheFileWithoutItIsStoredWhole(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        var (commune, procedure) = CommuneProcedure(host.Services.GetRequiredService<ReferenceCatalog>());
        var at = Now.AddDays(-3);
        List<(int Line, IngestEvent Event)> first = [(2, Events.DossierReceived("HS-X", commune.Code, procedure.Code, at)), (3, Events.DossierReceived("HS-Y", commune.Code, procedure.Code, at))];
        var completed = (4, Events.Dossier(EventTypes.DossierCompleted, "HS-X", at.AddHours(2)));
        var orphan = (5, Events.Dossier(EventTypes.DossierCompleted, "HS-NONE", at.AddHours(2)));

        var refused = await pipeline.IngestAllAsync("csv", Chunks(first, [completed, orphan]));
        var empty = await SnapshotAsync(host);
        var stored = await pipeline.IngestAllAsync("csv", Chunks(first, [completed]));

        Assert.Equal([5], refused.Errors.Select(e => e.Index));
        Assert.DoesNotContain(empty, r => r.StartsWith("Events:", StringComparison.Ordinal) || r.StartsWith("Dossiers:", StringComparison.Ordinal) || r.StartsWith(RollupTable.Dossiers.Name, StringComparison.Ordinal));
        Assert.Equal(3, stored.Result!.Accepted);
        var rows = await SnapshotAsync(host);
        Assert.Equal(3, rows.Count(r => r.StartsWith("Events:", StringComparison.Ordinal)));
        Assert.Equal(["HS-X", "HS-Y"], rows.Where(r => r.StartsWith("Dossiers:", StringComparison.Ordinal)).Select(r => r["Dossiers: ".Length..].Split(',')[0]));
    }

    [Fact]
    public async Task PostgreSql_AStatementFailingOutsideABatchSavepoint_NothingOfTheTransactionIsCommitted()
    {
        await using var host = await ProviderHost.StartAsync(DatabaseOptions.PostgreSql, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        var (commune, procedure) = CommuneProcedure(catalog);
        await using var other = new Npgsql.NpgsqlConnection(host.DatabaseSettings["Database:ConnectionString"]);
        await other.OpenAsync();
        async Task RunAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, other);
            await command.ExecuteNonQueryAsync();
        }
        List<ParsedEvent> Parse(params IngestEvent[] batch)
        {
            var errors = new List<IngestError>();
            var parsed = batch.Select((e, i) => pipeline.Parser.Parse(i, e, errors)!).ToList();
            Assert.Empty(errors);
            return parsed;
        }

        Exception? readFailed;
        Exception? commit;
        using (var session = new IngestSession(host.Services.GetRequiredService<IIngestStore>().Begin(cache: null), catalog,
            host.Services.GetRequiredService<WorkingCalendar>(), host.Services.GetRequiredService<ProvinceClock>()))
        {
            Assert.True(session.Apply("test", Parse(Events.DossierReceived("HS-1", commune.Code, procedure.Code, Now.AddHours(-1)))).Succeeded);
            // The next batch's ticket lookup (before its savepoint) fails: PostgreSQL aborts the whole transaction.
            await RunAsync("ALTER TABLE \"Tickets\" RENAME TO \"TicketsAway\"");
            readFailed = Record.Exception(() => session.Apply("test", Parse(Events.TicketCreated("PAKN-1", Now.AddHours(-1)))));
            await RunAsync("ALTER TABLE \"TicketsAway\" RENAME TO \"Tickets\"");
            commit = Record.Exception(session.Commit);
        }

        Assert.IsType<Npgsql.PostgresException>(readFailed);
        // PostgreSQL would answer COMMIT by rolling back, silently, while the first batch looked stored: the commit must fail instead.
        Assert.NotNull(commit);
        Assert.DoesNotContain(await SnapshotAsync(host), r => r.StartsWith("Events:", StringComparison.Ordinal));
        // The writer's connection serves the next transaction.
        var retry = await pipeline.IngestAsync("test", [Events.DossierReceived("HS-1", commune.Code, procedure.Code, Now.AddHours(-1))]);
        Assert.True(retry.Succeeded, Describe(retry));
    }

    [Fact]
    public async Task PostgreSql_StateLookupsOfAYoungTable_ProbeThePrimaryKey_NotTheCodeTrigramIndex()
    {
        await using var host = await ProviderHost.StartAsync(DatabaseOptions.PostgreSql, now: Now);
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        var (commune, procedure) = CommuneProcedure(host.Services.GetRequiredService<ReferenceCatalog>());
        // Codes as sources spell them, sharing most of their trigrams; a few thousand rows that no VACUUM has counted yet.
        var codes = Enumerable.Range(0, 4_000).Select(i => $"H49.01-2603{i / 1_000:00}-{i % 1_000:0000}").ToArray();
        foreach (var batch in codes.Chunk(1_000))
        {
            var outcome = await pipeline.IngestAsync("test", [.. batch.Select(c => Events.DossierReceived(c, commune.Code, procedure.Code, Now.AddDays(-1)))]);
            Assert.True(outcome.Succeeded, Describe(outcome));
        }

        await using var connection = new Npgsql.NpgsqlConnection(host.DatabaseSettings["Database:ConnectionString"]);
        await connection.OpenAsync();
        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + Aggregation.Storage.PostgreSql.PostgreSqlIngestTransaction.ByCodeSelect("Dossiers", StateStore.DossierColumns), connection);
        explain.Parameters.Add(new Npgsql.NpgsqlParameter<string[]> { TypedValue = [.. codes.Where((_, i) => i % 13 == 0)] });
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                plan.Add(r.GetString(0));
            }
        }

        // Through the trigram index every code would read the posting lists all codes share: seconds per batch at this size already.
        Assert.Contains(plan, line => line.Contains("Index Scan using \"PK_Dossiers\"", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Trigram", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RandomStream_InConcurrentBatches_LeavesTheSameRowsOnBothProviders()
    {
        var start = Now.AddDays(-40);
        await using var sqlite = await ProviderHost.StartAsync(DatabaseOptions.Sqlite, now: Now);
        await using var postgres = await ProviderHost.StartAsync(DatabaseOptions.PostgreSql, now: Now);
        var stream = new RandomEventStream(11, sqlite.Services.GetRequiredService<ReferenceCatalog>(), start, Now);
        var events = stream.Interleave([.. stream.Dossiers(50), .. stream.Tickets(25), .. stream.Documents(25)]);

        var snapshots = new List<List<string>>();
        foreach (var host in new[] { sqlite, postgres })
        {
            await IngestConcurrentlyAsync(host.Services.GetRequiredService<IngestPipeline>(), events);
            snapshots.Add(await SnapshotAsync(host));
        }

        Assert.Equal(events.Count, snapshots[0].Count(r => r.StartsWith("Events:", StringComparison.Ordinal)));
        Assert.Contains(snapshots[0], r => r.StartsWith(RollupTable.Dossiers.Name, StringComparison.Ordinal));
        Assert.Contains(snapshots[0], r => r.StartsWith("TicketAnswerTimes", StringComparison.Ordinal));
        Assert.Contains(snapshots[0], r => r.StartsWith(RollupTable.Documents.Name, StringComparison.Ordinal));
        Assert.Equal(snapshots[0], snapshots[1]);
    }

    /// <summary>Four streams at once, so that batches queue behind the writer and share transactions; each entity stays in one stream.</summary>
    private static async Task IngestConcurrentlyAsync(IngestPipeline pipeline, List<IngestEvent> events)
    {
        var streams = events.GroupBy(e => e.Ticket is not null ? 0 : (int)((uint)StableHash((e.Dossier ?? e.Document)!) % 3) + 1)
            .Select(g => g.Chunk(7).ToList()).ToList();
        var outcomes = await Task.WhenAll(streams.Select(batches => Task.Run(async () =>
        {
            var results = new List<IngestOutcome>();
            foreach (var batch in batches)
            {
                results.Add(await pipeline.IngestAsync("test", batch));
            }
            return results;
        })));
        Assert.All(outcomes.SelectMany(o => o), o => Assert.True(o.Succeeded, Describe(o)));
    }

    private static async IAsyncEnumerable<IReadOnlyList<(int Line, IngestEvent Event)>> Chunks(params List<(int Line, IngestEvent Event)>[] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    private static int StableHash(string s) => s.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static (Unit Commune, Procedure Procedure) CommuneProcedure(ReferenceCatalog catalog) =>
        (catalog.Units.All.First(u => u.IsLocal), catalog.Procedures.First(p => p.HandledBy == "commune" && p.OnlineLevel != OnlineLevel.None));

    private static string Describe(IngestOutcome o) => string.Join("; ", o.Errors.Select(e => $"{e.Index} {e.EventId}: {e.Message}"));

    /// <summary>
    /// Every stored event (but its sequence number), state row and non-zero rollup row, as text, sorted: read with
    /// plain SQL in each provider's spelling, booleans as 0/1 (SQLite stores them so).
    /// </summary>
    internal static async Task<List<string>> SnapshotAsync(ProviderHost host)
    {
        var database = host.Services.GetRequiredService<IQueryDatabase>();
        var tables = new List<(string Table, string[] Columns, int Measures)>
        {
            ("Events", IngestSession.EventColumns.Split(", "), 0),
            ("Dossiers", StateStore.DossierRowColumns, 0),
            ("Tickets", StateStore.TicketRowColumns, 0),
            ("Documents", DocumentStore.RowColumns, 0),
            ("TicketAnswerTimes", ["UnitId", "Dimension", "DimensionValue", "Grain", "Period", "Hours", "Count"], 1),
        };
        tables.AddRange(new[] { RollupTable.Dossiers, RollupTable.Tickets, RollupTable.Documents }.Select(t => (t.Name, t.KeyColumns.Concat(t.Measures).ToArray(), t.Width)));
        var rows = new List<string>();
        await using var connection = await database.OpenReadAsync();
        foreach (var (table, columns, measures) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(database.Dialect.Name))} FROM {database.Dialect.Name(table)}";
            await using var r = await command.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var values = Enumerable.Range(0, r.FieldCount).Select(i => Text(r, i)).ToArray();
                // Ingest may leave rollup rows whose deltas cancelled out; only non-zero ones count.
                if (measures == 0 || values[^measures..].Any(v => v != "0"))
                {
                    rows.Add(table + ": " + string.Join(",", values));
                }
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(DbDataReader r, int i) => r.GetValue(i) switch
    {
        DBNull => "null",
        bool b => b ? "1" : "0",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString()!,
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Storage.PostgreSql;
using Ioc.Aggregation.Tests.Consistency;
using Ioc.Aggregation.Tests.Ingest;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ioc.Aggregation.Tests.Rebuild;

/// <summary>
/// The rollup rebuild alike on SQLite and PostgreSQL: after a realistic stream went through the ingest pipeline,
/// rollups wiped or corrupted are recomputed to exactly the rows (and indicator figures) ingest wrote; a rebuild that
/// fails midway (after it replaced some tables) leaves the previous rollups; on PostgreSQL it waits for another
/// process's writer. And on PostgreSQL the dossier-code indexer stands aside while the code search still finds codes.
/// </summary>
public sealed class RollupRebuildOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RollupsWipedAndCorrupted_RebuildRestoresWhatIngestWrote(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        // Recomputed rollups written every 200 dossiers: rows that several writes add to, as over a large store.
        var rebuilder = ActivatorUtilities.CreateInstance<RollupRebuilder>(host.Services);
        rebuilder.FlushEvery = 200;
        var events = await IngestStreamAsync(host);
        var ingested = await IngestOnBothProvidersTests.SnapshotAsync(host);
        var figures = await FiguresAsync(host);

        var check = await rebuilder.RunAsync(replace: false);
        await CorruptAsync(host);
        var corrupted = await rebuilder.RunAsync(replace: false);
        var rebuilt = await rebuilder.RunAsync(replace: true);

        // More dossier events than one page of PostgreSQL's cursor.
        Assert.True(events.Count(e => e.Dossier is not null) > PostgreSqlRebuildTransaction.FetchRows);
        Assert.Equal(events.Count, check.Events);
        Assert.True(check.Agrees, $"{check}");
        Assert.False(check.Replaced);
        Assert.True(corrupted.RollupDifferences > 0);
        Assert.True((rebuilt.Replaced, rebuilt.ReplayErrors, rebuilt.StateDifferences) == (true, 0, 0), $"{rebuilt}");
        Assert.Equal(ingested, await IngestOnBothProvidersTests.SnapshotAsync(host));
        Assert.Equal(figures, await FiguresAsync(host));
        Assert.True((await rebuilder.RunAsync(replace: false)).Agrees);
        Assert.Empty(await ScratchTablesAsync(host));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RebuildFailingMidway_LeavesThePreviousRollups_AndIngestGoesOn(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var rebuilder = ActivatorUtilities.CreateInstance<RollupRebuilder>(host.Services);
        await IngestStreamAsync(host, dossiers: 300);
        var ingested = await IngestOnBothProvidersTests.SnapshotAsync(host);
        await CorruptAsync(host);
        var previous = await IngestOnBothProvidersTests.SnapshotAsync(host);
        // The swap replaces the answer-time histogram last: its insert fails after the other tables were replaced.
        await ExecuteAsync(host, host.Provider == DatabaseOptions.PostgreSql
            ? "CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; " +
              "CREATE TRIGGER fail_insert BEFORE INSERT ON \"TicketAnswerTimes\" FOR EACH STATEMENT EXECUTE FUNCTION fail_insert();"
            : "CREATE TRIGGER fail_insert BEFORE INSERT ON TicketAnswerTimes BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");

        var failed = await Record.ExceptionAsync(() => rebuilder.RunAsync(replace: true));
        var left = await IngestOnBothProvidersTests.SnapshotAsync(host);
        await ExecuteAsync(host, host.Provider == DatabaseOptions.PostgreSql
            ? "DROP TRIGGER fail_insert ON \"TicketAnswerTimes\"; DROP FUNCTION fail_insert();"
            : "DROP TRIGGER fail_insert;");
        var retried = await rebuilder.RunAsync(replace: true);

        Assert.Contains("injected failure", failed?.Message);
        Assert.NotEqual(ingested, previous);
        Assert.Equal(previous, left);
        Assert.Empty(await ScratchTablesAsync(host));
        Assert.True(retried.Replaced);
        Assert.Equal(ingested, await IngestOnBothProvidersTests.SnapshotAsync(host));
        // The writer was let go and its connection serves ingest.
        var after = await host.Services.GetRequiredService<IngestPipeline>().IngestAsync("test", [Events.TicketCreated("PA-AFTER", Now.AddHours(-1))]);
        Assert.True(after.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnitMoved_NextStartRecomputesOldAndNewParents(string provider)
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        await using var first = await ProviderHost.StartAsync(provider, dir, Now);
        var at = Now.AddDays(-2);
        var stored = await first.Services.GetRequiredService<IngestPipeline>().IngestAsync("test",
            [
                Events.DossierReceived("HS-V1", "C12", "1.001", at),
                Events.TicketCreated("PA-V1", at, commune: "C12"),
                Events.Ticket(EventTypes.TicketRouted, "PA-V1", at.AddMinutes(5), e => { e.Unit = "C12"; e.Category = "moi-truong"; }),
            ]);
        Assert.True(stored.Succeeded);
        // C12 moves from D1 to D2; the next start over the same database finds the tree changed.
        var units = Path.Combine(dir, "units.json");
        var tree = JsonNode.Parse(File.ReadAllText(units))!;
        tree["units"]!.AsArray().First(u => u!["code"]!.GetValue<string>() == "C12")!["parent"] = "D2";
        File.WriteAllText(units, tree.ToJsonString());

        await using var next = ProviderHost.Build(first.DatabaseSettings, new ProvinceClock(new ManualTimeProvider(Now)));
        var catalog = await next.Services.InitializeIocDatabaseAsync();
        await next.Services.RecomputeAfterTreeChangeAsync(NullLogger.Instance);

        var queries = next.Services.GetRequiredService<IndicatorQueries>();
        var year = new DayRange(new DateOnly(ProvinceTime.LocalDate(Now).Year, 1, 1), ProvinceTime.LocalDate(Now));
        var d2 = await queries.GetAsync(catalog.Units.FindByCode("D2")!.Id, year);
        Assert.Equal((1L, 1L), (d2.Dossiers.Received, d2.Hotline.Received));
        Assert.Equal(0L, (await queries.GetAsync(catalog.Units.FindByCode("D1")!.Id, year)).Dossiers.Received);
        Assert.True((await next.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: false)).Agrees);
    }

    [Fact]
    public async Task PostgreSql_RebuildWaitsForAnotherProcessHoldingTheWriterLock()
    {
        await using var host = await ProviderHost.StartAsync(DatabaseOptions.PostgreSql, now: Now);
        var rebuilder = ActivatorUtilities.CreateInstance<RollupRebuilder>(host.Services);
        await IngestStreamAsync(host, dossiers: 50);
        await using var other = new NpgsqlConnection(host.DatabaseSettings["Database:ConnectionString"]);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlIngestTransaction.WriterLock})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        // The rebuild's work runs synchronously on the thread that starts it (as ingest's does), blocked on the lock.
        var rebuild = Task.Run(() => rebuilder.RunAsync(replace: true));
        var waited = await Task.WhenAny(rebuild, Task.Delay(TimeSpan.FromSeconds(1))) != rebuild;
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgreSqlIngestTransaction.WriterLock})", other))
        {
            await release.ExecuteNonQueryAsync();
        }
        var report = await rebuild.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(waited, "The rebuild ran while another process held the writer's lock.");
        Assert.True(report.Agrees && report.Replaced, $"{report}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CodeIndexer_IndexesOnSqliteOnly_NeverFails_CodeSearchFindsACode(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        await IngestStreamAsync(host, dossiers: 40);
        var indexer = ActivatorUtilities.CreateInstance<DossierCodeIndexer>(host.Services);

        var indexed = await indexer.IndexAsync();
        var again = await indexer.IndexAsync();
        // The hosted service starts and stops without a failure on either provider.
        await indexer.StartAsync(CancellationToken.None);
        await indexer.StopAsync(CancellationToken.None);
        var root = host.Services.GetRequiredService<ReferenceCatalog>().Units.Root.Id;
        var found = await host.Services.GetRequiredService<DossierQueries>().ListAsync(new DossierFilter(root, CodeSearch: "hs-00017"), 0, 10);

        Assert.Equal(provider == DatabaseOptions.PostgreSql ? 0 : 40, indexed);
        Assert.Equal(0, again);
        Assert.False(indexer.ExecuteTask is { IsFaulted: true });
        Assert.Equal(["HS-00017"], found.Rows.Select(r => r.Code));
    }

    /// <summary>A random stream of dossier, ticket and document lifecycles, through the pipeline in batches; the events stored.</summary>
    private static async Task<List<IngestEvent>> IngestStreamAsync(ProviderHost host, int dossiers = 1_500)
    {
        var stream = new RandomEventStream(23, host.Services.GetRequiredService<ReferenceCatalog>(), Now.AddDays(-60), Now);
        var events = stream.Interleave([.. stream.Dossiers(dossiers), .. stream.Tickets(dossiers / 5), .. stream.Documents(dossiers / 5)]);
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();
        foreach (var batch in events.Chunk(250))
        {
            var outcome = await pipeline.IngestAsync("test", batch);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        }
        return events;
    }

    /// <summary>What the indicator queries show for the province and each of its first units, over the stream's span, as text.</summary>
    private static async Task<List<string>> FiguresAsync(ProviderHost host)
    {
        var queries = host.Services.GetRequiredService<IndicatorQueries>();
        var today = ProvinceTime.LocalDate(Now);
        var figures = new List<string>();
        foreach (var unit in host.Services.GetRequiredService<ReferenceCatalog>().Units.All.Take(6))
        {
            foreach (var range in new[] { new DayRange(today.AddDays(-60), today), new DayRange(today.AddDays(-7), today) })
            {
                figures.Add(JsonSerializer.Serialize(await queries.GetAsync(unit.Id, range)));
            }
        }
        return figures;
    }

    /// <summary>Every rollup table wrong in its own way: rows gone, measures off, a histogram emptied.</summary>
    private static Task CorruptAsync(ProviderHost host)
    {
        var sql = host.Services.GetRequiredService<IQueryDatabase>().Dialect;
        string Add(RollupTable table, int amount) =>
            $"UPDATE {sql.Name(table.Name)} SET {sql.Name(table.Measures[0])} = {sql.Name(table.Measures[0])} + {amount}; ";
        return ExecuteAsync(host,
            $"DELETE FROM {sql.Name(RollupTable.Dossiers.Name)}; " + Add(RollupTable.Tickets, 3) + Add(RollupTable.Documents, 1) +
            $"DELETE FROM {sql.Name("TicketAnswerTimes")};");
    }

    /// <summary>Tables whose name starts with the rebuild's scratch prefix, on the server or in the file.</summary>
    private static async Task<List<string>> ScratchTablesAsync(ProviderHost host)
    {
        var database = host.Services.GetRequiredService<IQueryDatabase>();
        await using var connection = await database.OpenReadAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Dialect.IsSqlite
            ? "SELECT name FROM sqlite_master WHERE name LIKE 'rebuild%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rebuild%'";
        var names = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            names.Add(r.GetString(0));
        }
        return names;
    }

    /// <summary>Runs SQL on a connection of its own, as another process (or a person at the console) would.</summary>
    private static async Task ExecuteAsync(ProviderHost host, string text)
    {
        if (host.Provider == DatabaseOptions.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(host.DatabaseSettings["Database:ConnectionString"]);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(text, connection);
            await command.ExecuteNonQueryAsync();
            return;
        }
        using var sqlite = host.Services.GetRequiredService<SqliteDatabase>().Open();
        using var cmd = sqlite.CreateCommand();
        cmd.CommandText = text;
        cmd.ExecuteNonQuery();
    }
}

using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests;

public sealed class BackfillTests
{
    private const string Header = "id,type,occurredAt,dossier,unit,procedure,channel,ticket,text";

    private static async Task<(IngestHarness Harness, string Commune, string Procedure)> CreateAsync()
    {
        var h = await IngestHarness.CreateAsync();
        return (h, h.Catalog.Units.All.First(u => u.IsLocal).Code, h.Catalog.Procedures.First(p => p.HandledBy == "commune").Code);
    }

    [Fact]
    public async Task Load_ValidFile_StoresEveryRowThroughIngest()
    {
        var (h, commune, procedure) = await CreateAsync();
        await using var _ = h;
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("ok.csv");
        await File.WriteAllTextAsync(file, string.Join('\n',
            Header,
            $"b1,dossier.received,2026-03-16T08:00:00+07:00,HS-1,{commune},{procedure},in-person,,",
            $"b2,dossier.completed,2026-03-16T10:00:00+07:00,HS-1,,,,,",
            "b3,ticket.created,2026-03-16T09:00:00+07:00,,,,phone,PA-1,\"Phản ánh, có dấu phẩy và \"\"ngoặc kép\"\"\nxuống dòng\""));

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        Assert.Equal(3, outcome.Result!.Accepted);
        var kpis = await h.Queries.GetAsync(h.Catalog.Units.Root.Id, new(new(2026, 3, 16), new(2026, 3, 16)));
        Assert.Equal(1, kpis.Dossiers.Finished);
        Assert.Equal(1, kpis.Hotline.Received);
    }

    [Fact]
    public async Task Load_IntoEmptyStore_LeavesEveryIndexAsTheMigrationsMadeItAndHoldingEveryRow()
    {
        var (h, commune, procedure) = await CreateAsync();
        await using var _ = h;
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("big.csv");
        // An empty store and a file of events: the load drops the secondary indexes and builds them at its end.
        var received = Enumerable.Range(0, 5_000).Select(i => $"r{i},dossier.received,2026-03-16T08:00:00+07:00,HS-{i},{commune},{procedure},in-person,,");
        var completed = Enumerable.Range(0, 3_000).Select(i => $"c{i},dossier.completed,2026-03-17T08:00:00+07:00,HS-{i},,,,,");
        await File.WriteAllTextAsync(file, Header + "\n" + string.Join('\n', received.Concat(completed)));
        var before = Indexes(h);

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        Assert.Equal(8_000, outcome.Result!.Accepted);
        Assert.Equal(before, Indexes(h));
        Assert.Equal("ok", Scalar(h, "PRAGMA integrity_check"));
        // The indexes hold every row: a unit's dossiers whose clock runs, and one dossier's events.
        var unitId = h.Catalog.Units.All.First(u => u.Code == commune).Id;
        Assert.Equal(2_000L, Scalar(h, $"SELECT COUNT(*) FROM Dossiers INDEXED BY IX_Dossiers_UnitId_IsActive_DueAt_Code WHERE UnitId = {unitId} AND IsActive = 1"));
        Assert.Equal(2L, Scalar(h, "SELECT COUNT(*) FROM Events INDEXED BY IX_Events_EntityCode WHERE EntityCode = 'HS-7'"));
    }

    [Fact]
    public async Task DeferredIndexes_DropsOnlyReadersIndexesAndOnlyWhenTheLoadIsAsLargeAsTheStore()
    {
        var (h, commune, procedure) = await CreateAsync();
        await using var _ = h;
        var stored = await h.IngestAsync([.. Enumerable.Range(0, 20).Select(i => new IngestEvent
        {
            Id = $"e{i}", Type = "dossier.received", OccurredAt = new(2026, 3, 16, 8, 0, 0, TimeSpan.FromHours(7)),
            Dossier = $"HS-{i}", Unit = commune, Procedure = procedure, Channel = "in-person",
        })]);
        Assert.True(stored.Succeeded, string.Join("; ", stored.Errors.Select(e => e.Message)));
        using var connection = h.Database.Open();

        using (var tx = connection.BeginTransaction())
        {
            Assert.Null(DeferredIndexes.DropIfWorthIt(connection, tx, expectedEvents: 19));
        }
        using (var tx = connection.BeginTransaction())
        {
            var dropped = DeferredIndexes.DropIfWorthIt(connection, tx, expectedEvents: 20)!;
            Assert.Contains("IX_Events_EntityCode", dropped.Names);
            Assert.Contains("IX_Dossiers_IsActive_DueAt_Code", dropped.Names);
            Assert.Contains("IX_Documents_UnitId_RegisteredAt", dropped.Names);
            // Ingest reads through these: an event id per source, the states by code.
            Assert.DoesNotContain("IX_Events_Source_EventId", dropped.Names);
            Assert.DoesNotContain(dropped.Names, n => n.StartsWith("sqlite_autoindex", StringComparison.Ordinal) || n.StartsWith("IX_Tickets", StringComparison.Ordinal));
        }
        // Both transactions rolled back: every index is still there.
        Assert.Equal(1L, Scalar(h, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'IX_Events_EntityCode'"));
    }

    [Fact]
    public async Task Load_FileWithBadRows_ReportsLineNumbersAndStoresNothing()
    {
        var (h, commune, procedure) = await CreateAsync();
        await using var _ = h;
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("bad.csv");
        // 7 000 good rows fill more than one chunk before the bad ones: the first chunk must not stay stored.
        var rows = Enumerable.Range(0, 7_000).Select(i => $"g{i},dossier.received,2026-03-16T08:00:00+07:00,HS-{i},{commune},{procedure},in-person,,").ToList();
        rows.Add($"x1,dossier.completed,2026-03-16T10:00:00+07:00,HS-NOPE,,,,,");
        rows.Add($"x2,dossier.received,2026-03-16T10:00:00+07:00,HS-Z,NO-UNIT,{procedure},in-person,,");
        await File.WriteAllTextAsync(file, Header + "\n" + string.Join('\n', rows));
        var before = Indexes(h);

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.False(outcome.Succeeded);
        Assert.Equal([7_002, 7_003], outcome.Errors.Select(e => e.Index));
        var kpis = await h.Queries.GetAsync(h.Catalog.Units.Root.Id, new(new(2026, 3, 16), new(2026, 3, 16)));
        Assert.Equal(0, kpis.Dossiers.Received);
        // The indexes it dropped to load faster came back with the rollback.
        Assert.Equal(before, Indexes(h));
        Assert.Equal("ok", Scalar(h, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Load_UnparsableValue_ReportsItsLine()
    {
        var (h, commune, procedure) = await CreateAsync();
        await using var _ = h;
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("value.csv");
        await File.WriteAllTextAsync(file, Header + $"\nv1,dossier.received,yesterday,HS-1,{commune},{procedure},in-person,,\n");

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, outcome.Errors.Single().Index);
        Assert.Contains("OccurredAt", outcome.Errors.Single().Message);
    }

    /// <summary>Every index of the database as sqlite_master keeps it (name, table, its CREATE text).</summary>
    private static List<string> Indexes(IngestHarness h)
    {
        using var connection = h.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name || ' ON ' || tbl_name || ': ' || IFNULL(sql, '(constraint)') FROM sqlite_master WHERE type = 'index' ORDER BY name";
        using var reader = cmd.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    private static object? Scalar(IngestHarness h, string sql)
    {
        using var connection = h.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}

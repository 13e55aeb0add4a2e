using Ioc.Aggregation.Backfill;
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

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.False(outcome.Succeeded);
        Assert.Equal([7_002, 7_003], outcome.Errors.Select(e => e.Index));
        var kpis = await h.Queries.GetAsync(h.Catalog.Units.Root.Id, new(new(2026, 3, 16), new(2026, 3, 16)));
        Assert.Equal(0, kpis.Dossiers.Received);
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
}

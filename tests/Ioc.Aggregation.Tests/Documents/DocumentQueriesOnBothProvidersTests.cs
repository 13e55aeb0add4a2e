using Ioc.Aggregation.Documents;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Documents;

/// <summary>
/// The document figures, trend, lists (every view, a subtree, a later page, the export) and timeline are the
/// same on SQLite and on PostgreSQL. Rollups come from each provider's writer, rows through EF.
/// </summary>
public sealed class DocumentQueriesOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiguresListsAndTimeline_AlikeOnBothProviders(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var root = catalog.Units.Root.Id;
        var child = catalog.Units.Children(root)[0].Id;
        var today = ProvinceTime.LocalDate(Now);
        await SeedAsync(host, root, child, today);
        var queries = host.Services.GetRequiredService<DocumentQueries>();
        var range = new DayRange(today.AddDays(-1), today);

        var kpis = await queries.GetAsync(root, range);
        var trend = await queries.TrendAsync(root, new DayRange(today.AddDays(-2), today), RollupGrainKind.Day);
        async Task<(int, string)> List(int unit, DocumentListView view, int skip = 0, int take = 100)
        {
            var page = await queries.ListAsync(new DocumentFilter(unit, view, range.From, range.To), skip, take);
            return (page.Total, string.Join(" ", page.Rows.Select(r => r.Code)));
        }
        var exported = new List<string>();
        await foreach (var row in queries.StreamAsync(new DocumentFilter(root, DocumentListView.Open, range.From, range.To)))
        {
            exported.Add(row.Code);
        }

        Assert.Equal((3L, 1L, 2L), (kpis.Received, kpis.Processed, kpis.Open));
        Assert.Equal([0L, 3L, 0L], trend.Select(p => p.Documents.Received));
        Assert.Equal((2, "VB-1 VB-2"), await List(root, DocumentListView.Received));
        Assert.Equal((1, "VB-3"), await List(root, DocumentListView.Issued));
        Assert.Equal((1, "VB-3"), await List(root, DocumentListView.Processed));
        // Open ones whenever received: with a due date first, earliest on top, then those without.
        Assert.Equal((3, "VB-1 VB-4 VB-2"), await List(root, DocumentListView.Open));
        Assert.Equal((3, "VB-4"), await List(root, DocumentListView.Open, skip: 1, take: 1));
        Assert.Equal((1, "VB-1"), await List(root, DocumentListView.Overdue));
        Assert.Equal((1, "VB-2"), await List(child, DocumentListView.Open));
        Assert.Equal(["VB-1", "VB-4", "VB-2"], exported);
        var timeline = await queries.TimelineAsync("VB-1");
        Assert.Equal(("VB-1", DocumentStatus.Received, 0), (timeline!.State.Code, timeline.State.Status, timeline.Steps.Count));
        Assert.Null(await queries.TimelineAsync("VB-9"));
    }

    private static async Task SeedAsync(ProviderHost host, int root, int child, DateOnly today)
    {
        var documents = new RollupDeltas(RollupTable.Documents);
        var yesterday = today.AddDays(-1).DayNumber;
        documents.AddDayAndMonth(root, 0, 0, yesterday, (int)DocumentMeasure.Received, 3);
        documents.AddDayAndMonth(root, 0, 0, yesterday, (int)DocumentMeasure.Processed, 1);
        documents.AddDayAndMonth(root, 0, 0, yesterday, (int)DocumentMeasure.OpenDelta, 2);
        host.WriteRollups([documents]);

        long At(int days) => Now.AddDays(days).ToUnixTimeMilliseconds();
        await host.ReadAsync(async db =>
        {
            DocumentRow Row(string code, int unit, DocumentDirection direction, long registered, long? due, long? processed) => new()
            {
                Code = code, UnitId = unit, Direction = direction, Subject = "Công văn " + code, RegisteredAt = registered, DueAt = due,
                Status = processed is null ? DocumentStatus.Received : DocumentStatus.Processed, IsOpen = processed is null,
                ProcessedAt = processed, LastEventAt = processed ?? registered,
            };
            db.Documents.AddRange(
                Row("VB-1", root, DocumentDirection.Incoming, At(-1), At(-2), null),
                Row("VB-2", child, DocumentDirection.Incoming, At(-1), null, null),
                Row("VB-3", child, DocumentDirection.Outgoing, At(-1), null, At(-1) + 60_000),
                Row("VB-4", root, DocumentDirection.Incoming, At(-10), At(1), null),
                Row("VB-5", root, DocumentDirection.Incoming, At(-10), null, At(-10) + 60_000));
            return await db.SaveChangesAsync();
        });
    }
}

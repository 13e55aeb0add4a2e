using System.Text.Json;
using Ioc.Aggregation.Documents;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Contracts;
using Ioc.Domain.Documents;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// The document family under the same test as dossiers and tickets: a random stream, mixed with
/// dossiers and tickets and delivered in random batches with repeats and refused batches, must give
/// the same document indicators from rollups as a brute-force evaluation of the stored events, for
/// every unit and many windows; the lists must hold as many rows as their figures; a rebuild must agree.
/// </summary>
public sealed class DocumentConsistencyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 20, 0, 0, 0, ProvinceTime.Offset);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, ProvinceTime.Offset);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task DocumentIndicators_AfterRandomStream_EqualBruteForceAndRebuild(int seed)
    {
        using var referenceFolder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(seed, h.Catalog, Start, Now);
        var events = stream.Interleave([.. stream.Documents(300), .. stream.Dossiers(60), .. stream.Tickets(30)]);
        await RollupConsistencyTests.DeliverAsync(h, stream, events);
        await DeliverBadDocumentsAsync(h);

        var oracle = new DocumentOracle(h.Catalog, StoredDocumentEvents(h));
        var documents = h.Services.GetRequiredService<DocumentQueries>();
        var today = ProvinceTime.LocalDate(Now);
        var ranges = Enum.GetValues<KpiWindow>().Select(w => KpiWindows.Resolve(w, today)).Concat(
        [
            new DayRange(new(2026, 1, 20), today),
            new DayRange(new(2026, 2, 1), new(2026, 2, 28)),
            new DayRange(new(2026, 2, 10), new(2026, 2, 25)),
            new DayRange(new(2026, 1, 31), new(2026, 2, 1)),
            new DayRange(new(2025, 12, 1), new(2026, 1, 19)),
            new DayRange(new(2026, 1, 15), new(2026, 2, 28)),
            new DayRange(new(2026, 1, 1), new(2026, 2, 20)),
            new DayRange(new(2026, 2, 10), new(2026, 2, 9)),
        ]).ToList();
        for (var i = 0; i < 8; i++)
        {
            var from = new DateOnly(2026, 1, 15).AddDays(stream.NextInt(0, 50));
            ranges.Add(new DayRange(from, from.AddDays(stream.NextInt(0, 40)) is var to && to > today ? today : to));
        }
        var unitIds = h.Catalog.Units.All.Select(u => u.Id).ToList();
        var checkedWithData = 0;
        foreach (var range in ranges)
        {
            var fromRollups = await documents.GetManyAsync(unitIds, range);
            for (var i = 0; i < unitIds.Count; i++)
            {
                var expected = oracle.Documents(unitIds[i], range);
                Assert.Equal(expected, fromRollups[i]);
                checkedWithData += expected.Received + expected.Processed + expected.Open > 0 ? 1 : 0;
            }
        }
        Assert.True(checkedWithData > 100, $"only {checkedWithData} unit–window pairs had documents");

        var root = h.Catalog.Units.Root.Id;
        foreach (var (range, grain) in new[] { (new DayRange(new(2026, 1, 1), today), RollupGrainKind.Month), (new DayRange(new(2026, 2, 10), today), RollupGrainKind.Day) })
        {
            foreach (var point in await documents.TrendAsync(root, range, grain))
            {
                Assert.Equal(oracle.Documents(root, new DayRange(point.Start < range.From ? range.From : point.Start, point.End)), point.Documents);
            }
        }

        // Each figure opens a list of as many documents as it counts.
        foreach (var unit in new[] { h.Catalog.Units.Root, h.Catalog.Units.FindByCode("D1")!, h.Catalog.Units.FindByCode("S1")! })
        {
            var range = KpiWindows.Resolve(KpiWindow.Month, today);
            var kpis = await documents.GetAsync(unit.Id, range);
            foreach (var (view, figure) in new[]
            {
                (DocumentListView.Received, kpis.Received), (DocumentListView.Issued, kpis.Issued), (DocumentListView.Processed, kpis.Processed),
                (DocumentListView.Open, kpis.Open), (DocumentListView.Overdue, kpis.Overdue),
            })
            {
                var page = await documents.ListAsync(new DocumentFilter(unit.Id, view, range.From, range.To), 0, 1000);
                Assert.Equal(figure, page.Total);
                Assert.Equal(page.Total, page.Rows.Count);
            }
        }

        var report = await h.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: false);
        Assert.True(report.Agrees, $"rebuild: {report}");
        Assert.Equal(300, report.Documents);
    }

    /// <summary>Bad document events sink their batch whole: the stored events and every figure stay as they were.</summary>
    private static async Task DeliverBadDocumentsAsync(IngestHarness h)
    {
        var documents = h.Services.GetRequiredService<DocumentQueries>();
        var range = new DayRange(new(2026, 1, 1), ProvinceTime.LocalDate(Now));
        var before = await documents.GetAsync(h.Catalog.Units.Root.Id, range);
        var count = RollupConsistencyTests.StoredEventCount(h);
        var at = Now.AddDays(-1);
        IngestEvent[] bad =
        [
            new() { Id = "bad-1", Type = EventTypes.DocumentProcessed, OccurredAt = at, Document = "VB-NEVER" },
            new() { Id = "bad-2", Type = EventTypes.DocumentReceived, OccurredAt = at, Document = "VB-00000", Unit = "D1", Electronic = true },
            new() { Id = "bad-3", Type = EventTypes.DocumentReceived, OccurredAt = at, Document = "VB-NEW", Unit = "D1" },
            new() { Id = "bad-4", Type = EventTypes.DocumentReceived, OccurredAt = at, Document = "VB-NEW2", Unit = "NO-SUCH", Electronic = true },
            new() { Id = "bad-5", Type = EventTypes.DocumentReceived, OccurredAt = at, Document = "VB-NEW3", Unit = "D1", Electronic = true, DueAt = at.AddDays(-2) },
        ];
        foreach (var e in bad)
        {
            var good = new IngestEvent { Id = "good-" + e.Id, Type = EventTypes.DocumentIssued, OccurredAt = at, Document = "VB-GOOD-" + e.Id, Unit = "D1", Electronic = true };
            var outcome = await h.IngestAsync(good, e);
            Assert.False(outcome.Succeeded);
            Assert.Contains(outcome.Errors, x => x.Index == 1 && x.EventId == e.Id);
        }
        Assert.Equal(count, RollupConsistencyTests.StoredEventCount(h));
        Assert.Equal(before, await documents.GetAsync(h.Catalog.Units.Root.Id, range));
    }

    private static List<DocumentEvent> StoredDocumentEvents(IngestHarness h)
    {
        var parser = EventParser.ForReplay(h.Catalog);
        var result = new List<DocumentEvent>();
        using var c = h.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Payload FROM Events WHERE Type LIKE 'document.%' ORDER BY Seq";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var wire = JsonSerializer.Deserialize(r.GetString(0), IngestJsonContext.Default.IngestEvent)!;
            result.Add(parser.Parse(0, wire, [])?.Document ?? throw new InvalidOperationException("Stored event does not parse."));
        }
        return result;
    }
}

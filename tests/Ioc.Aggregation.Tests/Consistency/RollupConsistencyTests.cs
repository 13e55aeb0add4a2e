using System.Text.Json;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Contracts;
using Ioc.Data.Entities;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Random event streams, delivered in random batches with repeated ids, refused batches and
/// interleaving across units, must give the same indicators from rollups as a brute-force
/// evaluation of the stored events, for every unit of a four-level tree and many windows; and a
/// rebuild from the event store must agree with the incremental rollups exactly.
/// </summary>
public sealed class RollupConsistencyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 20, 0, 0, 0, ProvinceTime.Offset);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, ProvinceTime.Offset);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Indicators_AfterRandomStream_EqualBruteForceAndRebuild(int seed)
    {
        using var referenceFolder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(seed, h.Catalog, Start, Now);
        var events = stream.Interleave([.. stream.Dossiers(260), .. stream.Tickets(140)]);

        await DeliverAsync(h, stream, events);
        var oracle = new BruteForceOracle(h.Catalog, h.Calendar, Now, StoredEvents(h));

        var today = ProvinceTime.LocalDate(Now);
        var ranges = Enum.GetValues<KpiWindow>().Select(w => KpiWindows.Resolve(w, today)).Concat(
        [
            new DayRange(new(2026, 1, 20), today),
            new DayRange(new(2026, 2, 1), new(2026, 2, 28)),
            new DayRange(new(2026, 2, 10), new(2026, 2, 25)), // Tết Bính Ngọ
            new DayRange(new(2026, 1, 31), new(2026, 2, 1)),
            new DayRange(new(2026, 1, 1), new(2026, 1, 31)),
            new DayRange(new(2026, 2, 14), new(2026, 2, 14)),
            new DayRange(new(2025, 12, 1), new(2026, 1, 19)), // before any event
            new DayRange(new(2026, 1, 1), new(2026, 2, 28)), // whole months only
            new DayRange(new(2026, 1, 15), new(2026, 2, 28)), // ragged start, whole end month
            new DayRange(new(2026, 1, 1), new(2026, 2, 20)), // whole start month, ragged end
            new DayRange(new(2026, 2, 10), new(2026, 2, 9)), // empty: only the state before it
        ]).ToList();
        for (var i = 0; i < 8; i++)
        {
            var from = new DateOnly(2026, 1, 15).AddDays(stream.NextInt(0, 50));
            ranges.Add(new DayRange(from, from.AddDays(stream.NextInt(0, 40)) is var to && to > today ? today : to));
        }

        var unitIds = h.Catalog.Units.All.Select(u => u.Id).ToList();
        foreach (var range in ranges)
        {
            var fromRollups = await h.Queries.GetManyAsync(unitIds, range);
            foreach (var kpis in fromRollups)
            {
                Assert.Equal(oracle.Dossiers(kpis.UnitId, range), kpis.Dossiers);
                var hotline = oracle.Hotline(kpis.UnitId, range);
                // A ranking carries no median answer time; one unit's figures do.
                Assert.Equal(hotline with { MedianHoursToAnswer = null }, kpis.Hotline);
                var one = await h.Queries.GetAsync(kpis.UnitId, range);
                Assert.Equal((oracle.Dossiers(kpis.UnitId, range), hotline), (one.Dossiers, one.Hotline));
            }
        }

        foreach (var unit in new[] { h.Catalog.Units.Root, h.Catalog.Units.FindByCode("D1")!, h.Catalog.Units.FindByCode("S1")! })
        {
            var range = new DayRange(new(2026, 2, 1), today);
            foreach (var p in await h.Queries.ByProcedureAsync(unit.Id, range))
            {
                Assert.Equal(oracle.Dossiers(unit.Id, range, p.ProcedureId), p.Dossiers);
            }
            foreach (var dimension in new[] { TicketDimension.Category, TicketDimension.Channel, TicketDimension.Commune })
            {
                foreach (var slice in await h.Queries.HotlineBreakdownAsync(unit.Id, range, dimension))
                {
                    Assert.Equal(oracle.Hotline(unit.Id, range, t => dimension switch
                    {
                        TicketDimension.Category => (t.CategoryId ?? 0) == slice.Value,
                        TicketDimension.Channel => (int)t.Channel == slice.Value,
                        _ => (t.CommuneId ?? 0) == slice.Value,
                    }), slice.Hotline);
                }
            }
        }

        var root = h.Catalog.Units.Root.Id;
        foreach (var (range, grain) in new[] { (new DayRange(new(2026, 1, 1), today), RollupGrainKind.Month), (new DayRange(new(2026, 2, 10), today), RollupGrainKind.Day) })
        {
            foreach (var point in await h.Queries.TrendAsync(root, range, grain))
            {
                var bucket = new DayRange(point.Start < range.From ? range.From : point.Start, point.End);
                Assert.Equal(oracle.Dossiers(root, bucket), point.Dossiers);
                var hotline = oracle.Hotline(root, bucket);
                Assert.Equal((hotline.Received, hotline.Answered, hotline.Open, hotline.AnsweredOnTimeRate, hotline.SatisfactionRate),
                    (point.Hotline.Received, point.Hotline.Answered, point.Hotline.Open, point.Hotline.AnsweredOnTimeRate, point.Hotline.SatisfactionRate));
            }
        }

        var report = await h.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: false);
        Assert.True(report.Agrees, $"rebuild: {report}");
        Assert.Equal(StoredEventCount(h), report.Events);
    }

    /// <summary>Random batches, with earlier events sent again and now and then a bad event that must sink its whole batch.</summary>
    internal static async Task DeliverAsync(IngestHarness h, RandomEventStream stream, List<IngestEvent> events)
    {
        var sent = new List<IngestEvent>();
        var position = 0;
        while (position < events.Count)
        {
            var batch = events.Skip(position).Take(stream.NextInt(1, 60)).ToList();
            position += batch.Count;
            var repeats = sent.Count > 0 && stream.NextDouble() < 0.3 ? Enumerable.Range(0, stream.NextInt(1, 4)).Select(_ => sent[stream.NextInt(0, sent.Count)]).Distinct().ToList() : [];
            var toSend = batch.Concat(repeats).OrderBy(_ => 0).ToList();
            IngestEvent? bad = null;
            if (stream.NextDouble() < 0.15)
            {
                bad = BadEvent(stream.NextInt(0, 4), sent.LastOrDefault());
                toSend.Insert(stream.NextInt(0, toSend.Count + 1), bad);
            }
            var before = StoredEventCount(h);
            var outcome = await h.IngestAsync(toSend);
            if (bad is not null)
            {
                Assert.False(outcome.Succeeded);
                Assert.Equal(before, StoredEventCount(h));
                Assert.Contains(outcome.Errors, e => e.Index == toSend.IndexOf(bad));
                toSend.Remove(bad);
                outcome = await h.IngestAsync(toSend);
            }
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Index} {e.EventId}: {e.Message}")));
            Assert.Equal(repeats.Count, outcome.Result!.Duplicates);
            Assert.Equal(batch.Count, outcome.Result.Accepted);
            Assert.Equal(before + batch.Count, StoredEventCount(h));
            sent.AddRange(batch);
        }
    }

    private static IngestEvent BadEvent(int kind, IngestEvent? earlier) => kind switch
    {
        0 => Events.Dossier(EventTypes.DossierCompleted, "HS-NEVER-RECEIVED", Now.AddDays(-1)),
        1 => Events.DossierReceived("HS-BAD-UNIT", "NO-SUCH-UNIT", "1.001", Now.AddDays(-1)),
        2 => new IngestEvent { Id = Events.NewId(), Type = EventTypes.TicketAnswered, Ticket = "PA-NEVER", Answer = "x" },
        _ => earlier?.Dossier is string code
            ? Events.Dossier(EventTypes.DossierWithdrawn, code, Start.AddDays(-30)) // earlier than the dossier's events
            : Events.Dossier(EventTypes.DossierResumed, "HS-NEVER-RECEIVED", Now.AddDays(-1)),
    };

    internal static long StoredEventCount(IngestHarness h)
    {
        using var c = h.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Events";
        return (long)cmd.ExecuteScalar()!;
    }

    private static List<(Domain.Dossiers.DossierEvent?, Domain.Tickets.TicketEvent?)> StoredEvents(IngestHarness h)
    {
        var parser = new EventParser(h.Catalog, new ProvinceClock(h.Time), h.Services.GetRequiredService<IOptions<IngestLimits>>().Value);
        var result = new List<(Domain.Dossiers.DossierEvent?, Domain.Tickets.TicketEvent?)>();
        using var c = h.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Payload FROM Events ORDER BY Seq";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var wire = JsonSerializer.Deserialize(r.GetString(0), IngestJsonContext.Default.IngestEvent)!;
            var parsed = parser.Parse(0, wire, []) ?? throw new InvalidOperationException("Stored event does not parse.");
            result.Add((parsed.Dossier, parsed.Ticket));
        }
        return result;
    }
}

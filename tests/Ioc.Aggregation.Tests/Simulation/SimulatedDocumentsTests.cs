using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Domain.Documents;
using Ioc.Domain.Time;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Simulation;

/// <summary>The simulator's documents: legal lifecycles in the proportions data/SOURCES.md names, on working days only.</summary>
public sealed class SimulatedDocumentsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public void GenerateDays_Documents_ReplayAndFollowThePublishedShares()
    {
        var simulator = fixture.Create();
        var days = SimulatorFixture.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 29)).ToList();
        var events = days.SelectMany(simulator.GenerateDay).Where(e => EventTypes.IsDocument(e.Type)).ToList();

        var parser = EventParser.ForReplay(fixture.Catalog);
        var states = new Dictionary<string, DocumentState>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.OccurredAt))
        {
            var parsed = parser.Parse(0, e, [])?.Document ?? throw new InvalidOperationException($"{e.Id} does not parse");
            var t = DocumentLifecycle.Apply(states.GetValueOrDefault(parsed.DocumentCode), parsed);
            states[parsed.DocumentCode] = t.State ?? throw new InvalidOperationException($"{e.Id}: {t.Error}");
        }

        // About DocumentsPerDay (280) on each of the month's 20 working days; none on weekends.
        var weekend = days.Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToHashSet();
        Assert.DoesNotContain(states.Values, s => weekend.Contains(ProvinceTime.LocalDate(s.RegisteredAt)));
        Assert.InRange(states.Count, 20 * 280 * 0.85, 20 * 280 * 1.15);

        var all = states.Values.ToList();
        var incoming = all.Where(s => s.Direction == DocumentDirection.Incoming).ToList();
        var outgoing = all.Where(s => s.Direction == DocumentDirection.Outgoing).ToList();
        Assert.InRange(incoming.Count / (double)all.Count, 0.55, 0.65);
        Assert.InRange(all.Count(s => s.Electronic) / (double)all.Count, 0.90, 0.99);
        Assert.InRange(outgoing.Count(s => s.DigitallySigned) / (double)outgoing.Count, 0.90, 0.99);
        var withDue = incoming.Where(s => s.ProcessedOnTime is not null).ToList();
        Assert.InRange(withDue.Count(s => s.ProcessedOnTime == true) / (double)withDue.Count, 0.85, 0.95);
        Assert.All(incoming.Where(s => s.DueAt is not null), s => Assert.True(s.DueAt >= s.RegisteredAt));
    }
}

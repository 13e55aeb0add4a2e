using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Simulation;
using Ioc.Aggregation.Tests.Simulation;
using Ioc.Contracts;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>A simulated ticket: its text as the citizen sent it, and how it ended (the generator's truth).</summary>
public sealed record SimulatedTicket(string Code, string Text, TicketState Final, DateOnly Day);

/// <summary>Simulated days of tickets replayed through the workflow to their final states.</summary>
public static class SimulatedTickets
{
    public static List<SimulatedTicket> Generate(SimulatorFixture fixture, DateOnly first, DateOnly last, int seed = 2026)
    {
        var simulator = fixture.Create(seed);
        var parser = new EventParser(fixture.Catalog, new ProvinceClock(new ManualTimeProvider(DateTimeOffset.MaxValue.AddYears(-1))), new IngestLimits());
        var workflow = new TicketWorkflow(fixture.Catalog, fixture.Calendar);
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        var days = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var errors = new List<IngestError>();
        // A duplicate of a ticket from before the first day has no original here: leave it out.
        var orphans = new HashSet<string>(StringComparer.Ordinal);
        var events = SimulatorFixture.Days(first, last).SelectMany(simulator.GenerateDay).Where(e => EventTypes.IsTicket(e.Type)).OrderBy(e => e.OccurredAt);
        foreach (var e in events)
        {
            var parsed = parser.Parse(0, e, errors)?.Ticket ?? throw new InvalidOperationException(string.Join("; ", errors.Select(x => x.Message)));
            if (parsed.DuplicateOf is string o && !states.ContainsKey(o))
            {
                orphans.Add(parsed.TicketCode);
                continue;
            }
            var t = workflow.Apply(states.GetValueOrDefault(parsed.TicketCode), parsed, parsed.DuplicateOf is string d ? states.GetValueOrDefault(d) : null);
            states[parsed.TicketCode] = t.State ?? throw new InvalidOperationException($"{e.Id}: {t.Error}");
            if (parsed.Kind == TicketEventKind.Created)
            {
                days[parsed.TicketCode] = ProvinceTime.LocalDate(parsed.OccurredAt);
            }
        }
        return [.. states.Values.Where(s => !orphans.Contains(s.Code)).OrderBy(s => s.CreatedAt).Select(s => new SimulatedTicket(s.Code, s.Text, s, days[s.Code]))];
    }

    /// <summary>
    /// The days' ticket events up to <paramref name="until"/>, ready for ingest: duplicates of tickets
    /// from before the first day are left out (their originals are not there).
    /// </summary>
    public static List<IngestEvent> Events(SimulatorFixture fixture, DateOnly first, DateOnly last, DateTimeOffset until, int seed = 2026)
    {
        var events = SimulatorFixture.Days(first, last).SelectMany(fixture.Create(seed).GenerateDay)
            .Where(e => EventTypes.IsTicket(e.Type) && e.OccurredAt <= until).OrderBy(e => e.OccurredAt).ToList();
        var created = events.Where(e => e.Type == EventTypes.TicketCreated).Select(e => e.Ticket!).ToHashSet(StringComparer.Ordinal);
        var orphans = events.Where(e => e.DuplicateOf is string o && !created.Contains(o)).Select(e => e.Ticket!).ToHashSet(StringComparer.Ordinal);
        return [.. events.Where(e => !orphans.Contains(e.Ticket!))];
    }
}

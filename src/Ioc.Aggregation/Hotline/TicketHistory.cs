using System.Text.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Hotline;

/// <summary>
/// One line of a ticket's action log: who did what when, and the status before and after.
/// Built from the stored events, so it is the same history the indicators were computed from.
/// Reporter data never appear here.
/// </summary>
public sealed record TicketHistoryEntry(
    long Sequence,
    TicketEventKind Kind,
    DateTimeOffset OccurredAt,
    string? Actor,
    string Source,
    TicketStatus? From,
    TicketStatus To,
    int? CategoryId,
    int? UnitId,
    TicketUrgency? Urgency,
    DateTimeOffset? DueAt,
    string? DuplicateOf,
    bool? Satisfied,
    string? Reason,
    string? Answer);

public sealed class TicketHistoryReader(TicketQueries queries, ReferenceCatalog catalog, WorkingCalendar calendar)
{
    private readonly TicketWorkflow _workflow = new(catalog, calendar);
    private readonly EventParser _parser = EventParser.ForReplay(catalog);

    /// <summary>The ticket's events in the order they were accepted, replayed to tell each one's statuses.</summary>
    public async Task<IReadOnlyList<TicketHistoryEntry>> ReadAsync(string code, CancellationToken ct = default)
    {
        var dialect = queries.Dialect;
        string N(string column) => dialect.Name(column);
        await using var c = await queries.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        // SQLite's LIKE ignores ASCII case; the dialect's Like keeps that on PostgreSQL (ILIKE), so both read the same events.
        cmd.CommandText = $"SELECT {N("Seq")}, {N("Source")}, {N("Payload")} FROM {N("Events")} WHERE {N("EntityCode")} = @code AND {N("Type")} {dialect.Like} 'ticket.%' ORDER BY {N("Seq")}";
        cmd.AddParameter("@code", code);
        var entries = new List<TicketHistoryEntry>();
        TicketState? state = null;
        var errors = new List<IngestError>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var wire = JsonSerializer.Deserialize(r.GetString(2), IngestJsonContext.Default.IngestEvent);
            errors.Clear();
            if (wire is null || _parser.Parse(0, wire, errors)?.Ticket is not TicketEvent e)
            {
                continue;
            }
            var before = state;
            // The original of a duplicate verdict was valid when it was stored; any state that is not a duplicate stands in for it.
            var stand = e.DuplicateOf is string d && before is not null ? before with { Code = d, Status = TicketStatus.New } : null;
            var t = _workflow.Apply(before, e, stand);
            state = t.State ?? before;
            entries.Add(new TicketHistoryEntry(
                r.GetInt64(0), e.Kind, e.OccurredAt, e.Actor, r.GetString(1), before?.Status, state?.Status ?? TicketStatus.New,
                e.CategoryId, e.UnitId, e.Urgency, e.DueAt, e.DuplicateOf, e.Satisfied, e.Reason, e.Answer));
        }
        return entries;
    }
}

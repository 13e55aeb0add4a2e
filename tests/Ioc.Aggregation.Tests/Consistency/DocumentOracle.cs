using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Document indicators straight from their definitions (README, indicator table): each document's
/// events replayed up to the window's end and every document looked at. It shares only the state
/// machine with the code under test, never the rollups, the difference arrays or SQL.
/// </summary>
internal sealed class DocumentOracle(ReferenceCatalog catalog, IEnumerable<DocumentEvent> accepted)
{
    private readonly Dictionary<string, List<DocumentEvent>> _documents = accepted
        .GroupBy(e => e.DocumentCode).ToDictionary(g => g.Key, g => g.ToList());

    private static DateOnly Day(DateTimeOffset t) => ProvinceTime.LocalDate(t);

    private static DocumentState? Replay(List<DocumentEvent> events, DateOnly? until)
    {
        DocumentState? s = null;
        foreach (var e in events.Where(e => until is not DateOnly u || Day(e.OccurredAt) <= u))
        {
            s = DocumentLifecycle.Apply(s, e).State ?? throw new InvalidOperationException("Accepted event does not replay: " + e);
        }
        return s;
    }

    public DocumentKpis Documents(int unitId, DayRange range)
    {
        long received = 0, issued = 0, electronic = 0, interConnected = 0, signed = 0;
        long processed = 0, withDue = 0, onTime = 0, minutes = 0, open = 0, overdue = 0;
        bool In(DateTimeOffset t) => Day(t) >= range.From && Day(t) <= range.To;
        foreach (var events in _documents.Values)
        {
            var final = Replay(events, null)!;
            if (!catalog.Units.IsWithin(final.UnitId, unitId))
            {
                continue;
            }
            if (In(final.RegisteredAt))
            {
                if (final.Direction == DocumentDirection.Incoming) { received++; } else { issued++; }
                if (final.Electronic) { electronic++; }
                if (final.InterConnected) { interConnected++; }
                if (final.Direction == DocumentDirection.Outgoing && final.DigitallySigned) { signed++; }
            }
            if (final.ProcessedAt is DateTimeOffset p && In(p))
            {
                processed++;
                minutes += (long)Math.Floor((p - final.RegisteredAt).TotalMinutes);
                if (final.DueAt is DateTimeOffset due)
                {
                    withDue++;
                    if (p <= due) { onTime++; }
                }
            }
            // The state at the end of the window's last day, from the events up to that day.
            if (Replay(events, range.To) is { IsOpen: true } atEnd)
            {
                open++;
                if (atEnd.DueAt is DateTimeOffset due && Day(due) < range.To) { overdue++; }
            }
        }
        return new DocumentKpis(received, issued, processed, new Rate(onTime, withDue), open, overdue,
            new Rate(electronic, received + issued), new Rate(interConnected, received + issued), new Rate(signed, issued), minutes);
    }
}

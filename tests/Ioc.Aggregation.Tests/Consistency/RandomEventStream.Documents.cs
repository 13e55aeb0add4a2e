using Ioc.Contracts;

namespace Ioc.Aggregation.Tests.Consistency;

internal sealed partial class RandomEventStream
{
    /// <summary>
    /// Incoming documents (received, assigned now and then twice, processed or left open; due dates at
    /// receipt, at assignment, already past, or none) and outgoing ones, electronic or paper, at any unit.
    /// </summary>
    public List<Lifecycle> Documents(int count)
    {
        var units = _catalog.Units.All.ToList();
        var result = new List<Lifecycle>();
        for (var i = 0; i < count; i++)
        {
            var unit = units[_random.Next(units.Count)];
            var code = $"VB-{i:D5}";
            var at = RandomInstant(_start, _now);
            var electronic = _random.NextDouble() < 0.8;
            if (_random.NextDouble() < 0.35)
            {
                result.Add(new Lifecycle([Document(EventTypes.DocumentIssued, code, at, e =>
                {
                    e.Unit = unit.Code;
                    e.Electronic = electronic;
                    e.InterConnected = electronic && _random.NextDouble() < 0.7 ? true : null;
                    e.DigitallySigned = electronic && _random.NextDouble() < 0.8;
                    e.Subject = "Công văn đi số " + i;
                })], null));
                continue;
            }
            var dueAtReceipt = _random.NextDouble() < 0.4;
            var events = new List<IngestEvent> { Document(EventTypes.DocumentReceived, code, at, e =>
            {
                e.Unit = unit.Code;
                e.Electronic = electronic;
                e.InterConnected = electronic && _random.NextDouble() < 0.6;
                e.DueAt = dueAtReceipt ? DueAfter(at) : null;
                e.Subject = "Văn bản đến số " + i;
            }) };
            var dueSet = dueAtReceipt;
            while (_random.NextDouble() < 0.8)
            {
                at = Later(at);
                if (at > _now)
                {
                    break;
                }
                if (_random.NextDouble() < 0.45)
                {
                    var setDue = !dueSet && _random.NextDouble() < 0.7;
                    dueSet |= setDue;
                    var assignedAt = at;
                    events.Add(Document(EventTypes.DocumentAssigned, code, at, e =>
                    {
                        e.Assignee = Pick("Phòng Tổng hợp", "Phòng Kinh tế", "Văn phòng");
                        e.DueAt = setDue ? DueAfter(assignedAt) : null;
                    }));
                    continue;
                }
                events.Add(Document(EventTypes.DocumentProcessed, code, at));
                break;
            }
            result.Add(new Lifecycle(events, null));
        }
        return result;
    }

    /// <summary>A due date from a few hours to three weeks on, sometimes the same day, sometimes on a day's last millisecond.</summary>
    private DateTimeOffset DueAfter(DateTimeOffset at)
    {
        var due = at.AddMinutes(_random.Next(60, 21 * 1440));
        return _random.NextDouble() < 0.2 ? Ioc.Domain.Time.ProvinceTime.StartOfDay(Ioc.Domain.Time.ProvinceTime.LocalDate(due).AddDays(1)).AddMilliseconds(-1) : due;
    }

    private IngestEvent Document(string type, string code, DateTimeOffset at, Action<IngestEvent>? configure = null)
    {
        var e = new IngestEvent { Id = $"e{_next++:D6}", Type = type, OccurredAt = at, Document = code };
        configure?.Invoke(e);
        return e;
    }
}

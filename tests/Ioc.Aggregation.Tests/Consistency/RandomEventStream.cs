using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Random but legal lifecycles of dossiers and tickets over a period that crosses Tết and month
/// ends, with same-day transitions, repeated pauses, reroutes and duplicates. Events of one entity
/// stay in order; entities interleave at random when delivered, as feeding systems across units do.
/// </summary>
internal sealed partial class RandomEventStream
{
    private readonly Random _random;
    private readonly ReferenceCatalog _catalog;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _now;
    private int _next;

    public RandomEventStream(int seed, ReferenceCatalog catalog, DateTimeOffset start, DateTimeOffset now)
    {
        _random = new Random(seed);
        _catalog = catalog;
        _start = start;
        _now = now;
    }

    /// <summary>One entity's events, in order; <see cref="DependsOn"/> must be delivered before its first event.</summary>
    public sealed record Lifecycle(List<IngestEvent> Events, string? DependsOn);

    public List<Lifecycle> Dossiers(int count)
    {
        var units = _catalog.Units.All.ToList();
        var result = new List<Lifecycle>();
        for (var i = 0; i < count; i++)
        {
            var procedure = _catalog.Procedures[_random.Next(_catalog.Procedures.Count)];
            var candidates = units.Where(u => procedure.HandledBy == Procedure.HandledByCommune ? u.IsLocal : u.Code == procedure.HandledBy || u.ParentId == _catalog.Units.FindByCode(procedure.HandledBy)?.Id).ToList();
            var unit = candidates[_random.Next(candidates.Count)];
            var code = $"HS-{i:D5}";
            var at = RandomInstant(_start, _now);
            var channel = procedure.OnlineLevel == OnlineLevel.None ? Pick("in-person", "postal") : Pick("online", "online", "in-person", "postal");
            var events = new List<IngestEvent> { Dossier(EventTypes.DossierReceived, code, at, e =>
            {
                e.Unit = unit.Code;
                e.Procedure = procedure.Code;
                e.Channel = channel;
                e.PaidOnline = _random.NextDouble() < 0.5 ? true : null;
                e.Digitized = _random.NextDouble() < 0.6 ? true : null;
                e.SyncedToNationalPortal = _random.NextDouble() < 0.8 ? true : null;
                e.VneidAuthenticated = channel == "online" && _random.NextDouble() < 0.5 ? true : null;
                e.PopulationData = _random.NextDouble() < 0.4 ? true : null;
                e.DigitizedDataReused = _random.NextDouble() < 0.3 ? true : null;
            }) };
            var status = "received";
            while (_random.NextDouble() < 0.85)
            {
                at = Later(at);
                if (at > _now)
                {
                    break;
                }
                string type = status switch
                {
                    "received" => Pick(EventTypes.DossierProcessing, EventTypes.DossierPaused, EventTypes.DossierCompleted, EventTypes.DossierCompleted, EventTypes.DossierReturned, EventTypes.DossierWithdrawn),
                    "processing" => Pick(EventTypes.DossierPaused, EventTypes.DossierCompleted, EventTypes.DossierCompleted, EventTypes.DossierCompleted, EventTypes.DossierReturned, EventTypes.DossierWithdrawn),
                    _ => Pick(EventTypes.DossierResumed, EventTypes.DossierResumed, EventTypes.DossierResumed, EventTypes.DossierReturned, EventTypes.DossierWithdrawn),
                };
                events.Add(Dossier(type, code, at, e =>
                {
                    var finishing = type is EventTypes.DossierCompleted or EventTypes.DossierReturned;
                    e.ElectronicResult = type == EventTypes.DossierCompleted && _random.NextDouble() < 0.7 ? true : null;
                    e.ElectronicCopy = type == EventTypes.DossierCompleted && _random.NextDouble() < 0.3 ? true : null;
                    e.LinkedToDataStore = type == EventTypes.DossierCompleted && _random.NextDouble() < 0.5 ? true : null;
                    // Flags that arrive after receipt still count on the day of receipt.
                    e.PopulationData = _random.NextDouble() < 0.1 ? true : null;
                    e.Rating = finishing && _random.NextDouble() < 0.6 ? Pick("satisfied", "satisfied", "dissatisfied") : null;
                }));
                status = type switch
                {
                    EventTypes.DossierProcessing or EventTypes.DossierResumed => "processing",
                    EventTypes.DossierPaused => "paused",
                    _ => "finished",
                };
                if (status == "finished")
                {
                    break;
                }
            }
            result.Add(new Lifecycle(events, null));
        }
        return result;
    }

    public List<Lifecycle> Tickets(int count)
    {
        var locals = _catalog.Units.All.Where(u => u.IsLocal).ToList();
        var units = _catalog.Units.All.ToList();
        var created = new List<(string Code, DateTimeOffset At)>();
        var result = new List<Lifecycle>();
        var starts = Enumerable.Range(0, count).Select(_ => RandomInstant(_start, _now)).Order().ToList();
        for (var i = 0; i < count; i++)
        {
            var code = $"PA-{i:D5}";
            var at = starts[i];
            var category = _random.NextDouble() < 0.6 ? _catalog.Categories[_random.Next(_catalog.Categories.Count)].Code : null;
            var isPublic = _random.NextDouble() < 0.6;
            var events = new List<IngestEvent> { Ticket(EventTypes.TicketCreated, code, at, e =>
            {
                e.Channel = Pick("phone", "app", "web", "zalo", "email", "portal");
                e.Category = category;
                e.Text = "Phản ánh số " + i;
                e.Commune = _random.NextDouble() < 0.8 ? locals[_random.Next(locals.Count)].Code : null;
                e.IsPublic = isPublic;
            }) };
            string? dependsOn = null;
            var status = "new";
            var rated = false;
            var hasCategory = category is not null;
            // A duplicate names an earlier ticket that is never itself a duplicate (even indexes never are).
            var duplicate = i % 2 == 1 && _random.NextDouble() < 0.15 && created.Count > 0;
            while (_random.NextDouble() < 0.85)
            {
                at = Later(at);
                if (at > _now)
                {
                    break;
                }
                if (duplicate && status == "new")
                {
                    var originals = created.Where(c => c.At <= at && int.Parse(c.Code[3..]) % 2 == 0).ToList();
                    if (originals.Count > 0)
                    {
                        var original = originals[_random.Next(originals.Count)].Code;
                        events.Add(Ticket(EventTypes.TicketDuplicate, code, at, e => e.DuplicateOf = original));
                        dependsOn = original;
                        break;
                    }
                }
                var choices = status switch
                {
                    "new" or "triaged" or "returned" => new[] { EventTypes.TicketTriaged, EventTypes.TicketRouted, EventTypes.TicketRouted, EventTypes.TicketRejected, EventTypes.TicketUrgencySet, EventTypes.TicketDueSet },
                    "routed" => [EventTypes.TicketAccepted, EventTypes.TicketAccepted, EventTypes.TicketRouted, EventTypes.TicketReturned, EventTypes.TicketAnswered],
                    "progress" => [EventTypes.TicketAwaitingInfo, EventTypes.TicketAnswered, EventTypes.TicketAnswered, EventTypes.TicketReturned, EventTypes.TicketRejected],
                    "awaiting" => [EventTypes.TicketInfoReceived],
                    "answered" => [EventTypes.TicketRated, EventTypes.TicketClosed, isPublic ? EventTypes.TicketPublished : EventTypes.TicketClosed],
                    "published" => [EventTypes.TicketRated, EventTypes.TicketClosed],
                    "closed" => [EventTypes.TicketRated],
                    _ => [],
                };
                if (choices.Length == 0)
                {
                    break;
                }
                var type = Pick(choices);
                if (type == EventTypes.TicketRated && rated)
                {
                    break;
                }
                var when = at;
                events.Add(Ticket(type, code, at, e =>
                {
                    switch (type)
                    {
                        case EventTypes.TicketTriaged:
                            e.Category = _catalog.Categories[_random.Next(_catalog.Categories.Count)].Code;
                            hasCategory = true;
                            break;
                        case EventTypes.TicketRouted:
                            e.Unit = units[_random.Next(units.Count)].Code;
                            if (!hasCategory || _random.NextDouble() < 0.3)
                            {
                                e.Category = _catalog.Categories[_random.Next(_catalog.Categories.Count)].Code;
                                hasCategory = true;
                            }
                            break;
                        case EventTypes.TicketUrgencySet:
                            e.Urgency = Pick("normal", "high", "urgent");
                            break;
                        case EventTypes.TicketDueSet:
                            e.DueAt = when.AddDays(_random.Next(1, 10));
                            e.Reason = "Gia hạn theo chỉ đạo";
                            break;
                        case EventTypes.TicketAnswered:
                            e.Answer = "Đã xử lý xong";
                            break;
                        case EventTypes.TicketRejected:
                        case EventTypes.TicketReturned:
                            e.Reason = "Không thuộc thẩm quyền";
                            break;
                        case EventTypes.TicketRated:
                            e.Satisfied = _random.NextDouble() < 0.7;
                            break;
                    }
                }));
                status = type switch
                {
                    EventTypes.TicketTriaged => "triaged",
                    EventTypes.TicketRouted => "routed",
                    EventTypes.TicketAccepted or EventTypes.TicketInfoReceived => "progress",
                    EventTypes.TicketAwaitingInfo => "awaiting",
                    EventTypes.TicketAnswered => "answered",
                    EventTypes.TicketPublished => "published",
                    EventTypes.TicketClosed => "closed",
                    EventTypes.TicketReturned => "returned",
                    EventTypes.TicketRejected => "rejected",
                    _ => status,
                };
                rated |= type == EventTypes.TicketRated;
            }
            created.Add((code, starts[i]));
            result.Add(new Lifecycle(events, dependsOn));
        }
        return result;
    }

    /// <summary>Merges lifecycles in random order, keeping each one's order and every dependency before its dependant.</summary>
    public List<IngestEvent> Interleave(List<Lifecycle> lifecycles)
    {
        var queues = lifecycles.Select(l => (Lifecycle: l, Position: 0)).ToList();
        var delivered = new HashSet<string>();
        var result = new List<IngestEvent>();
        while (queues.Count > 0)
        {
            var ready = Enumerable.Range(0, queues.Count)
                .Where(i => queues[i].Position > 0 || queues[i].Lifecycle.DependsOn is null || delivered.Contains(queues[i].Lifecycle.DependsOn!))
                .ToList();
            var pick = ready[_random.Next(ready.Count)];
            var (lifecycle, position) = queues[pick];
            var e = lifecycle.Events[position];
            result.Add(e);
            if (e.Type == EventTypes.TicketCreated)
            {
                delivered.Add(e.Ticket!);
            }
            if (position + 1 == lifecycle.Events.Count)
            {
                queues.RemoveAt(pick);
            }
            else
            {
                queues[pick] = (lifecycle, position + 1);
            }
        }
        return result;
    }

    public int NextInt(int min, int max) => _random.Next(min, max);

    public double NextDouble() => _random.NextDouble();

    private DateTimeOffset Later(DateTimeOffset at)
    {
        // Same-day steps, next-day steps and long waits, so that intervals both vanish and span holidays.
        var r = _random.NextDouble();
        if (r < 0.08)
        {
            // Exactly on an office-hours edge: hour limits and "trong ngày" end on these instants.
            return NextOfficeEdge(at);
        }
        var minutes = r < 0.25 ? _random.Next(1, 180) : r < 0.7 ? _random.Next(600, 3 * 1440) : _random.Next(3 * 1440, 20 * 1440);
        return at.AddMinutes(minutes);
    }

    private DateTimeOffset RandomInstant(DateTimeOffset from, DateTimeOffset to)
    {
        var at = ProvinceTime.ToLocal(from.AddSeconds(Math.Floor(_random.NextDouble() * (to - from).TotalSeconds)));
        return _random.NextDouble() < 0.08 && NextOfficeEdge(at) is var edge && edge < to ? edge : at;
    }

    /// <summary>The next of 7:30, 11:30, 13:30 and 17:00 (any day, off days included) strictly after <paramref name="at"/>.</summary>
    private static DateTimeOffset NextOfficeEdge(DateTimeOffset at)
    {
        var local = ProvinceTime.ToLocal(at);
        var day = ProvinceTime.StartOfDay(DateOnly.FromDateTime(local.DateTime));
        TimeSpan[] edges = [OfficeHours.MorningStart, OfficeHours.MorningEnd, OfficeHours.AfternoonStart, OfficeHours.AfternoonEnd];
        foreach (var e in edges)
        {
            if (day + e > local)
            {
                return day + e;
            }
        }
        return day.AddDays(1) + edges[0];
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private IngestEvent Dossier(string type, string code, DateTimeOffset at, Action<IngestEvent>? configure = null)
    {
        var e = new IngestEvent { Id = $"e{_next++:D6}", Type = type, OccurredAt = at, Dossier = code };
        configure?.Invoke(e);
        return e;
    }

    private IngestEvent Ticket(string type, string code, DateTimeOffset at, Action<IngestEvent>? configure = null)
    {
        var e = new IngestEvent { Id = $"e{_next++:D6}", Type = type, OccurredAt = at, Ticket = code };
        configure?.Invoke(e);
        return e;
    }
}

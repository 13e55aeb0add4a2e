using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Tickets;

/// <summary>
/// The ticket workflow of DESIGN.md: new → triaged/routed → in progress → (awaiting info) →
/// answered → published/closed, with rejected, returned to triage and duplicate as side exits.
/// </summary>
public sealed class TicketWorkflow(ReferenceCatalog catalog, WorkingCalendar calendar)
{
    /// <summary>Tickets that arrive without a category run on this one's SLA until triaged.</summary>
    public const string DefaultCategoryCode = "khac";

    private static readonly Dictionary<TicketEventKind, TicketStatus[]> From = new()
    {
        [TicketEventKind.Triaged] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage],
        [TicketEventKind.Routed] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage, TicketStatus.Routed],
        [TicketEventKind.Accepted] = [TicketStatus.Routed],
        [TicketEventKind.AwaitingInfo] = [TicketStatus.InProgress],
        [TicketEventKind.InfoReceived] = [TicketStatus.AwaitingInfo],
        [TicketEventKind.Answered] = [TicketStatus.Routed, TicketStatus.InProgress],
        [TicketEventKind.Published] = [TicketStatus.Answered],
        [TicketEventKind.Closed] = [TicketStatus.Answered, TicketStatus.Published],
        [TicketEventKind.Rejected] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage, TicketStatus.Routed, TicketStatus.InProgress],
        [TicketEventKind.ReturnedToTriage] = [TicketStatus.Routed, TicketStatus.InProgress],
        [TicketEventKind.MarkedDuplicate] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage],
        [TicketEventKind.Rated] = [TicketStatus.Answered, TicketStatus.Published, TicketStatus.Closed],
        [TicketEventKind.UrgencySet] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage, TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInfo],
        [TicketEventKind.DueSet] = [TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage, TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInfo],
    };

    /// <summary>The statuses a ticket may be in for the event to apply, for UIs that offer only legal actions.</summary>
    public static IReadOnlyList<TicketStatus> AllowedFrom(TicketEventKind kind) =>
        kind == TicketEventKind.Created ? [] : From[kind];

    public static bool CanApply(TicketStatus status, TicketEventKind kind) =>
        kind != TicketEventKind.Created && Array.IndexOf(From[kind], status) >= 0;

    /// <param name="original">For a duplicate verdict: the state of the ticket named as the original.</param>
    public Transition<TicketState> Apply(TicketState? current, TicketEvent e, TicketState? original = null)
    {
        if (current is null)
        {
            return e.Kind == TicketEventKind.Created
                ? Create(e)
                : Fail("ticket.unknown", $"Ticket {e.TicketCode} does not exist; '{e.Kind}' needs a created ticket first.");
        }
        if (e.Kind == TicketEventKind.Created)
        {
            return Fail("ticket.already-created", $"Ticket {e.TicketCode} already exists.");
        }
        if (e.IfUnchangedSince is DateTimeOffset seen && seen.ToUnixTimeMilliseconds() != current.LastEventAt.ToUnixTimeMilliseconds())
        {
            // Optimistic concurrency: the sender acted on a state someone else has changed since.
            return Fail("ticket.changed", $"Ticket {e.TicketCode} changed at {current.LastEventAt:O}, after the state the action was based on ({seen:O}).");
        }
        if (e.OccurredAt < current.LastEventAt)
        {
            return Fail("event.out-of-order", $"Event at {e.OccurredAt:O} is earlier than the ticket's last event at {current.LastEventAt:O}.");
        }
        if (!CanApply(current.Status, e.Kind))
        {
            return Fail("ticket.transition", $"A ticket that is {StatusName(current.Status)} cannot be {KindName(e.Kind)}.");
        }

        var next = current with { LastEventAt = e.OccurredAt };
        switch (e.Kind)
        {
            case TicketEventKind.Triaged:
                if (e.CategoryId is null && e.Urgency is null)
                {
                    return Fail("field.missing", "Triage needs a category or an urgency.");
                }
                return WithCategory(next with { Status = TicketStatus.Triaged, Urgency = e.Urgency ?? current.Urgency }, e.CategoryId, current.Urgency);

            case TicketEventKind.Routed:
            {
                if (e.UnitId is not int unitId || !catalog.Units.Contains(unitId))
                {
                    return Fail("unit.unknown", "Routing needs a known responsible unit.");
                }
                if ((e.CategoryId ?? current.CategoryId) is null)
                {
                    return Fail("ticket.uncategorized", "Classify the ticket before routing it: routing needs a category.");
                }
                return WithCategory(next with { Status = TicketStatus.Routed, UnitId = unitId, Urgency = e.Urgency ?? current.Urgency, StatusReason = null }, e.CategoryId, current.Urgency);
            }

            case TicketEventKind.Accepted:
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.InProgress });

            case TicketEventKind.AwaitingInfo:
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.AwaitingInfo, PausedAt = e.OccurredAt, StatusReason = e.Reason });

            case TicketEventKind.InfoReceived:
            {
                var pausedAt = current.PausedAt!.Value;
                var resumed = next with
                {
                    Status = TicketStatus.InProgress,
                    PausedAt = null,
                    PausedClockTime = current.PausedClockTime + (e.OccurredAt - pausedAt),
                    PausedWorkingTime = current.PausedWorkingTime + calendar.WorkingTimeBetween(pausedAt, e.OccurredAt),
                    StatusReason = null,
                };
                return Transition<TicketState>.Ok(current.DueOverrideReason is null
                    ? resumed with { DueAt = SlaDue(resumed) }
                    : resumed with { DueAt = current.DueAt + (e.OccurredAt - pausedAt) });
            }

            case TicketEventKind.Answered:
                if (string.IsNullOrWhiteSpace(e.Answer))
                {
                    return Fail("field.missing", "An answer needs its text.");
                }
                return Transition<TicketState>.Ok(next with
                {
                    Status = TicketStatus.Answered,
                    Answer = e.Answer,
                    AnsweredAt = e.OccurredAt,
                    AnsweredOnTime = e.OccurredAt <= current.DueAt,
                    ResolvedAt = e.OccurredAt,
                });

            case TicketEventKind.Published:
                return current.IsPublic
                    ? Transition<TicketState>.Ok(next with { Status = TicketStatus.Published })
                    : Fail("ticket.private", "The reporter asked for a private answer; it cannot be published.");

            case TicketEventKind.Closed:
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.Closed });

            case TicketEventKind.Rejected:
                if (string.IsNullOrWhiteSpace(e.Reason))
                {
                    return Fail("field.missing", "A rejection needs a reason.");
                }
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.Rejected, StatusReason = e.Reason, ResolvedAt = e.OccurredAt });

            case TicketEventKind.ReturnedToTriage:
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.ReturnedToTriage, UnitId = null, StatusReason = e.Reason });

            case TicketEventKind.MarkedDuplicate:
                if (string.IsNullOrWhiteSpace(e.DuplicateOf) || e.DuplicateOf == current.Code)
                {
                    return Fail("ticket.duplicate-of", "A duplicate needs the code of another ticket.");
                }
                if (original is null)
                {
                    return Fail("ticket.unknown", $"Ticket {e.DuplicateOf} named as the original does not exist.");
                }
                if (original.Status == TicketStatus.Duplicate)
                {
                    return Fail("ticket.duplicate-of", $"Ticket {original.Code} is itself a duplicate of {original.DuplicateOf}; link to that one.");
                }
                return Transition<TicketState>.Ok(next with { Status = TicketStatus.Duplicate, DuplicateOf = e.DuplicateOf, ResolvedAt = e.OccurredAt });

            case TicketEventKind.Rated:
                if (e.Satisfied is not bool satisfied)
                {
                    return Fail("field.missing", "A rating needs 'satisfied' (true or false).");
                }
                if (current.RatedAt is not null)
                {
                    return Fail("ticket.already-rated", "The citizen's rating is already recorded.");
                }
                return Transition<TicketState>.Ok(next with { Satisfied = satisfied, RatedAt = e.OccurredAt });

            case TicketEventKind.UrgencySet:
                return e.Urgency is TicketUrgency u
                    ? Transition<TicketState>.Ok(WithDue(next with { Urgency = u }))
                    : Fail("field.missing", "Setting the urgency needs an urgency.");

            case TicketEventKind.DueSet:
                if (e.DueAt is not DateTimeOffset dueAt || string.IsNullOrWhiteSpace(e.Reason))
                {
                    return Fail("field.missing", "A manual due date needs the date and a reason.");
                }
                if (dueAt <= current.CreatedAt)
                {
                    return Fail("ticket.due", "A manual due date must be after the ticket was created.");
                }
                return Transition<TicketState>.Ok(next with { DueAt = dueAt, DueOverrideReason = e.Reason });

            default:
                return Fail("ticket.transition", $"Unsupported event {e.Kind}.");
        }
    }

    /// <summary>The SLA due instant: from creation, by the category's service level, plus the time spent waiting for information.</summary>
    public DateTimeOffset SlaDue(TicketState s)
    {
        var sla = SlaOf(s.CategoryId);
        if (IsUrgentSla(s, sla) && sla.UrgentHours is int urgent)
        {
            // Khẩn: the category's urgent service level, on the clock (an urgent matter does not wait for Monday).
            return s.CreatedAt + TimeSpan.FromHours(urgent) + s.PausedClockTime;
        }
        return sla.WorkingDays is int days
            ? calendar.AddWorkingTime(s.CreatedAt, TimeSpan.FromDays(days) + s.PausedWorkingTime)
            : s.CreatedAt + TimeSpan.FromHours(sla.Hours ?? 24) + s.PausedClockTime;
    }

    /// <summary>Working time left until the due instant (negative when overdue), on the clock of the ticket's SLA.</summary>
    public TimeSpan TimeLeft(TicketState s, DateTimeOffset now)
    {
        var sla = SlaOf(s.CategoryId);
        var at = s.PausedAt ?? now;
        if (sla.WorkingDays is null || IsUrgentSla(s, sla))
        {
            return s.DueAt - at;
        }
        return at <= s.DueAt ? calendar.WorkingTimeBetween(at, s.DueAt) : -calendar.WorkingTimeBetween(s.DueAt, at);
    }

    /// <summary>The SLA's whole length, to tell how much of it is left.</summary>
    public TimeSpan SlaLength(TicketState s)
    {
        var sla = SlaOf(s.CategoryId);
        if (IsUrgentSla(s, sla))
        {
            return TimeSpan.FromHours(sla.UrgentHours!.Value);
        }
        return sla.WorkingDays is int d ? TimeSpan.FromDays(d) : TimeSpan.FromHours(sla.Hours ?? 24);
    }

    private static bool IsUrgentSla(TicketState s, ServiceLevel sla) => s.Urgency == TicketUrgency.Urgent && sla.UrgentHours is not null;

    private ServiceLevel SlaOf(int? categoryId) =>
        (categoryId is int id ? catalog.FindCategory(id) : null)?.Sla
        ?? catalog.FindCategory(DefaultCategoryCode)?.Sla
        ?? ServiceLevel.Days(10);

    private Transition<TicketState> Create(TicketEvent e)
    {
        if (e.Channel is not TicketChannel channel)
        {
            return Fail("field.missing", "A new ticket needs a channel.");
        }
        if (string.IsNullOrWhiteSpace(e.Text))
        {
            return Fail("field.missing", "A new ticket needs its text.");
        }
        if (e.CategoryId is int c && catalog.FindCategory(c) is null)
        {
            return Fail("category.unknown", "Unknown category.");
        }
        if (e.CommuneId is int commune && catalog.Units.Find(commune) is not { IsLocal: true })
        {
            return Fail("unit.unknown", "The location must be a commune, ward or special zone.");
        }
        if (e.Latitude is double lat && (lat is < -90 or > 90 || e.Longitude is not double lon || lon is < -180 or > 180))
        {
            return Fail("field.invalid", "Latitude and longitude must both be given and within range.");
        }
        var state = new TicketState(
            e.TicketCode, channel, e.CategoryId, e.Text, e.Address, e.CommuneId, e.Latitude, e.Longitude,
            e.ReporterName, e.ReporterPhone, e.IsPublic ?? false, e.Urgency ?? TicketUrgency.Normal, UnitId: null,
            e.OccurredAt, e.OccurredAt, null, TicketStatus.New, null, TimeSpan.Zero, TimeSpan.Zero,
            null, null, null, null, null, null, null, null, e.OccurredAt);
        return Transition<TicketState>.Ok(state with { DueAt = SlaDue(state) });
    }

    private Transition<TicketState> WithCategory(TicketState s, int? categoryId, TicketUrgency urgencyBefore)
    {
        if (categoryId is not int id || id == s.CategoryId)
        {
            return Transition<TicketState>.Ok(s.Urgency != urgencyBefore ? WithDue(s) : s);
        }
        if (catalog.FindCategory(id) is null)
        {
            return Fail("category.unknown", "Unknown category.");
        }
        return Transition<TicketState>.Ok(WithDue(s with { CategoryId = id }));
    }

    /// <summary>The SLA deadline again after urgency or category changed, unless someone set it by hand.</summary>
    private TicketState WithDue(TicketState s) => s.DueOverrideReason is null ? s with { DueAt = SlaDue(s) } : s;

    private static Transition<TicketState> Fail(string code, string message) => Transition<TicketState>.Fail(code, message);

    public static string StatusName(TicketStatus s) => s switch
    {
        TicketStatus.New => "new",
        TicketStatus.Triaged => "triaged",
        TicketStatus.Routed => "routed",
        TicketStatus.InProgress => "in progress",
        TicketStatus.AwaitingInfo => "awaiting information",
        TicketStatus.Answered => "answered",
        TicketStatus.Published => "published",
        TicketStatus.Closed => "closed",
        TicketStatus.Rejected => "rejected",
        TicketStatus.ReturnedToTriage => "returned to triage",
        _ => "a duplicate",
    };

    private static string KindName(TicketEventKind k) => k switch
    {
        TicketEventKind.Triaged => "triaged",
        TicketEventKind.Routed => "routed",
        TicketEventKind.Accepted => "accepted by the unit",
        TicketEventKind.AwaitingInfo => "put on hold for information",
        TicketEventKind.InfoReceived => "resumed with information",
        TicketEventKind.Answered => "answered",
        TicketEventKind.Published => "published",
        TicketEventKind.Closed => "closed",
        TicketEventKind.Rejected => "rejected",
        TicketEventKind.ReturnedToTriage => "returned to triage",
        TicketEventKind.MarkedDuplicate => "marked a duplicate",
        TicketEventKind.Rated => "rated",
        TicketEventKind.UrgencySet => "given an urgency",
        TicketEventKind.DueSet => "given a due date",
        _ => "created",
    };
}

using System.Globalization;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Hotline;

/// <summary>What an operator does to a ticket. Each becomes one ticket event.</summary>
public enum TriageAction
{
    /// <summary>Phân loại: category and/or urgency, not yet routed.</summary>
    Classify,
    /// <summary>Chuyển xử lý: to the responsible unit (with the category, when it changes).</summary>
    Route,
    SetUrgency,
    /// <summary>Trùng: merged into another ticket, which the citizen's matter is already in.</summary>
    MarkDuplicate,
    /// <summary>Từ chối: spam, wrong number, out of scope; needs a reason.</summary>
    Reject,
    /// <summary>Hạn xử lý thủ công: overrides the category's SLA; needs a reason.</summary>
    SetDue,
    /// <summary>The unit took the ticket up (đang xử lý).</summary>
    Accept,
    /// <summary>Chờ bổ sung thông tin: the SLA clock stops.</summary>
    AwaitInfo,
    InfoReceived,
    Answer,
    /// <summary>Công khai: a public ticket's answer is published.</summary>
    Publish,
    /// <summary>The citizen's rating (hài lòng / không hài lòng).</summary>
    Rate,
    Close,
    ReturnToTriage,
}

/// <summary>One action on one ticket; which fields matter depends on the action.</summary>
public sealed record TriageRequest(TriageAction Action, string TicketCode)
{
    public int? CategoryId { get; init; }
    public int? UnitId { get; init; }
    public TicketUrgency? Urgency { get; init; }
    public string? DuplicateOf { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? Answer { get; init; }
    public bool? Satisfied { get; init; }
    /// <summary>The ticket's last change as the operator saw it: when a colleague changed it since, the action is refused (ticket.changed).</summary>
    public DateTimeOffset? IfUnchangedSince { get; init; }
}

/// <summary>Why an action on a ticket was not applied. <see cref="Code"/> is the ingest error code (or access.denied, ticket.unknown).</summary>
/// <param name="Status">The ticket's status when it was refused, for messages such as "an answered ticket cannot be routed".</param>
public sealed record TriageRefusal(string TicketCode, TriageAction Action, string Code, string Message, TicketStatus? Status);

public sealed record TriageOutcome(IReadOnlyList<string> Applied, IReadOnlyList<TriageRefusal> Refused)
{
    public bool Succeeded => Refused.Count == 0 && Applied.Count > 0;
}

/// <summary>A phone call taken at the desk (ghi nhận cuộc gọi).</summary>
public sealed record NewCall(string Text)
{
    public int? CategoryId { get; init; }
    public int? CommuneId { get; init; }
    public string? Address { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public bool IsPublic { get; init; }
    public TicketUrgency Urgency { get; init; }
    public TicketChannel Channel { get; init; } = TicketChannel.Phone;
}

/// <summary>
/// Turns operators' triage actions into ticket events, submits them through the event sink (the
/// same validation as every feeding system: an illegal transition is refused there too), and
/// writes every applied action to the audit log with the ticket's state before and after.
/// </summary>
public sealed class TriageCommands(
    IEventSink sink,
    TicketQueries queries,
    TicketSuggester suggester,
    ReferenceCatalog catalog,
    ProvinceClock clock,
    AuditLog audit,
    ILogger<TriageCommands> logger)
{
    /// <summary>Prefix of tickets recorded at the desk: 1022-yyMMdd-T001.</summary>
    public const string DeskCodeMarker = "T";

    public Task<TriageOutcome> ApplyAsync(AccessScope scope, string actor, TriageRequest request, CancellationToken ct = default) =>
        ApplyAsync(scope, actor, [request], ct);

    /// <summary>
    /// Applies the actions, one ticket each. Legal ones are applied even when others in the same
    /// call are refused (a bulk action reports per ticket); each refusal says why.
    /// </summary>
    public async Task<TriageOutcome> ApplyAsync(AccessScope scope, string actor, IReadOnlyList<TriageRequest> requests, CancellationToken ct = default)
    {
        if (!scope.CanTriage)
        {
            return new TriageOutcome([], [.. requests.Select(r => new TriageRefusal(r.TicketCode, r.Action, "access.denied", "Only hotline staff may triage tickets.", null))]);
        }
        var refused = new List<TriageRefusal>();
        var codes = requests.Select(r => r.TicketCode).Concat(requests.Select(r => r.DuplicateOf).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var before = await queries.LoadManyAsync(codes, ct);
        var pending = new List<(TriageRequest Request, IngestEvent Event, TicketState State)>();
        foreach (var group in requests.GroupBy(r => r.TicketCode, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                refused.AddRange(group.Skip(1).Select(r => new TriageRefusal(r.TicketCode, r.Action, "request.repeated", "One action per ticket at a time.", null)));
            }
            var request = group.First();
            if (!before.TryGetValue(request.TicketCode, out var state))
            {
                refused.Add(new TriageRefusal(request.TicketCode, request.Action, "ticket.unknown", $"Ticket {request.TicketCode} does not exist.", null));
                continue;
            }
            var kind = KindOf(request.Action);
            if (request.IfUnchangedSince is DateTimeOffset seen && seen.ToUnixTimeMilliseconds() != state.LastEventAt.ToUnixTimeMilliseconds())
            {
                // Checked here for a quick answer, and again by the workflow inside the ingest transaction.
                refused.Add(new TriageRefusal(request.TicketCode, request.Action, "ticket.changed", $"Ticket {request.TicketCode} changed since it was shown.", state.Status));
                continue;
            }
            if (!TicketWorkflow.CanApply(state.Status, kind))
            {
                refused.Add(new TriageRefusal(request.TicketCode, request.Action, "ticket.transition",
                    $"A ticket that is {TicketWorkflow.StatusName(state.Status)} cannot take '{request.Action}'.", state.Status));
                continue;
            }
            pending.Add((request, EventOf(request, state, actor), state));
        }

        var applied = new List<(TriageRequest Request, TicketState Before)>();
        // A refused event makes the whole batch fail; retry once without the refused ones so that a bulk action does what it can.
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            var outcome = await sink.SubmitAsync([.. pending.Select(p => p.Event)], ct);
            if (outcome.Succeeded)
            {
                applied.AddRange(pending.Select(p => (p.Request, p.State)));
                pending.Clear();
                break;
            }
            var byIndex = outcome.Errors.Where(e => e.Index >= 0 && e.Index < pending.Count).ToLookup(e => e.Index);
            if (byIndex.Count == 0 || attempt == 1)
            {
                var reason = outcome.Errors.FirstOrDefault();
                refused.AddRange(pending.Select((p, i) =>
                {
                    var error = byIndex[i].FirstOrDefault() ?? reason;
                    return new TriageRefusal(p.Request.TicketCode, p.Request.Action, error?.Code ?? "ingest.failed", error?.Message ?? "Refused.", p.State.Status);
                }));
                pending.Clear();
                break;
            }
            var kept = new List<(TriageRequest, IngestEvent, TicketState)>();
            for (var i = 0; i < pending.Count; i++)
            {
                if (byIndex[i].FirstOrDefault() is IngestError error)
                {
                    refused.Add(new TriageRefusal(pending[i].Request.TicketCode, pending[i].Request.Action, error.Code, error.Message, pending[i].State.Status));
                }
                else
                {
                    kept.Add(pending[i]);
                }
            }
            pending = kept;
        }

        if (applied.Count > 0)
        {
            var after = await queries.LoadManyAsync([.. applied.Select(a => a.Request.TicketCode)], ct);
            foreach (var (request, state) in applied)
            {
                await audit.WriteAsync(actor, "ticket." + request.Action.ToString().ToLowerInvariant(), request.TicketCode,
                    Snapshot(state), after.TryGetValue(request.TicketCode, out var s) ? Snapshot(s) : null, request.Reason, ct);
            }
            LearnSoon();
        }
        return new TriageOutcome([.. applied.Select(a => a.Request.TicketCode)], refused);
    }

    /// <summary>Records a phone call as a new ticket. Returns its code, or the refusal.</summary>
    public async Task<(string? Code, TriageRefusal? Refusal)> RecordCallAsync(AccessScope scope, string actor, NewCall call, CancellationToken ct = default)
    {
        if (!scope.CanTriage)
        {
            return (null, new TriageRefusal("", TriageAction.Classify, "access.denied", "Only hotline staff may record calls.", null));
        }
        var now = clock.UtcNow;
        var prefix = $"1022-{ProvinceTime.LocalDate(now).ToString("yyMMdd", CultureInfo.InvariantCulture)}-{DeskCodeMarker}";
        IngestError? last = null;
        // Two operators may take a number at the same moment: the loser takes the next one.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var number = await queries.CountWithPrefixAsync(prefix, ct) + 1 + attempt;
            var code = prefix + number.ToString("D3", CultureInfo.InvariantCulture);
            var e = new IngestEvent
            {
                Id = NewEventId(),
                Type = EventTypes.TicketCreated,
                OccurredAt = now,
                Actor = actor,
                Ticket = code,
                Channel = WireChannel(call.Channel),
                Category = call.CategoryId is int c ? catalog.FindCategory(c)?.Code : null,
                Text = call.Text,
                Commune = call.CommuneId is int m ? catalog.Units.Find(m)?.Code : null,
                Address = Blank(call.Address),
                ReporterName = Blank(call.ReporterName),
                ReporterPhone = Blank(call.ReporterPhone),
                IsPublic = call.IsPublic,
                Urgency = WireUrgency(call.Urgency),
            };
            var outcome = await sink.SubmitAsync([e], ct);
            if (outcome.Succeeded)
            {
                await audit.WriteAsync(actor, "ticket.recorded", code, null, new { call.CategoryId, call.CommuneId, call.Urgency, call.IsPublic }, null, ct);
                return (code, null);
            }
            last = outcome.Errors.FirstOrDefault();
            if (last?.Code != "ticket.already-created")
            {
                break;
            }
        }
        return (null, new TriageRefusal("", TriageAction.Classify, last?.Code ?? "ingest.failed", last?.Message ?? "Refused.", null));
    }

    public static TicketEventKind KindOf(TriageAction action) => action switch
    {
        TriageAction.Classify => TicketEventKind.Triaged,
        TriageAction.Route => TicketEventKind.Routed,
        TriageAction.SetUrgency => TicketEventKind.UrgencySet,
        TriageAction.MarkDuplicate => TicketEventKind.MarkedDuplicate,
        TriageAction.Reject => TicketEventKind.Rejected,
        TriageAction.SetDue => TicketEventKind.DueSet,
        TriageAction.Accept => TicketEventKind.Accepted,
        TriageAction.AwaitInfo => TicketEventKind.AwaitingInfo,
        TriageAction.InfoReceived => TicketEventKind.InfoReceived,
        TriageAction.Answer => TicketEventKind.Answered,
        TriageAction.Publish => TicketEventKind.Published,
        TriageAction.Rate => TicketEventKind.Rated,
        TriageAction.Close => TicketEventKind.Closed,
        _ => TicketEventKind.ReturnedToTriage,
    };

    /// <summary>The actions the workflow allows from a status, for UIs that offer only those.</summary>
    public static IReadOnlyList<TriageAction> AllowedActions(TicketState s) =>
        [.. Enum.GetValues<TriageAction>().Where(a => TicketWorkflow.CanApply(s.Status, KindOf(a))
            && (a != TriageAction.Publish || s.IsPublic)
            && (a != TriageAction.Rate || s.RatedAt is null))];

    private IngestEvent EventOf(TriageRequest r, TicketState state, string actor)
    {
        // Our clock may trail the feeding system's by a little; an action never goes before what it acts on.
        var now = clock.UtcNow;
        var e = new IngestEvent
        {
            Id = NewEventId(),
            Type = WireType(KindOf(r.Action)),
            OccurredAt = now < state.LastEventAt ? state.LastEventAt : now,
            Actor = actor,
            Ticket = r.TicketCode,
            Reason = Blank(r.Reason),
            IfUnchangedSince = r.IfUnchangedSince,
        };
        switch (r.Action)
        {
            case TriageAction.Classify:
            case TriageAction.Route:
                e.Category = r.CategoryId is int c && c != state.CategoryId ? catalog.FindCategory(c)?.Code ?? $"#{c}" : null;
                e.Unit = r.Action == TriageAction.Route ? r.UnitId is int u ? catalog.Units.Find(u)?.Code ?? $"#{u}" : null : null;
                e.Urgency = r.Urgency is TicketUrgency ur && ur != state.Urgency ? WireUrgency(ur) : null;
                if (r.Action == TriageAction.Classify && e.Category is null && e.Urgency is null)
                {
                    // Confirming the category the ticket already has is still a triage decision.
                    e.Category = state.CategoryId is int same ? catalog.FindCategory(same)?.Code : null;
                }
                break;
            case TriageAction.SetUrgency:
                e.Urgency = r.Urgency is TicketUrgency su ? WireUrgency(su) : null;
                break;
            case TriageAction.MarkDuplicate:
                e.DuplicateOf = r.DuplicateOf;
                break;
            case TriageAction.SetDue:
                e.DueAt = r.DueAt;
                break;
            case TriageAction.Answer:
                e.Answer = r.Answer;
                break;
            case TriageAction.Rate:
                e.Satisfied = r.Satisfied;
                break;
        }
        return e;
    }

    private void LearnSoon() => _ = Task.Run(async () =>
    {
        try
        {
            await suggester.LearnNewAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Learning from new triage failed; the next periodic pass retries");
        }
    });

    private static object Snapshot(TicketState s) => new
    {
        Status = s.Status.ToString(),
        s.CategoryId,
        s.UnitId,
        Urgency = s.Urgency.ToString(),
        s.DueAt,
        s.DuplicateOf,
    };

    private static string NewEventId() => "web-" + Guid.NewGuid().ToString("N");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string WireUrgency(TicketUrgency u) => u switch
    {
        TicketUrgency.High => "high",
        TicketUrgency.Urgent => "urgent",
        _ => "normal",
    };

    public static string WireChannel(TicketChannel c) => c switch
    {
        TicketChannel.App => "app",
        TicketChannel.Web => "web",
        TicketChannel.Zalo => "zalo",
        TicketChannel.Email => "email",
        TicketChannel.NationalPortal => "portal",
        _ => "phone",
    };

    public static string WireType(TicketEventKind kind) => kind switch
    {
        TicketEventKind.Created => EventTypes.TicketCreated,
        TicketEventKind.Triaged => EventTypes.TicketTriaged,
        TicketEventKind.Routed => EventTypes.TicketRouted,
        TicketEventKind.Accepted => EventTypes.TicketAccepted,
        TicketEventKind.AwaitingInfo => EventTypes.TicketAwaitingInfo,
        TicketEventKind.InfoReceived => EventTypes.TicketInfoReceived,
        TicketEventKind.Answered => EventTypes.TicketAnswered,
        TicketEventKind.Published => EventTypes.TicketPublished,
        TicketEventKind.Closed => EventTypes.TicketClosed,
        TicketEventKind.Rejected => EventTypes.TicketRejected,
        TicketEventKind.ReturnedToTriage => EventTypes.TicketReturned,
        TicketEventKind.MarkedDuplicate => EventTypes.TicketDuplicate,
        TicketEventKind.Rated => EventTypes.TicketRated,
        TicketEventKind.UrgencySet => EventTypes.TicketUrgencySet,
        _ => EventTypes.TicketDueSet,
    };
}

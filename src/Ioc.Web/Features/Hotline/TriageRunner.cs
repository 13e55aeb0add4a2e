using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using Ioc.Domain.Tickets;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// An action that was not stored, what the operator is told, and what "Thử lại" sends again: the
/// refused requests (empty: nothing to retry as is), or a phone call that could not be recorded.
/// </summary>
/// <param name="Failed">The tickets the action did not change, as shown to the operator.</param>
public sealed record ActionFailure(IReadOnlyList<TriageRequest> Requests, string Message)
{
    public IReadOnlyList<string> Failed { get; init; } = [.. Requests.Select(r => r.TicketCode)];

    public RecordedCall? Call { get; init; }

    public bool CanRetry => Requests.Count > 0 || Call is not null;
}

/// <summary>
/// Sends one operator's triage actions and phone calls, and keeps what did not go through where the
/// operator acted. A batch is stored per ticket: a ticket a colleague changed meanwhile (its stamp no
/// longer matches) is refused and named, the others are applied; when the service cannot be reached
/// nothing is stored. Either way the failure can be retried as it stands.
/// </summary>
public sealed class TriageRunner(TriageCommands commands, TicketQueries queries, ILogger<TriageRunner> logger)
{
    /// <summary>Refusals that say "someone else changed it": worth a retry once the operator has seen the change.</summary>
    private static readonly HashSet<string> Conflicts = new(StringComparer.Ordinal) { "ticket.changed", "event.out-of-order" };

    public bool Busy { get; private set; }

    public ActionFailure? Failure { get; private set; }

    public void Dismiss() => Failure = null;

    /// <summary>Applies the actions; null when nothing could be stored (the failure says why).</summary>
    /// <param name="seen">The tickets as the operator saw them when choosing the action, to keep a colleague's changes on a retry.</param>
    public async Task<TriageOutcome?> ApplyAsync(AccessScope scope, string actor, IReadOnlyList<TriageRequest> requests,
        IReadOnlyCollection<TicketState>? seen = null, CancellationToken ct = default)
    {
        Busy = true;
        Failure = null;
        TriageOutcome outcome;
        try
        {
            outcome = await commands.ApplyAsync(scope, actor, requests, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database or the aggregation service could not take it. Nothing was stored (a batch is all
            // or nothing, and each request carries the stamp of the ticket as seen, so a retry cannot apply
            // twice); the operator sees why where they acted, and can try again with one key.
            logger.LogWarning(ex, "Triage action {Action} on {Tickets} could not be stored", requests[0].Action, string.Join(", ", requests.Select(r => r.TicketCode)));
            Failure = new ActionFailure(requests, UiText.Translate(NotStored));
            return null;
        }
        finally
        {
            Busy = false;
        }
        if (outcome.Refused.Count > 0)
        {
            Failure = await FailureOfAsync(requests, outcome, seen, ct);
        }
        return outcome;
    }

    /// <summary>Sends again what failed, as the failure holds it.</summary>
    public Task<TriageOutcome?> RetryAsync(AccessScope scope, string actor, CancellationToken ct = default) =>
        Failure is { Requests.Count: > 0 } failure ? ApplyAsync(scope, actor, failure.Requests, null, ct) : Task.FromResult<TriageOutcome?>(null);

    /// <summary>Records a phone call; null when it could not be stored (then the failure holds the call, to retry).</summary>
    public async Task<string?> RecordCallAsync(AccessScope scope, string actor, RecordedCall recorded, CancellationToken ct = default)
    {
        Busy = true;
        Failure = null;
        try
        {
            var (code, refusal) = await commands.RecordCallAsync(scope, actor, recorded.Call, ct);
            if (code is null)
            {
                Failure = new ActionFailure([], HotlineText.Refusal(refusal!)) { Failed = [] };
            }
            return code;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "A phone call could not be recorded");
            Failure = new ActionFailure([], UiText.Translate(CallNotStored)) { Failed = [], Call = recorded };
            return null;
        }
        finally
        {
            Busy = false;
        }
    }

    private static string F(string vietnamese, params object?[] args) => string.Format(CultureInfo.CurrentCulture, UiText.Translate(vietnamese), args);

    public const string NotStored = "Không lưu được thao tác: máy chủ xử lý đang không phản hồi. Chưa có gì thay đổi trên phiếu; hãy thử lại sau ít giây.";

    public const string CallNotStored = "Chưa lưu được cuộc gọi: máy chủ xử lý đang không phản hồi. Nội dung đã nhập được giữ lại; hãy thử lại sau ít giây.";

    /// <summary>
    /// Names every ticket that was not changed and why. Those a colleague changed meanwhile are retried
    /// against the ticket as it is now (the operator has just been told what changed), keeping what the
    /// colleague set that the operator left as it was; those the workflow refuses are not retried.
    /// </summary>
    private async Task<ActionFailure> FailureOfAsync(IReadOnlyList<TriageRequest> requests, TriageOutcome outcome, IReadOnlyCollection<TicketState>? seen, CancellationToken ct)
    {
        var conflicted = outcome.Refused.Where(r => Conflicts.Contains(r.Code)).Select(r => r.TicketCode).ToHashSet(StringComparer.Ordinal);
        var now = conflicted.Count > 0 ? await queries.LoadManyAsync(conflicted, ct) : new Dictionary<string, TicketState>();
        var retry = requests
            .Where(r => conflicted.Contains(r.TicketCode) && now.TryGetValue(r.TicketCode, out var fresh)
                && TicketWorkflow.CanApply(fresh.Status, TriageCommands.KindOf(r.Action)))
            .Select(r => KeepColleaguesChanges(r, seen?.FirstOrDefault(s => s.Code == r.TicketCode)) with { IfUnchangedSince = now[r.TicketCode].LastEventAt })
            .ToList();
        var refusals = string.Join(" ", outcome.Refused.Take(5).Select(HotlineText.Refusal))
            + (outcome.Refused.Count > 5 ? " " + F("… và {0} phiếu khác không cập nhật được.", outcome.Refused.Count - 5) : "");
        var text = outcome.Applied.Count > 0
            ? F("Đã cập nhật {0} phiếu; {1} phiếu chưa cập nhật:", outcome.Applied.Count, outcome.Refused.Count) + " " + refusals
            : refusals;
        return new ActionFailure(retry, text) { Failed = [.. outcome.Refused.Select(r => r.TicketCode).Distinct()] };
    }

    /// <summary>
    /// What the operator left as it was (the urgency, the category) is not sent again on a retry, so that
    /// the colleague's change to it stands; what they chose themselves is.
    /// </summary>
    public static TriageRequest KeepColleaguesChanges(TriageRequest r, TicketState? seen) => seen is null || seen.Code != r.TicketCode ? r : r with
    {
        Urgency = r.Urgency == seen.Urgency ? null : r.Urgency,
        CategoryId = r.CategoryId == seen.CategoryId ? null : r.CategoryId,
    };
}

using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>The dossier state machine: applies one event to the current state or says why it cannot.</summary>
public static class DossierLifecycle
{
    public static Transition<DossierState> Apply(DossierState? current, DossierEvent e, ReferenceCatalog catalog, WorkingCalendar calendar)
    {
        if (current is null)
        {
            return e.Kind == DossierEventKind.Received
                ? Receive(e, catalog, calendar)
                : Transition<DossierState>.Fail("dossier.unknown", $"Dossier {e.DossierCode} has not been received; '{Name(e.Kind)}' needs a received dossier first.");
        }
        if (e.Kind == DossierEventKind.Received)
        {
            return Transition<DossierState>.Fail("dossier.already-received", $"Dossier {e.DossierCode} was already received at {current.ReceivedAt:O}.");
        }
        if (e.OccurredAt < current.LastEventAt)
        {
            return Transition<DossierState>.Fail("event.out-of-order", $"Event at {e.OccurredAt:O} is earlier than the dossier's last event at {current.LastEventAt:O}.");
        }
        if (!current.IsOpen)
        {
            return Transition<DossierState>.Fail("dossier.finished", $"Dossier {e.DossierCode} is already {Name(current.Status)}; it cannot be {Name(e.Kind)}.");
        }

        var flags = WithRating(current.Flags | FlagsOf(e), e.Rating);
        var next = current with { LastEventAt = e.OccurredAt, Flags = flags };
        switch (e.Kind)
        {
            case DossierEventKind.Processing when current.Status == DossierStatus.Received:
                return Transition<DossierState>.Ok(next with { Status = DossierStatus.InProcessing });

            case DossierEventKind.Paused when current.Status != DossierStatus.AwaitingSupplement:
                return Transition<DossierState>.Ok(next with
                {
                    Status = DossierStatus.AwaitingSupplement,
                    Pauses = [.. current.Pauses, new DossierPause(e.OccurredAt, null, null)],
                });

            case DossierEventKind.Resumed when current.Status == DossierStatus.AwaitingSupplement:
            {
                var pause = current.Pauses[^1];
                var waits = current.Pauses.Take(current.Pauses.Count - 1).Select(p => (p.PausedAt, p.ResumedAt!.Value)).Append((pause.PausedAt, e.OccurredAt));
                var due = new DueDateRule(calendar).Due(current.Limit, current.ReceivedAt, waits);
                return Transition<DossierState>.Ok(next with
                {
                    Status = DossierStatus.InProcessing,
                    Due = due,
                    Pauses = [.. current.Pauses.Take(current.Pauses.Count - 1), pause with { ResumedAt = e.OccurredAt, DueAfterResume = due }],
                });
            }

            case DossierEventKind.Completed when current.Status != DossierStatus.AwaitingSupplement:
                return Transition<DossierState>.Ok(next with { Status = DossierStatus.Completed, FinishedAt = e.OccurredAt });

            case DossierEventKind.Returned:
                return Transition<DossierState>.Ok(next with { Status = DossierStatus.Returned, FinishedAt = e.OccurredAt });

            case DossierEventKind.Withdrawn:
                return Transition<DossierState>.Ok(next with { Status = DossierStatus.Withdrawn, FinishedAt = e.OccurredAt });

            default:
                return Transition<DossierState>.Fail("dossier.transition", $"A dossier that is {Name(current.Status)} cannot be {Name(e.Kind)}.");
        }
    }

    private static Transition<DossierState> Receive(DossierEvent e, ReferenceCatalog catalog, WorkingCalendar calendar)
    {
        if (e.UnitId is not int unitId || !catalog.Units.Contains(unitId))
        {
            return Transition<DossierState>.Fail("unit.unknown", "A received dossier needs a known unit.");
        }
        if (e.ProcedureId is not int procedureId || catalog.FindProcedure(procedureId) is not Procedure procedure)
        {
            return Transition<DossierState>.Fail("procedure.unknown", "A received dossier needs a known procedure.");
        }
        if (e.Channel is not DossierChannel channel)
        {
            return Transition<DossierState>.Fail("field.missing", "A received dossier needs a channel.");
        }
        if (channel == DossierChannel.Online && procedure.OnlineLevel == OnlineLevel.None)
        {
            return Transition<DossierState>.Fail("dossier.channel", $"Procedure {procedure.Code} offers no online service; it cannot be received online.");
        }
        var due = new DueDateRule(calendar).Due(procedure.Limit, e.OccurredAt, []);
        return Transition<DossierState>.Ok(new DossierState(
            e.DossierCode, unitId, procedureId, channel, procedure.OnlineLevel, procedure.FeeBearing, procedure.Limit,
            e.OccurredAt, due, due, DossierStatus.Received, [], null, WithRating(FlagsOf(e), e.Rating), e.OccurredAt));
    }

    private static DossierFlags FlagsOf(DossierEvent e) =>
        (e.PaidOnline == true ? DossierFlags.PaidOnline : 0)
        | (e.Digitized == true ? DossierFlags.Digitized : 0)
        | (e.ElectronicResult == true ? DossierFlags.ElectronicResult : 0)
        | (e.OtherFlags & ~(DossierFlags.RatedSatisfied | DossierFlags.RatedDissatisfied));

    /// <summary>Flags only ever turn on, but a rating is replaced: a citizen may change their mind before the result.</summary>
    private static DossierFlags WithRating(DossierFlags flags, DossierRating? rating) => rating switch
    {
        DossierRating.Satisfied => (flags & ~DossierFlags.RatedDissatisfied) | DossierFlags.RatedSatisfied,
        DossierRating.Dissatisfied => (flags & ~DossierFlags.RatedSatisfied) | DossierFlags.RatedDissatisfied,
        _ => flags,
    };

    private static string Name(DossierEventKind kind) => kind switch
    {
        DossierEventKind.Received => "received",
        DossierEventKind.Processing => "put in processing",
        DossierEventKind.Paused => "paused for supplementation",
        DossierEventKind.Resumed => "resumed",
        DossierEventKind.Completed => "completed",
        DossierEventKind.Returned => "returned",
        _ => "withdrawn",
    };

    private static string Name(DossierStatus status) => status switch
    {
        DossierStatus.Received => "received",
        DossierStatus.InProcessing => "in processing",
        DossierStatus.AwaitingSupplement => "awaiting supplementation",
        DossierStatus.Completed => "completed",
        DossierStatus.Returned => "returned",
        _ => "withdrawn",
    };
}

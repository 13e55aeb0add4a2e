using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;

namespace Ioc.Data.Entities;

/// <summary>Current state of a dossier (a projection of its events). Times are unix milliseconds.</summary>
public sealed class DossierRow
{
    public required string Code { get; set; }
    public int UnitId { get; set; }
    public int ProcedureId { get; set; }
    public DossierChannel Channel { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public bool FeeBearing { get; set; }
    public TimeLimitKind LimitKind { get; set; }
    public int? LimitAmount { get; set; }
    public long ReceivedAt { get; set; }
    /// <summary>The last millisecond still on time (for a whole-day due date, 23:59:59.999 of that day); null without a limit.</summary>
    public long? InitialDueAt { get; set; }
    /// <summary>As <see cref="InitialDueAt"/>, after supplementation pauses; orders the overdue-first lists.</summary>
    public long? DueAt { get; set; }
    public DossierStatus Status { get; set; }
    /// <summary>The clock runs: open, not waiting for the citizen, and with a time limit. Leads the overdue-first index.</summary>
    public bool IsActive { get; set; }
    public int PauseCount { get; set; }
    /// <summary>Pauses as "pausedMs,resumedMs,dueAtMs;…" (empty parts while still paused or without a limit).</summary>
    public required string Pauses { get; set; }
    public long? FinishedAt { get; set; }
    /// <summary>
    /// The on-time verdict of a finished dossier (766 indicator 2.1, <c>DossierState.FinishedOnTime</c>); null while
    /// open, when withdrawn and without a limit. Stored so that the list of the dossiers that cost a unit its points can select on it.
    /// </summary>
    public bool? FinishedOnTime { get; set; }
    public DossierFlags Flags { get; set; }
    public long LastEventAt { get; set; }
}

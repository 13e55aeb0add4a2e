using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;

namespace Ioc.Data.Entities;

/// <summary>Current state of a dossier (a projection of its events). Times are unix milliseconds, dates are day numbers.</summary>
public sealed class DossierRow
{
    public required string Code { get; set; }
    public int UnitId { get; set; }
    public int ProcedureId { get; set; }
    public DossierChannel Channel { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public bool FeeBearing { get; set; }
    public long ReceivedAt { get; set; }
    public int InitialDueDate { get; set; }
    public int DueDate { get; set; }
    public DossierStatus Status { get; set; }
    /// <summary>Open and not waiting for the citizen, for the overdue-first index.</summary>
    public bool IsActive { get; set; }
    public int PauseCount { get; set; }
    /// <summary>Pauses as "pausedMs,resumedMs,dueDay;…" (empty parts while still paused).</summary>
    public required string Pauses { get; set; }
    public long? FinishedAt { get; set; }
    public DossierFlags Flags { get; set; }
    public long LastEventAt { get; set; }
}

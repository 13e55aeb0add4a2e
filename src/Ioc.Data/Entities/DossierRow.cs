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

/// <summary>
/// Names and filters of the Dossiers indexes that the dossier lists are built on. The model and the
/// list queries both read them: a partial index serves a query only when the query repeats its
/// filter word for word, and the query-plan tests name the index each list must use.
/// </summary>
public static class DossierIndexes
{
    /// <summary>Every unit's dossiers in overdue-first order (clock running first, then by due instant, ties by code).</summary>
    public const string UnitOverdueFirst = "IX_Dossiers_UnitId_IsActive_DueAt_Code";

    /// <summary>
    /// The province's dossiers in overdue-first order, ties by code: the order of a page, whole, so that no page
    /// sorts a tie group (finished dossiers without a due instant are one group of tens of thousands).
    /// </summary>
    public const string OverdueFirst = "IX_Dossiers_IsActive_DueAt_Code";

    /// <summary>A unit's dossiers by receipt time: windows on the received date.</summary>
    public const string UnitReceived = "IX_Dossiers_UnitId_ReceivedAt";

    /// <summary>One procedure's dossiers of a unit in overdue-first order, ties by code ("một thủ tục").</summary>
    public const string UnitProcedureOverdueFirst = "IX_Dossiers_UnitId_ProcedureId_IsActive_DueAt_Code";

    /// <summary>Open dossiers only (received, in processing, awaiting supplement): a few percent of all.</summary>
    public const string Open = "IX_Dossiers_Open";

    public static readonly string OpenFilter =
        $"Status IN ({(int)DossierStatus.Received},{(int)DossierStatus.InProcessing},{(int)DossierStatus.AwaitingSupplement})";

    /// <summary>Paused dossiers only ("chờ bổ sung").</summary>
    public const string AwaitingSupplement = "IX_Dossiers_AwaitingSupplement";

    public static readonly string AwaitingSupplementFilter = $"Status = {(int)DossierStatus.AwaitingSupplement}";

    /// <summary>Returned and withdrawn dossiers: rare, final, written once and never updated.</summary>
    public const string ReturnedOrWithdrawn = "IX_Dossiers_ReturnedOrWithdrawn";

    public static readonly string ReturnedOrWithdrawnFilter = $"Status IN ({(int)DossierStatus.Returned},{(int)DossierStatus.Withdrawn})";

    /// <summary>Finished late ("trễ hạn"): few rows, by unit and finish.</summary>
    public const string FinishedLate = "IX_Dossiers_FinishedLate";

    public const string FinishedLateFilter = "FinishedOnTime = 0";

    /// <summary>
    /// The same filters in PostgreSQL's spelling: its unquoted names fold to lower case (EF's columns keep
    /// theirs, quoted) and its booleans are not integers. The SQLite ones above stay as they are: SQLite
    /// uses a partial index only for a query whose terms repeat the filter, and DossierQueries repeats these.
    /// </summary>
    public static class PostgreSql
    {
        public static readonly string OpenFilter =
            $"\"Status\" IN ({(int)DossierStatus.Received},{(int)DossierStatus.InProcessing},{(int)DossierStatus.AwaitingSupplement})";

        public static readonly string AwaitingSupplementFilter = $"\"Status\" = {(int)DossierStatus.AwaitingSupplement}";

        public static readonly string ReturnedOrWithdrawnFilter = $"\"Status\" IN ({(int)DossierStatus.Returned},{(int)DossierStatus.Withdrawn})";

        public const string FinishedLateFilter = "\"FinishedOnTime\" = FALSE";
    }
}

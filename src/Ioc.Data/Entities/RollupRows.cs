namespace Ioc.Data.Entities;

/// <summary>Granularity of a rollup row: a day (Period = day number) or a month (Period = year × 12 + month − 1).</summary>
public enum RollupGrain
{
    Day = 0,
    Month = 1,
}

/// <summary>Which breakdown a hotline rollup row belongs to.</summary>
public enum TicketDimension
{
    All = 0,
    Category = 1,
    Channel = 2,
    Commune = 3,
}

/// <summary>
/// Dossier sums for one unit's whole subtree (UnitId is the subtree root), one procedure
/// (0 = all procedures) and one day or month. Columns are named after <c>DossierMeasure</c>.
/// </summary>
public sealed class DossierRollupRow
{
    public int UnitId { get; set; }
    public int ProcedureId { get; set; }
    public RollupGrain Grain { get; set; }
    public int Period { get; set; }
    public long Received { get; set; }
    public long EligibleReceived { get; set; }
    public long EligibleOnline { get; set; }
    public long FullServiceReceived { get; set; }
    public long FullServiceOnline { get; set; }
    public long FeeBearing { get; set; }
    public long PaidOnline { get; set; }
    public long Digitized { get; set; }
    public long Finished { get; set; }
    public long FinishedOnTime { get; set; }
    public long Completed { get; set; }
    public long ElectronicResult { get; set; }
    public long Withdrawn { get; set; }
    public long SupplementRequests { get; set; }
    public long FinishedWithoutLimit { get; set; }
    public long SyncedToNationalPortal { get; set; }
    public long VneidAuthenticated { get; set; }
    public long PopulationData { get; set; }
    public long DigitizedDataReused { get; set; }
    public long ElectronicCopy { get; set; }
    public long LinkedToDataStore { get; set; }
    public long FinishedSatisfactory { get; set; }
    public long ActiveDelta { get; set; }
    public long OnTimeActiveDelta { get; set; }
    public long PastDueDelta { get; set; }
    public long PausedDelta { get; set; }
    public long ActiveWithoutLimitDelta { get; set; }
}

/// <summary>Hotline sums for one unit's subtree, one breakdown value and one day or month. Columns are named after <c>TicketMeasure</c>.</summary>
public sealed class TicketRollupRow
{
    public int UnitId { get; set; }
    public TicketDimension Dimension { get; set; }
    public int DimensionValue { get; set; }
    public RollupGrain Grain { get; set; }
    public int Period { get; set; }
    public long Received { get; set; }
    public long Answered { get; set; }
    public long AnsweredOnTime { get; set; }
    public long Rated { get; set; }
    public long Satisfied { get; set; }
    public long Rejected { get; set; }
    public long Duplicates { get; set; }
    public long OpenDelta { get; set; }
}

/// <summary>How many answers took a given number of whole hours, for medians without scanning tickets.</summary>
public sealed class TicketAnswerTimeRow
{
    public int UnitId { get; set; }
    public TicketDimension Dimension { get; set; }
    public int DimensionValue { get; set; }
    public RollupGrain Grain { get; set; }
    public int Period { get; set; }
    public int Hours { get; set; }
    public long Count { get; set; }
}

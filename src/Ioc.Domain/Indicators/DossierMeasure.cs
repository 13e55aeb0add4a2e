namespace Ioc.Domain.Indicators;

/// <summary>
/// Columns of a dossier rollup row. Flow measures count what happened on a day; the *Delta
/// measures are difference arrays: their sum over all days up to D is the number of dossiers in
/// that condition at the end of day D, which is how "in progress at the window's end" and
/// "overdue now" come from rollups without looking at dossiers.
/// </summary>
public enum DossierMeasure
{
    Received,
    /// <summary>Received for a procedure that offers online service (denominator of the online rate).</summary>
    EligibleReceived,
    EligibleOnline,
    /// <summary>Received for a toàn trình procedure.</summary>
    FullServiceReceived,
    FullServiceOnline,
    FeeBearing,
    PaidOnline,
    Digitized,
    /// <summary>Completed or returned: the dossier's processing ended with a verdict.</summary>
    Finished,
    FinishedOnTime,
    Completed,
    ElectronicResult,
    Withdrawn,
    SupplementRequests,
    /// <summary>Finished dossiers of procedures without a time limit: counted as finished, left out of the on-time rate.</summary>
    FinishedWithoutLimit,
    /// <summary>Received and synchronised to the National Public Service Portal.</summary>
    SyncedToNationalPortal,
    /// <summary>Received online with a VNeID-authenticated account (Đề án 06; denominator: <see cref="EligibleOnline"/>).</summary>
    VneidAuthenticated,
    /// <summary>Received, with data taken from the national population database (Đề án 06, 766 line 4.5).</summary>
    PopulationData,
    /// <summary>Received, reusing data digitized before (766 line 4.3).</summary>
    DigitizedDataReused,
    /// <summary>Completed with a certified electronic copy.</summary>
    ElectronicCopy,
    /// <summary>Completed, the result linked to the citizen's data store (766 line 4.4).</summary>
    LinkedToDataStore,
    /// <summary>Finished neither late nor rated unsatisfactory by the citizen (766 line 5.4).</summary>
    FinishedSatisfactory,
    ActiveDelta,
    OnTimeActiveDelta,
    PastDueDelta,
    PausedDelta,
    /// <summary>Being processed for a procedure without a time limit: in progress, never overdue, out of the on-time rate.</summary>
    ActiveWithoutLimitDelta,
}

public static class DossierMeasures
{
    public const int Count = (int)DossierMeasure.ActiveWithoutLimitDelta + 1;

    public static bool IsDelta(DossierMeasure m) => m >= DossierMeasure.ActiveDelta;
}

/// <summary>Receives (local day, measure, delta) triples from a contribution.</summary>
public interface IDayDeltaSink
{
    void Add(int dayNumber, int measure, int delta);
}

namespace Ioc.Domain.Documents;

/// <summary>
/// Columns of a document rollup row. Flow measures count what happened on a day; the *Delta
/// measures are difference arrays whose sum up to a day is the number of documents in that
/// condition at its end (open, overdue), as for dossiers.
/// </summary>
public enum DocumentMeasure
{
    Received,
    Issued,
    /// <summary>Received or issued as văn bản điện tử.</summary>
    Electronic,
    /// <summary>Received or sent over the document exchange axis (liên thông).</summary>
    InterConnected,
    IssuedSigned,
    Processed,
    ProcessedWithDue,
    ProcessedOnTime,
    HandlingMinutes,
    OpenDelta,
    PastDueDelta,
}

public static class DocumentMeasures
{
    public static bool IsDelta(DocumentMeasure m) => m >= DocumentMeasure.OpenDelta;
}

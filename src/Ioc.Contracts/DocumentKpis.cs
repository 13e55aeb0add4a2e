namespace Ioc.Contracts;

/// <summary>Indicators of the electronic document system (văn bản đến/đi) for one unit's subtree and one window.</summary>
/// <param name="Received">Văn bản đến registered in the window.</param>
/// <param name="Issued">Văn bản đi issued in the window.</param>
/// <param name="Processed">Incoming documents processed in the window.</param>
/// <param name="OnTimeRate">Processed by the due date ÷ processed with a due date, in the window.</param>
/// <param name="Open">Incoming documents not yet processed at the window's end.</param>
/// <param name="Overdue">Open at the window's end and past the due date (from the day after it).</param>
/// <param name="ElectronicRate">Electronic ÷ (received + issued) in the window (văn bản điện tử).</param>
/// <param name="InterConnectedRate">Sent or received over the document exchange axis (liên thông) ÷ (received + issued).</param>
/// <param name="SignedRate">Issued with a digital signature (ký số) ÷ issued.</param>
/// <param name="HandlingMinutes">Sum of whole minutes from receipt to processing over the documents processed in the window.</param>
public sealed record DocumentKpis(
    long Received,
    long Issued,
    long Processed,
    Rate OnTimeRate,
    long Open,
    long Overdue,
    Rate ElectronicRate,
    Rate InterConnectedRate,
    Rate SignedRate,
    long HandlingMinutes)
{
    /// <summary>Average handling time in hours (thời gian xử lý bình quân); null without processed documents.</summary>
    public double? AverageHandlingHours => Processed == 0 ? null : HandlingMinutes / 60.0 / Processed;
}

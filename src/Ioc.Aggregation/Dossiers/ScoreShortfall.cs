using Ioc.Domain.Indicators;

namespace Ioc.Aggregation.Dossiers;

/// <summary>
/// The dossiers that cost a 766 score line its points in a window: the denominator's dossiers that the
/// numerator did not count. A unit's score card links each line that lost points to the list of these,
/// so a head sees which dossiers to chase; the list's count is the line's "tổng số − đạt".
/// </summary>
public enum ScoreShortfall
{
    /// <summary>
    /// 2.1 "trễ hạn": finished in the window after the due date (or after a second supplementation
    /// request), and, when the window reaches today, being processed now and already late at the
    /// day's end as the rollups judge it (due day before today, or a second request).
    /// </summary>
    Late,
    /// <summary>3.2: received in the window on paper or by post, for a procedure that offers online service.</summary>
    Offline,
    /// <summary>3.1: the same, for a toàn trình procedure.</summary>
    FullServiceOffline,
    /// <summary>4.1: received in the window, fee-bearing, not paid online.</summary>
    UnpaidOnline,
    /// <summary>6.1: received in the window and not digitised.</summary>
    NotDigitized,
    /// <summary>6.2: completed in the window with a paper result only.</summary>
    PaperResult,
}

public static class ScoreShortfalls
{
    /// <summary>The dossiers a line's rate counts against; null for lines whose rate is not about dossiers (hotline).</summary>
    public static ScoreShortfall? For(ScoreSource source) => source switch
    {
        ScoreSource.OnTimeRate => ScoreShortfall.Late,
        ScoreSource.OnlineRate => ScoreShortfall.Offline,
        ScoreSource.FullServiceOnlineRate => ScoreShortfall.FullServiceOffline,
        ScoreSource.OnlinePaymentRate => ScoreShortfall.UnpaidOnline,
        ScoreSource.DigitizationRate => ScoreShortfall.NotDigitized,
        ScoreSource.ElectronicResultRate => ScoreShortfall.PaperResult,
        _ => null,
    };

    /// <summary>The date the window selects on, as the line's rollup counts the dossier: receipt for receipt rates, the finish for the others.</summary>
    public static DossierListBasis Basis(ScoreShortfall shortfall) => shortfall switch
    {
        ScoreShortfall.Late or ScoreShortfall.PaperResult => DossierListBasis.Finished,
        _ => DossierListBasis.Received,
    };
}

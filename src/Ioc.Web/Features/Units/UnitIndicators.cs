using Ioc.Aggregation.Indicators;
using Ioc.Contracts;

namespace Ioc.Web.Features.Units;

/// <summary>One indicator card of the unit page: how to read it from a unit's KPIs, and whether higher is better.</summary>
public sealed record UnitIndicator(string Key, string Label, Func<UnitKpis, Rate?> Rate, Func<UnitKpis, long?> Count, bool HigherIsBetter = true)
{
    public static readonly IReadOnlyList<UnitIndicator> Rates =
    [
        new("on-time-rate", "Tỷ lệ giải quyết đúng hạn", k => k.Dossiers.OnTimeRate, _ => null),
        new("online-rate", "Tỷ lệ hồ sơ trực tuyến", k => k.Dossiers.OnlineRate, _ => null),
        new("full-service-rate", "Trực tuyến (thủ tục toàn trình)", k => k.Dossiers.FullServiceOnlineRate, _ => null),
        new("payment-rate", "Thanh toán trực tuyến", k => k.Dossiers.OnlinePaymentRate, _ => null),
        new("digitization-rate", "Số hóa hồ sơ", k => k.Dossiers.DigitizationRate, _ => null),
        new("e-result-rate", "Kết quả điện tử", k => k.Dossiers.ElectronicResultRate, _ => null),
        new("answered-on-time-rate", "Phản ánh trả lời đúng hạn", k => k.Hotline.AnsweredOnTimeRate, _ => null),
        new("satisfaction-rate", "Người dân hài lòng", k => k.Hotline.SatisfactionRate, _ => null),
    ];

    public static readonly IReadOnlyList<UnitIndicator> Counts =
    [
        new("received", "Hồ sơ tiếp nhận", _ => null, k => k.Dossiers.Received),
        new("finished", "Hồ sơ đã giải quyết", _ => null, k => k.Dossiers.Finished),
        new("in-progress", "Đang giải quyết (cuối kỳ)", _ => null, k => k.Dossiers.InProgress),
        new("overdue", "Hồ sơ quá hạn (cuối kỳ)", _ => null, k => k.Dossiers.Overdue, HigherIsBetter: false),
        new("tickets-received", "Phản ánh tiếp nhận", _ => null, k => k.Hotline.Received),
        new("tickets-open", "Phản ánh đang mở", _ => null, k => k.Hotline.Open, HigherIsBetter: false),
        new("tickets-overdue", "Phản ánh quá hạn (hiện tại)", _ => null, k => k.Hotline.Overdue, HigherIsBetter: false),
    ];

    /// <summary>
    /// Rank (1 = best) of <paramref name="unitId"/> among <paramref name="peers"/> (its siblings of the same
    /// kind group, chosen by the page), by the shared <see cref="Ioc.Domain.Indicators.UnitRanking"/>; null when the unit has no value.
    /// </summary>
    public (int Rank, int Of)? RankOf(int unitId, IReadOnlyList<UnitKpis> peers)
    {
        double? Value(UnitKpis k) => Rate(k) is Rate r ? r.Value : Count(k);
        var own = Ioc.Domain.Indicators.UnitRanking.Rank(peers, Value, p => p.UnitId.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), HigherIsBetter)
            .FirstOrDefault(r => r.Item.UnitId == unitId);
        return own is { Rank: int rank } ? (rank, own.Of) : null;
    }
}

/// <summary>Everything the unit page shows for one window, read in one go.</summary>
public sealed record UnitPageModel(
    UnitKpis Unit,
    UnitKpis Province,
    IReadOnlyList<UnitKpis> Peers,
    ScoreCard ScoreCard,
    IReadOnlyList<ChildRow> Children,
    IReadOnlyList<ProcedureRow> Procedures,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<HotlineSlice> HotlineByCategory);

using Ioc.Contracts;
using Ioc.Web.Components.Shared;

namespace Ioc.Web.Features.Wall;

/// <summary>A wall tile: a label and how to read its value and tone from today's and this year's snapshots.</summary>
public sealed record WallTile(string Key, string Label, Func<KpiSnapshot, KpiSnapshot, string> Value, Func<KpiSnapshot, KpiSnapshot, KpiThresholds, KpiTone> Tone, string Period);

/// <summary>Every tile a wall scene may name, by key.</summary>
public static class WallTiles
{
    private static KpiTone Neutral(KpiSnapshot t, KpiSnapshot y, KpiThresholds k) => KpiTone.Neutral;

    private static KpiTone BadWhenAny(long n) => n > 0 ? KpiTone.Bad : KpiTone.Good;

    public static readonly IReadOnlyDictionary<string, WallTile> All = new[]
    {
        new WallTile("received-today", "Hồ sơ tiếp nhận", (t, _) => Format.Number(t.Dossiers.Received), Neutral, "Hôm nay"),
        new WallTile("finished-today", "Hồ sơ đã giải quyết", (t, _) => Format.Number(t.Dossiers.Finished), Neutral, "Hôm nay"),
        new WallTile("in-progress", "Hồ sơ đang giải quyết", (t, _) => Format.Number(t.Dossiers.InProgress), Neutral, "Hiện tại"),
        new WallTile("overdue-now", "Hồ sơ quá hạn", (t, _) => Format.Number(t.Dossiers.Overdue), (t, _, _) => BadWhenAny(t.Dossiers.Overdue), "Hiện tại"),
        new WallTile("tickets-today", "Phản ánh mới", (t, _) => Format.Number(t.Hotline.Received), Neutral, "Hôm nay"),
        new WallTile("tickets-open", "Phản ánh đang xử lý", (t, _) => Format.Number(t.Hotline.Open), Neutral, "Hiện tại"),
        new WallTile("tickets-overdue", "Phản ánh quá hạn", (t, _) => Format.Number(t.Hotline.Overdue), (t, _, _) => BadWhenAny(t.Hotline.Overdue), "Hiện tại"),
        new WallTile("online-rate-year", "Hồ sơ trực tuyến", (_, y) => Format.Percent(y.Dossiers.OnlineRate), (_, y, k) => k.ToneOf(y.Dossiers.OnlineRate), "Từ đầu năm"),
        new WallTile("full-service-rate-year", "Trực tuyến toàn trình", (_, y) => Format.Percent(y.Dossiers.FullServiceOnlineRate), (_, y, k) => k.ToneOf(y.Dossiers.FullServiceOnlineRate), "Từ đầu năm"),
        new WallTile("on-time-rate-year", "Giải quyết đúng hạn", (_, y) => Format.Percent(y.Dossiers.OnTimeRate), (_, y, k) => k.ToneOf(y.Dossiers.OnTimeRate), "Từ đầu năm"),
        new WallTile("on-time-rate-today", "Giải quyết đúng hạn", (t, _) => Format.Percent(t.Dossiers.OnTimeRate), (t, _, k) => k.ToneOf(t.Dossiers.OnTimeRate), "Hôm nay"),
        new WallTile("payment-rate-year", "Thanh toán trực tuyến", (_, y) => Format.Percent(y.Dossiers.OnlinePaymentRate), (_, y, k) => k.ToneOf(y.Dossiers.OnlinePaymentRate), "Từ đầu năm"),
        new WallTile("digitization-rate-year", "Số hóa hồ sơ", (_, y) => Format.Percent(y.Dossiers.DigitizationRate), (_, y, k) => k.ToneOf(y.Dossiers.DigitizationRate), "Từ đầu năm"),
        new WallTile("answered-on-time-year", "Phản ánh trả lời đúng hạn", (_, y) => Format.Percent(y.Hotline.AnsweredOnTimeRate), (_, y, k) => k.ToneOf(y.Hotline.AnsweredOnTimeRate), "Từ đầu năm"),
        new WallTile("satisfaction-year", "Người dân hài lòng", (_, y) => Format.Percent(y.Hotline.SatisfactionRate), (_, y, k) => k.ToneOf(y.Hotline.SatisfactionRate), "Từ đầu năm"),
        new WallTile("score-year", "Điểm 766 (phần tính được)", (_, y) => $"{Format.Points(y.ScoreCard.Points)}/{Format.Number(y.ScoreCard.MaxPoints, 0)}",
            (_, y, k) => y.ScoreCard.MaxPoints > 0 ? k.ToneOf(y.ScoreCard.Points / y.ScoreCard.MaxPoints) : KpiTone.Neutral, "Từ đầu năm"),
    }.ToDictionary(t => t.Key);
}

/// <summary>Indicators a ranking scene can rank by.</summary>
public static class WallRankings
{
    public static readonly IReadOnlyDictionary<string, (string Label, Func<Ioc.Aggregation.Indicators.UnitKpis, Rate> Rate)> All =
        new Dictionary<string, (string, Func<Ioc.Aggregation.Indicators.UnitKpis, Rate>)>
        {
            ["on-time-rate"] = ("Tỷ lệ giải quyết đúng hạn", k => k.Dossiers.OnTimeRate),
            ["online-rate"] = ("Tỷ lệ hồ sơ trực tuyến", k => k.Dossiers.OnlineRate),
            ["full-service-rate"] = ("Trực tuyến toàn trình", k => k.Dossiers.FullServiceOnlineRate),
            ["payment-rate"] = ("Thanh toán trực tuyến", k => k.Dossiers.OnlinePaymentRate),
            ["digitization-rate"] = ("Số hóa hồ sơ", k => k.Dossiers.DigitizationRate),
            ["answered-on-time-rate"] = ("Phản ánh trả lời đúng hạn", k => k.Hotline.AnsweredOnTimeRate),
        };
}

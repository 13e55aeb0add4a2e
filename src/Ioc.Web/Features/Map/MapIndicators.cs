using Ioc.Aggregation.Indicators;

namespace Ioc.Web.Features.Map;

/// <summary>A rate is coloured by the wall's thresholds (<see cref="Components.Shared.KpiThresholds"/>); a count by a scale from 0 to the largest commune's.</summary>
public enum MapMeasure
{
    Rate,
    Count,
}

/// <summary>An indicator a commune map can colour by.</summary>
/// <param name="Value">The commune's value; null when it has no data in the window (a rate without a denominator).</param>
public sealed record MapIndicator(string Key, string Label, MapMeasure Measure, Func<UnitKpis, double?> Value);

/// <summary>Every indicator a map may show, by the key settings and URLs use.</summary>
public static class MapIndicators
{
    public const string DefaultKey = "on-time-rate";

    public static readonly IReadOnlyList<MapIndicator> All =
    [
        new("on-time-rate", "Tỷ lệ giải quyết đúng hạn", MapMeasure.Rate, k => k.Dossiers.OnTimeRate.Value),
        new("online-rate", "Tỷ lệ hồ sơ trực tuyến", MapMeasure.Rate, k => k.Dossiers.OnlineRate.Value),
        new("full-service-rate", "Trực tuyến toàn trình", MapMeasure.Rate, k => k.Dossiers.FullServiceOnlineRate.Value),
        new("payment-rate", "Thanh toán trực tuyến", MapMeasure.Rate, k => k.Dossiers.OnlinePaymentRate.Value),
        new("digitization-rate", "Số hóa hồ sơ", MapMeasure.Rate, k => k.Dossiers.DigitizationRate.Value),
        new("answered-on-time-rate", "Phản ánh trả lời đúng hạn", MapMeasure.Rate, k => k.Hotline.AnsweredOnTimeRate.Value),
        new("received", "Hồ sơ tiếp nhận", MapMeasure.Count, k => k.Dossiers.Received),
        new("overdue", "Hồ sơ quá hạn", MapMeasure.Count, k => k.Dossiers.Overdue),
    ];

    /// <summary>The indicator of a key; the default for an unknown or missing key (a typed URL must still show a map).</summary>
    public static MapIndicator Find(string? key) => All.FirstOrDefault(i => i.Key == key) ?? All.First(i => i.Key == DefaultKey);
}

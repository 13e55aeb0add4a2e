using Ioc.Contracts;

namespace Ioc.Domain.Alerts;

/// <summary>The indicators a threshold rule may watch, and how each is read from a unit's figures.</summary>
public static class AlertIndicators
{
    public const string OnTimeRate = "on-time-rate";
    public const string OnlineRate = "online-rate";
    public const string FullServiceRate = "full-service-rate";
    public const string AnsweredOnTimeRate = "answered-on-time-rate";
    public const string Overdue = "overdue";
    public const string TicketsOverdue = "tickets-overdue";

    public static readonly IReadOnlyList<string> All = [OnTimeRate, OnlineRate, FullServiceRate, AnsweredOnTimeRate, Overdue, TicketsOverdue];

    public static bool IsRate(string indicator) => indicator is OnTimeRate or OnlineRate or FullServiceRate or AnsweredOnTimeRate;

    /// <summary>Vietnamese name, as the wall and notifications print it.</summary>
    public static string Label(string indicator) => indicator switch
    {
        OnTimeRate => "Tỷ lệ đúng hạn",
        OnlineRate => "Tỷ lệ hồ sơ trực tuyến",
        FullServiceRate => "Tỷ lệ trực tuyến toàn trình",
        AnsweredOnTimeRate => "Tỷ lệ trả lời phản ánh đúng hạn",
        Overdue => "Hồ sơ quá hạn",
        TicketsOverdue => "Phản ánh quá hạn",
        _ => indicator,
    };

    /// <summary>The figure in percent for rates, as a count otherwise; null when fewer than <paramref name="minimumCount"/> items make a rate.</summary>
    public static double? Read(string indicator, DossierKpis dossiers, HotlineKpis hotline, int minimumCount) => indicator switch
    {
        OnTimeRate => Percent(dossiers.OnTimeRate, minimumCount),
        OnlineRate => Percent(dossiers.OnlineRate, minimumCount),
        FullServiceRate => Percent(dossiers.FullServiceOnlineRate, minimumCount),
        AnsweredOnTimeRate => Percent(hotline.AnsweredOnTimeRate, minimumCount),
        Overdue => dossiers.Overdue,
        TicketsOverdue => hotline.Overdue,
        _ => null,
    };

    private static double? Percent(Rate rate, int minimumCount) =>
        rate.Denominator < Math.Max(1, minimumCount) ? null : Math.Round(100.0 * rate.Numerator / rate.Denominator, 1);
}

using System.Globalization;
using Ioc.Contracts;
using Ioc.Web.Localization;

namespace Ioc.Web.Components.Shared;

/// <summary>Numbers, rates and times as the reader's culture writes them (vi-VN: 1.842, 77,1 %, 14:32:05).</summary>
public static class Format
{
    public static string NoData => UiText.Translate("không có dữ liệu");

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Number(double value, int decimals = 1) => value.ToString("N" + decimals, CultureInfo.CurrentCulture);

    /// <summary>A rate as a percentage with one decimal, or "không có dữ liệu" when nothing was counted.</summary>
    public static string Percent(Rate rate) => rate.Value is double v ? Percent(v) : NoData;

    public static string Percent(double value) =>
        (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + (CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "vi" ? " %" : "%");

    public static string Points(double? points) => points is double p ? p.ToString("0.00", CultureInfo.CurrentCulture) : NoData;

    public static string Hours(int? hours) => hours switch
    {
        null => NoData,
        < 48 => UiText.Translate("{0} giờ").Replace("{0}", Number(hours.Value)),
        _ => UiText.Translate("{0} ngày").Replace("{0}", Number(hours.Value / 24.0, 1)),
    };

    public static string Time(DateTimeOffset t) => Domain.Time.ProvinceTime.ToLocal(t).ToString("HH:mm:ss", CultureInfo.CurrentCulture);

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset t) => Domain.Time.ProvinceTime.ToLocal(t).ToString("dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture);
}

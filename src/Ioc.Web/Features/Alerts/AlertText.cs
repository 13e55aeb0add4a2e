using System.Globalization;
using Ioc.Domain.Time;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Alerts;

/// <summary>How an alert's figures read on screen, in vi-VN ("85,0 %", "1.204", "từ 14:05").</summary>
public static class AlertText
{
    public static string Figure(double value, bool isRate) =>
        isRate ? value.ToString("N1", CultureInfo.CurrentCulture) + " %" : value.ToString(value == Math.Floor(value) ? "N0" : "N1", CultureInfo.CurrentCulture);

    /// <summary>"từ 14:05" today, "từ 14:05 ngày 05/12/2026" before today.</summary>
    public static string Since(DateTimeOffset firedAt, DateTimeOffset now)
    {
        var local = ProvinceTime.ToLocal(firedAt);
        var time = local.ToString("HH:mm", CultureInfo.CurrentCulture);
        return ProvinceTime.LocalDate(firedAt) == ProvinceTime.LocalDate(now)
            ? string.Format(CultureInfo.CurrentCulture, UiText.Translate("từ {0}"), time)
            : string.Format(CultureInfo.CurrentCulture, UiText.Translate("từ {0} ngày {1}"), time, Format.Date(DateOnly.FromDateTime(local.DateTime)));
    }

    public static string Line(AlertView a) =>
        string.Format(CultureInfo.CurrentCulture, UiText.Translate("ngưỡng {0}"), Figure(a.Threshold, a.IsRate));
}

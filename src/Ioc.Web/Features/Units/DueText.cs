using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Units;

/// <summary>
/// Time limits, due dates and countdowns in words, each in the unit the law states the limit in:
/// working days, calendar days, working hours, "trong ngày", or no limit at all.
/// </summary>
public static class DueText
{
    public const string NoLimit = "không quy định thời hạn";

    /// <summary>The limit as the law writes it: "5 ngày làm việc", "15 ngày", "8 giờ làm việc", "trong ngày".</summary>
    public static string Limit(UiText t, TimeLimit limit) => limit.Kind switch
    {
        TimeLimitKind.WorkingDays => t.Format("{0} ngày làm việc", limit.Amount),
        TimeLimitKind.CalendarDays => t.Format("{0} ngày", limit.Amount),
        TimeLimitKind.Hours => t.Format("{0} giờ làm việc", limit.Amount),
        TimeLimitKind.WithinDay => t["trong ngày"],
        _ => t[NoLimit],
    };

    /// <summary>A due date: the day for limits in days, day and hour for hours and "trong ngày".</summary>
    public static string Due(UiText t, DossierDue? due) => due switch
    {
        null => t[NoLimit],
        { Time: null } d => Format.Date(d.Day),
        var d => Format.DateTime(d.Value.Deadline),
    };

    /// <summary>The due date as an export cell: a date, a date and time, or the words for no limit.</summary>
    public static object Cell(DossierDue? due) => due switch
    {
        null => NoLimit,
        { Time: null } d => d.Day,
        var d => d.Value.Deadline,
    };

    /// <summary>
    /// The countdown of a running dossier as the list and the dossier page both show it (one function, so
    /// they cannot disagree): "còn 2 ngày làm việc", "còn 3 ngày", "còn 1 ngày làm việc 2 giờ hành chính",
    /// "còn 3 giờ hành chính", "trong ngày", "quá hạn …", or the words for no limit.
    /// </summary>
    public static string Countdown(UiText t, TimeLimit limit, DossierDue? due, DateTimeOffset now, Ioc.Domain.Time.WorkingCalendar calendar) =>
        Countdown(t, DueCountdown.Of(limit, due, now, calendar));

    public static string Countdown(UiText t, DueCountdown? countdown) => countdown switch
    {
        null => t[NoLimit],
        { Unit: CountdownUnit.WithinDay } => t["trong ngày"],
        { Overdue: true, Amount: 0 } => t["quá hạn"],
        { Unit: CountdownUnit.OfficeMinutes, Overdue: false, Amount: 0 } => t["đến hạn"],
        { Unit: CountdownUnit.OfficeMinutes } c => t.Format(c.Overdue ? "quá hạn {0}" : "còn {0}", OfficeTime(t, c)),
        { Overdue: true } c => t.Format(c.Unit == CountdownUnit.WorkingDays ? "quá hạn {0} ngày làm việc" : "quá hạn {0} ngày", Format.Number(c.Amount)),
        { Amount: 0 } => t["hạn hôm nay"],
        var c => t.Format(c.Unit == CountdownUnit.WorkingDays ? "còn {0} ngày làm việc" : "còn {0} ngày", Format.Number(c.Amount)),
    };

    /// <summary>
    /// Office time as officials count it: whole working days first (one is 7½ office hours), then hours
    /// ("giờ hành chính"); minutes only under an hour. Never "24 giờ" for a working day.
    /// </summary>
    private static string OfficeTime(UiText t, DueCountdown c)
    {
        var (days, hours, minutes) = c.OfficeParts;
        if (days > 0)
        {
            return hours > 0
                ? t.Format("{0} ngày làm việc {1} giờ hành chính", Format.Number(days), Format.Number(hours))
                : t.Format("{0} ngày làm việc", Format.Number(days));
        }
        return hours > 0 ? t.Format("{0} giờ hành chính", Format.Number(hours)) : t.Format("{0} phút hành chính", Format.Number(minutes));
    }
}

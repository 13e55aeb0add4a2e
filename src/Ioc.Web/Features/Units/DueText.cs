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

    /// <summary>"còn 2 ngày làm việc", "còn 3 ngày", "còn 4 giờ làm việc", "trong ngày", "quá hạn …"; null without a limit.</summary>
    public static string Countdown(UiText t, DueCountdown? countdown) => countdown switch
    {
        null => t[NoLimit],
        { Unit: CountdownUnit.WithinDay } => t["trong ngày"],
        { Overdue: true, Amount: 0 } => t["quá hạn"],
        { Overdue: true } c => t.Format(c.Unit switch
        {
            CountdownUnit.WorkingDays => "quá hạn {0} ngày làm việc",
            CountdownUnit.CalendarDays => "quá hạn {0} ngày",
            CountdownUnit.WorkingHours => "quá hạn {0} giờ làm việc",
            _ => "quá hạn {0} phút làm việc",
        }, Format.Number(c.Amount)),
        { Amount: 0, Unit: CountdownUnit.WorkingDays or CountdownUnit.CalendarDays } => t["hạn hôm nay"],
        var c => t.Format(c.Unit switch
        {
            CountdownUnit.WorkingDays => "còn {0} ngày làm việc",
            CountdownUnit.CalendarDays => "còn {0} ngày",
            CountdownUnit.WorkingHours => "còn {0} giờ làm việc",
            _ => "còn {0} phút làm việc",
        }, Format.Number(c.Amount)),
    };
}

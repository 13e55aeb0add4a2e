using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>The unit a countdown is told in: the clock of the dossier's time limit.</summary>
public enum CountdownUnit
{
    WorkingDays,
    CalendarDays,
    /// <summary>Office time (giờ hành chính), in whole minutes; told as working days, hours and minutes of it.</summary>
    OfficeMinutes,
    /// <summary>"trong ngày": due at the close of office hours of the handling day.</summary>
    WithinDay,
}

/// <summary>How far a running dossier is from its due date, in the unit its limit is stated in.</summary>
/// <param name="Amount">Whole units left, or past when <paramref name="Overdue"/>; 0 for "within the day" while not overdue.</param>
public sealed record DueCountdown(CountdownUnit Unit, long Amount, bool Overdue)
{
    /// <summary>Minutes of office time in one working day (7:30–11:30, 13:30–17:00).</summary>
    public static readonly long OfficeMinutesPerDay = (long)OfficeHours.PerDay.TotalMinutes;

    /// <summary>Office minutes told as whole working days, hours and minutes, the way officials read them.</summary>
    public (long Days, long Hours, long Minutes) OfficeParts =>
        (Amount / OfficeMinutesPerDay, Amount % OfficeMinutesPerDay / 60, Amount % OfficeMinutesPerDay % 60);

    /// <summary>Null without a limit: nothing counts down.</summary>
    public static DueCountdown? Of(TimeLimit limit, DossierDue? due, DateTimeOffset now, WorkingCalendar calendar)
    {
        if (due is not DossierDue d)
        {
            return null;
        }
        var overdue = !d.IsMetBy(now);
        var today = ProvinceTime.LocalDate(now);
        switch (limit.Kind)
        {
            case TimeLimitKind.CalendarDays:
                return new(CountdownUnit.CalendarDays, Math.Abs(d.Day.DayNumber - today.DayNumber), overdue);
            case TimeLimitKind.Hours:
                var office = new OfficeHours(calendar);
                // Office time only: a night, a lunch break or a weekend does not count ("còn 3 giờ hành chính"
                // on Friday at 14:00 for a dossier due Monday at 9:30). Remaining time is rounded down, lateness up.
                var span = overdue ? office.Between(d.Deadline, now) : office.Between(now, d.Deadline);
                return new(CountdownUnit.OfficeMinutes, overdue ? (long)Math.Ceiling(span.TotalMinutes) : (long)Math.Floor(span.TotalMinutes), overdue);
            case TimeLimitKind.WithinDay when !overdue:
                return new(CountdownUnit.WithinDay, 0, false);
            default:
                // Working days, and "within the day" once past: whole working days between today and the due day.
                return new(CountdownUnit.WorkingDays, overdue ? calendar.WorkingDaysBetween(d.Day, today) : calendar.WorkingDaysBetween(today, d.Day), overdue);
        }
    }
}

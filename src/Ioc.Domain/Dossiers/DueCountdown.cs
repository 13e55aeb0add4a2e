using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>The unit a countdown is told in: the clock of the dossier's time limit.</summary>
public enum CountdownUnit
{
    WorkingDays,
    CalendarDays,
    WorkingHours,
    WorkingMinutes,
    /// <summary>"trong ngày": due at the close of office hours of the handling day.</summary>
    WithinDay,
}

/// <summary>How far a running dossier is from its due date, in the unit its limit is stated in.</summary>
/// <param name="Amount">Whole units left, or past when <paramref name="Overdue"/>; 0 for "within the day" while not overdue.</param>
public sealed record DueCountdown(CountdownUnit Unit, long Amount, bool Overdue)
{
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
                var span = overdue ? office.Between(d.Deadline, now) : office.Between(now, d.Deadline);
                return span >= TimeSpan.FromHours(1)
                    ? new(CountdownUnit.WorkingHours, (long)Math.Floor(span.TotalHours), overdue)
                    : new(CountdownUnit.WorkingMinutes, (long)Math.Ceiling(span.TotalMinutes), overdue);
            case TimeLimitKind.WithinDay when !overdue:
                return new(CountdownUnit.WithinDay, 0, false);
            default:
                // Working days, and "within the day" once past: whole working days between today and the due day.
                return new(CountdownUnit.WorkingDays, overdue ? calendar.WorkingDaysBetween(d.Day, today) : calendar.WorkingDaysBetween(today, d.Day), overdue);
        }
    }
}

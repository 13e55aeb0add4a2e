using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>
/// Due dates per kind of time limit, and how waiting for the citizen extends them. Each due date
/// is computed from the receipt and the total time waited, never by stepping the previous one, so
/// a rebuild and a replay reach the same date.
/// </summary>
/// <remarks>
/// Rules (Bộ luật Dân sự 2015 arts. 147–148, applied to the one-stop desks):
/// working days — the n-th working day after the day of receipt; calendar days — the n-th day
/// after the day of receipt (that day is not counted), moved to the next working day when it is a
/// day off; hours — n hours of office time after the moment of receipt; within the day — the close
/// of office hours of the handling day. Waiting for the citizen adds, in the limit's own unit, the
/// time between request and supplement: working days (also for "within the day"), calendar days,
/// or office time.
/// </remarks>
public sealed class DueDateRule(WorkingCalendar calendar)
{
    private readonly OfficeHours _office = new(calendar);

    public OfficeHours Office => _office;

    /// <summary>The due date with the waiting so far; null when the law gives no limit.</summary>
    public DossierDue? Due(TimeLimit limit, DateTimeOffset receivedAt, IEnumerable<(DateTimeOffset PausedAt, DateTimeOffset ResumedAt)> waits)
    {
        var received = ProvinceTime.LocalDate(receivedAt);
        switch (limit.Kind)
        {
            case TimeLimitKind.WorkingDays:
                return DossierDue.EndOf(calendar.AddWorkingDays(received, limit.Amount!.Value + waits.Sum(WorkingDaysWaited)));
            case TimeLimitKind.CalendarDays:
                var last = received.AddDays(limit.Amount!.Value + waits.Sum(w => Math.Max(0, ProvinceTime.LocalDate(w.ResumedAt).DayNumber - ProvinceTime.LocalDate(w.PausedAt).DayNumber)));
                return DossierDue.EndOf(calendar.IsWorkingDay(last) ? last : calendar.AddWorkingDays(last, 1));
            case TimeLimitKind.Hours:
                var waited = waits.Aggregate(TimeSpan.Zero, (sum, w) => sum + _office.Between(w.PausedAt, w.ResumedAt));
                return DossierDue.At(_office.Add(receivedAt, TimeSpan.FromHours(limit.Amount!.Value) + waited));
            case TimeLimitKind.WithinDay:
                var day = calendar.AddWorkingDays(_office.HandlingDay(receivedAt), waits.Sum(WorkingDaysWaited));
                return DossierDue.At(OfficeHours.CloseOf(day));
            default:
                return null;
        }
    }

    private int WorkingDaysWaited((DateTimeOffset PausedAt, DateTimeOffset ResumedAt) w) =>
        calendar.WorkingDaysBetween(ProvinceTime.LocalDate(w.PausedAt), ProvinceTime.LocalDate(w.ResumedAt));
}

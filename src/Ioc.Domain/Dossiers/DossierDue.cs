using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>
/// A dossier's due date (ngày hẹn trả): a whole day for limits in days, which end at 24:00 of
/// their last day (Bộ luật Dân sự 2015, art. 148.6), or an instant for limits in hours and
/// "trong ngày".
/// </summary>
public readonly record struct DossierDue(DateOnly Day, TimeOnly? Time)
{
    public static DossierDue EndOf(DateOnly day) => new(day, null);

    public static DossierDue At(DateTimeOffset instant)
    {
        var local = ProvinceTime.ToLocal(instant);
        return new(DateOnly.FromDateTime(local.DateTime), TimeOnly.FromTimeSpan(local.TimeOfDay));
    }

    /// <summary>Reads back a stored <see cref="Deadline"/>.</summary>
    public static DossierDue FromDeadline(DateTimeOffset deadline, bool wholeDay) =>
        wholeDay ? EndOf(ProvinceTime.LocalDate(deadline)) : At(deadline);

    public bool IsWholeDay => Time is null;

    /// <summary>The last instant that is still on time, to the millisecond (the store keeps milliseconds).</summary>
    public DateTimeOffset Deadline => Time is TimeOnly t
        ? ProvinceTime.StartOfDay(Day) + t.ToTimeSpan()
        : ProvinceTime.StartOfDay(Day.AddDays(1)).AddMilliseconds(-1);

    /// <summary>Whether something done at <paramref name="instant"/> is on time.</summary>
    public bool IsMetBy(DateTimeOffset instant) => Time is null ? ProvinceTime.LocalDate(instant) <= Day : instant <= Deadline;

    /// <summary>
    /// The last day on which day-level rollups count a dossier still being processed as on time:
    /// its due day, whatever the kind of limit. Judging an hour limit due at 09:00 as past at the
    /// end of its day would count it overdue in today's figures from the moment it is received,
    /// hours before it is late (a wall full of false "quá hạn" every morning for "trong ngày"
    /// procedures). So such a dossier is overdue in the rollups from the next day; the dossier list
    /// and page, which compare with the clock, show it overdue from the instant itself, and so do the
    /// figures of a window that ends today (IndicatorQueries adds the ones whose instant has passed);
    /// a finished one is judged to the millisecond (<see cref="IsMetBy"/>).
    /// </summary>
    public DateOnly LastOnTimeDay => Day;
}

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
    /// The last day at whose end a dossier still being processed is on time. Day-level rollups
    /// judge "at the window's end" at the end of a day: an hour limit due at 15:00 on day D is
    /// already past at the end of D.
    /// </summary>
    public DateOnly LastOnTimeDay => Time is null ? Day : Day.AddDays(-1);
}

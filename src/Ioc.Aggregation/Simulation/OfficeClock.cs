using Ioc.Domain.Time;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Office hours of the one-stop desks (7:30–11:30 and 13:30–17:00 on working days) as a single
/// count of office minutes, so that "two office hours later" or "some time before the due date"
/// is plain arithmetic that never lands on a lunch break, a weekend or a holiday. The hours are
/// those of <see cref="OfficeHours"/>, which runs limits in hours.
/// </summary>
internal sealed class OfficeClock(WorkingCalendar calendar)
{
    public const int MorningStart = OfficeHours.MorningStartMinute;
    public const int MorningEnd = OfficeHours.MorningEndMinute;
    public const int AfternoonStart = OfficeHours.AfternoonStartMinute;
    public const int AfternoonEnd = OfficeHours.AfternoonEndMinute;
    public const int MorningMinutes = MorningEnd - MorningStart;
    public const int MinutesPerDay = MorningMinutes + AfternoonEnd - AfternoonStart;

    // A Saturday before any date the simulator produces; working day k is the (k+1)-th working day after it.
    private static readonly DateOnly Epoch = new(2000, 1, 1);

    public WorkingCalendar Calendar => calendar;

    /// <summary>The first office minute at or after <paramref name="instant"/>.</summary>
    public long Ceiling(DateTimeOffset instant)
    {
        var local = ProvinceTime.ToLocal(instant);
        var day = DateOnly.FromDateTime(local.DateTime);
        var minute = (int)Math.Ceiling(local.TimeOfDay.TotalMinutes);
        if (!calendar.IsWorkingDay(day) || minute >= AfternoonEnd)
        {
            return DayIndex(NextWorkingDay(day)) * MinutesPerDay;
        }
        var offset = minute switch
        {
            <= MorningStart => 0,
            < MorningEnd => minute - MorningStart,
            <= AfternoonStart => MorningMinutes,
            _ => MorningMinutes + minute - AfternoonStart,
        };
        return DayIndex(day) * MinutesPerDay + offset;
    }

    /// <summary>The instant of an office minute, plus up to a minute of seconds so that events do not all fall on :00.</summary>
    public DateTimeOffset At(long officeMinute, int seconds = 0)
    {
        var dayIndex = officeMinute / MinutesPerDay;
        var offset = (int)(officeMinute % MinutesPerDay);
        var day = calendar.AddWorkingDays(Epoch, (int)dayIndex + 1);
        var clock = offset < MorningMinutes ? MorningStart + offset : AfternoonStart + offset - MorningMinutes;
        return ProvinceTime.StartOfDay(day) + TimeSpan.FromMinutes(clock) + TimeSpan.FromSeconds(seconds);
    }

    public DateOnly DayOf(long officeMinute) => calendar.AddWorkingDays(Epoch, (int)(officeMinute / MinutesPerDay) + 1);

    /// <summary>The first office minute of a working day (or of the next working day).</summary>
    public long StartOf(DateOnly day) => DayIndex(calendar.IsWorkingDay(day) ? day : NextWorkingDay(day)) * MinutesPerDay;

    /// <summary>The last office minute of a working day (or of the last working day before it).</summary>
    public long EndOf(DateOnly day)
    {
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }
        return DayIndex(day) * MinutesPerDay + MinutesPerDay - 1;
    }

    public bool IsOfficeTime(DateTimeOffset instant)
    {
        var local = ProvinceTime.ToLocal(instant);
        if (!calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)))
        {
            return false;
        }
        var minute = local.TimeOfDay.TotalMinutes;
        return minute is >= MorningStart and < MorningEnd or >= AfternoonStart and < AfternoonEnd;
    }

    private long DayIndex(DateOnly workingDay) => calendar.WorkingDaysBetween(Epoch, workingDay) - 1;

    private DateOnly NextWorkingDay(DateOnly day) => calendar.AddWorkingDays(day, 1);
}

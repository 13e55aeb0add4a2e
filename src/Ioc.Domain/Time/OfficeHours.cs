namespace Ioc.Domain.Time;

/// <summary>
/// Office hours of the one-stop desks (7:30–11:30 and 13:30–17:00 on working days). Limits in
/// hours ("8 giờ làm việc") run on this clock, so an hour limit never ends in a lunch break, at
/// night or on a day off. Time is measured as a position on a line that holds only office time:
/// adding office time is then plain addition, and pauses extend a due instant exactly.
/// </summary>
public sealed class OfficeHours(WorkingCalendar calendar)
{
    // Minutes of the day, as constants so that the simulator's office-minute clock shares them.
    public const int MorningStartMinute = 7 * 60 + 30;
    public const int MorningEndMinute = 11 * 60 + 30;
    public const int AfternoonStartMinute = 13 * 60 + 30;
    public const int AfternoonEndMinute = 17 * 60;

    public static readonly TimeSpan MorningStart = TimeSpan.FromMinutes(MorningStartMinute);
    public static readonly TimeSpan MorningEnd = TimeSpan.FromMinutes(MorningEndMinute);
    public static readonly TimeSpan AfternoonStart = TimeSpan.FromMinutes(AfternoonStartMinute);
    public static readonly TimeSpan AfternoonEnd = TimeSpan.FromMinutes(AfternoonEndMinute);
    public static readonly TimeSpan Morning = MorningEnd - MorningStart;
    public static readonly TimeSpan PerDay = Morning + (AfternoonEnd - AfternoonStart);

    // A Saturday before any supported date; working day k is the (k+1)-th working day after it.
    private static readonly DateOnly Epoch = new(2000, 1, 1);

    public WorkingCalendar Calendar => calendar;

    /// <summary>Office time elapsed from <paramref name="from"/> to <paramref name="to"/>; zero when to ≤ from.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to) => TimeSpan.FromTicks(Math.Max(0, Position(to) - Position(from)));

    /// <summary>The earliest instant at which <paramref name="amount"/> of office time has elapsed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        return InstantAt(Position(start) + amount.Ticks);
    }

    /// <summary>The close of office hours on the working day a dossier received at <paramref name="receivedAt"/> is handled: that day, or the next working day when received after hours or on a day off.</summary>
    public DateTimeOffset CloseOfHandlingDay(DateTimeOffset receivedAt) => CloseOf(HandlingDay(receivedAt));

    /// <summary>The working day on which office time next runs at <paramref name="instant"/>.</summary>
    public DateOnly HandlingDay(DateTimeOffset instant) => DayOfIndex(Position(instant) / PerDay.Ticks);

    /// <summary>17:00 on <paramref name="workingDay"/>.</summary>
    public static DateTimeOffset CloseOf(DateOnly workingDay) => ProvinceTime.StartOfDay(workingDay) + AfternoonEnd;

    public bool IsOfficeTime(DateTimeOffset instant)
    {
        var local = ProvinceTime.ToLocal(instant);
        if (!calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)))
        {
            return false;
        }
        var t = local.TimeOfDay;
        return t >= MorningStart && t < MorningEnd || t >= AfternoonStart && t < AfternoonEnd;
    }

    /// <summary>Office ticks from the epoch to <paramref name="instant"/>; constant outside office hours.</summary>
    private long Position(DateTimeOffset instant)
    {
        var local = ProvinceTime.ToLocal(instant);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!calendar.IsWorkingDay(day))
        {
            return IndexOf(calendar.AddWorkingDays(day, 1)) * PerDay.Ticks;
        }
        var t = local.TimeOfDay;
        var offset = t <= MorningStart ? TimeSpan.Zero
            : t < MorningEnd ? t - MorningStart
            : t <= AfternoonStart ? Morning
            : t < AfternoonEnd ? Morning + (t - AfternoonStart)
            : PerDay;
        return IndexOf(day) * PerDay.Ticks + offset.Ticks;
    }

    /// <summary>The earliest instant at a position: a whole number of days ends at the previous day's close, not the next day's opening.</summary>
    private static DateTimeOffset InstantAtCore(DateOnly day, TimeSpan offset) =>
        ProvinceTime.StartOfDay(day) + (offset <= Morning ? MorningStart + offset : AfternoonStart + (offset - Morning));

    private DateTimeOffset InstantAt(long position)
    {
        var index = position / PerDay.Ticks;
        var offset = TimeSpan.FromTicks(position % PerDay.Ticks);
        if (offset == TimeSpan.Zero && index > 0)
        {
            return CloseOf(DayOfIndex(index - 1));
        }
        return InstantAtCore(DayOfIndex(index), offset);
    }

    private long IndexOf(DateOnly workingDay) => calendar.WorkingDaysBetween(Epoch, workingDay) - 1;

    private DateOnly DayOfIndex(long index) => calendar.AddWorkingDays(Epoch, (int)index + 1);
}

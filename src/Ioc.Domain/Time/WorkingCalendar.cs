namespace Ioc.Domain.Time;

/// <summary>
/// Working days of the public administration: Monday–Friday, minus public holidays and
/// compensatory days off, plus Saturdays swapped into working days. Due dates of dossiers
/// (ngày hẹn trả) and SLAs of hotline tickets are counted in these days.
/// </summary>
/// <remarks>
/// Answers are O(1): the constructor precomputes, for every day in the supported range, how many
/// working days precede it. Ingest computes due dates for every event, so this sits on the hot path.
/// </remarks>
public sealed class WorkingCalendar
{
    private static readonly DateOnly RangeStart = new(2000, 1, 1);
    private static readonly DateOnly RangeEnd = new(2100, 12, 31);

    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _workingSaturdays;
    private readonly int[] _workingDaysBefore;   // index = day offset; value = working days strictly before that day
    private readonly int[] _workingDayOffsets;   // k-th working day (0-based) as a day offset
    private readonly int _firstDayNumber;

    public WorkingCalendar(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly> workingSaturdays, IEnumerable<int>? coveredYears = null)
    {
        _daysOff = [.. daysOff];
        _workingSaturdays = [.. workingSaturdays];
        CoveredYears = coveredYears is null
            ? [.. _daysOff.Select(d => d.Year).Concat(_workingSaturdays.Select(d => d.Year)).Distinct().Order()]
            : [.. coveredYears.Order()];

        _firstDayNumber = RangeStart.DayNumber;
        var length = RangeEnd.DayNumber - _firstDayNumber + 1;
        _workingDaysBefore = new int[length + 1];
        var offsets = new List<int>(length);
        for (var i = 0; i < length; i++)
        {
            var working = ComputeIsWorkingDay(DateOnly.FromDayNumber(_firstDayNumber + i));
            _workingDaysBefore[i + 1] = _workingDaysBefore[i] + (working ? 1 : 0);
            if (working)
            {
                offsets.Add(i);
            }
        }
        _workingDayOffsets = [.. offsets];
    }

    /// <summary>Years for which official days off are known; outside them only weekends count.</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    /// <summary>A calendar of weekends only, for tests and for provinces without a holiday file.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([], [], []);

    public bool IsWorkingDay(DateOnly day) => _workingDaysBefore[Index(day) + 1] - _workingDaysBefore[Index(day)] == 1;

    public bool IsDayOff(DateOnly day) => _daysOff.Contains(day);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return start;
        }
        var k = _workingDaysBefore[Index(start) + 1] + days - 1;
        if (k >= _workingDayOffsets.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(days), "The result lies beyond the calendar's range.");
        }
        return DateOnly.FromDayNumber(_firstDayNumber + _workingDayOffsets[k]);
    }

    /// <summary>Working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>; 0 when to ≤ from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) =>
        to <= from ? 0 : _workingDaysBefore[Index(to) + 1] - _workingDaysBefore[Index(from) + 1];

    /// <summary>
    /// Time between two instants that falls on working days (each working day counts 24 hours).
    /// Hotline SLAs in working days run on this clock.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }
        var a = ProvinceTime.ToLocal(from);
        var b = ProvinceTime.ToLocal(to);
        var dayA = DateOnly.FromDateTime(a.DateTime);
        var dayB = DateOnly.FromDateTime(b.DateTime);
        if (dayA == dayB)
        {
            return IsWorkingDay(dayA) ? b - a : TimeSpan.Zero;
        }
        var total = TimeSpan.Zero;
        if (IsWorkingDay(dayA))
        {
            total += ProvinceTime.StartOfDay(dayA.AddDays(1)) - a;
        }
        total += TimeSpan.FromDays(WorkingDaysBetween(dayA, dayB.AddDays(-1)));
        if (IsWorkingDay(dayB))
        {
            total += b - ProvinceTime.StartOfDay(dayB);
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of working time has elapsed after <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var local = ProvinceTime.ToLocal(start);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(day))
        {
            var leftToday = ProvinceTime.StartOfDay(day.AddDays(1)) - local;
            if (amount <= leftToday)
            {
                return local + amount;
            }
            amount -= leftToday;
        }
        // Whole working days first, then the remainder inside the next working day.
        var wholeDays = (int)(amount.Ticks / TimeSpan.TicksPerDay);
        var remainder = amount - TimeSpan.FromDays(wholeDays);
        if (remainder == TimeSpan.Zero)
        {
            return ProvinceTime.StartOfDay(AddWorkingDays(day, wholeDays).AddDays(1));
        }
        return ProvinceTime.StartOfDay(AddWorkingDays(day, wholeDays + 1)) + remainder;
    }

    private bool ComputeIsWorkingDay(DateOnly day)
    {
        if (_workingSaturdays.Contains(day))
        {
            return true;
        }
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(day);
    }

    private int Index(DateOnly day)
    {
        var i = day.DayNumber - _firstDayNumber;
        if ((uint)i >= (uint)(_workingDaysBefore.Length - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"The calendar covers {RangeStart:yyyy-MM-dd} to {RangeEnd:yyyy-MM-dd}.");
        }
        return i;
    }
}

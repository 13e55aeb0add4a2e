using Ioc.Contracts;

namespace Ioc.Domain.Indicators;

/// <summary>A closed range of local days [From, To].</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public bool IsEmpty => To < From;

    public int Days => IsEmpty ? 0 : To.DayNumber - From.DayNumber + 1;
}

public static class KpiWindows
{
    /// <summary>The days a named window covers, ending today.</summary>
    public static DayRange Resolve(KpiWindow window, DateOnly today) => window switch
    {
        KpiWindow.Today => new(today, today),
        KpiWindow.Week => new(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
        KpiWindow.Month => new(new DateOnly(today.Year, today.Month, 1), today),
        KpiWindow.Quarter => new(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), today),
        KpiWindow.Year => new(new DateOnly(today.Year, 1, 1), today),
        KpiWindow.Last12Months => new(new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today),
        _ => throw new ArgumentOutOfRangeException(nameof(window)),
    };

    /// <summary>A custom range, with its end clamped to today: indicators are judged at the window's end, which cannot lie in the future.</summary>
    public static DayRange Custom(DateOnly from, DateOnly to, DateOnly today) => new(from, to > today ? today : to);
}

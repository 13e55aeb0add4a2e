namespace Ioc.Domain.Time;

/// <summary>Local time of the province: Vietnam keeps UTC+7 all year (no daylight saving).</summary>
public static class ProvinceTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateOnly FromDayNumber(int dayNumber) => DateOnly.FromDayNumber(dayNumber);

    /// <summary>Months counted from year 0, so that consecutive months are consecutive integers.</summary>
    public static int MonthNumber(DateOnly day) => day.Year * 12 + day.Month - 1;

    public static DateOnly FirstDayOfMonthNumber(int monthNumber) => new(monthNumber / 12, monthNumber % 12 + 1, 1);
}

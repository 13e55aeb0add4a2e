namespace Ioc.Domain.Time;

/// <summary>
/// The clock indicators and ingest judge time by ("today", "overdue now", "in the future").
/// Kept apart from the framework's TimeProvider so that tests can pin the province's date without
/// also moving cookie lifetimes, timers and connection timeouts.
/// </summary>
public sealed class ProvinceClock(TimeProvider provider)
{
    public static ProvinceClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset UtcNow => provider.GetUtcNow();

    public DateOnly Today => ProvinceTime.LocalDate(provider.GetUtcNow());
}

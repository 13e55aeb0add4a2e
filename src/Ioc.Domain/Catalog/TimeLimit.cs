namespace Ioc.Domain.Catalog;

/// <summary>How the law states a procedure's time limit (thời hạn giải quyết).</summary>
public enum TimeLimitKind
{
    /// <summary>"n ngày làm việc": working days, skipping weekends, holidays and days off.</summary>
    WorkingDays,
    /// <summary>"n ngày": calendar days; the last day moves to the next working day when it is a day off.</summary>
    CalendarDays,
    /// <summary>"n giờ (làm việc)": hours counted inside office hours.</summary>
    Hours,
    /// <summary>"trong ngày": by the close of office hours of the day of receipt.</summary>
    WithinDay,
    /// <summary>The law gives no limit: the dossier has no due date and no on-time verdict.</summary>
    None,
}

/// <summary>A statutory time limit. <see cref="Amount"/> is set (≥ 1) for day and hour kinds only.</summary>
public readonly record struct TimeLimit
{
    private TimeLimit(TimeLimitKind kind, int? amount) => (Kind, Amount) = (kind, amount);

    public TimeLimitKind Kind { get; }

    public int? Amount { get; }

    public bool HasDue => Kind != TimeLimitKind.None;

    /// <summary>Limits in days end with a whole day; hours and "within the day" end at an instant.</summary>
    public bool DueIsWholeDay => Kind is TimeLimitKind.WorkingDays or TimeLimitKind.CalendarDays;

    public static TimeLimit WorkingDays(int days) => new(TimeLimitKind.WorkingDays, Positive(days));

    public static TimeLimit CalendarDays(int days) => new(TimeLimitKind.CalendarDays, Positive(days));

    public static TimeLimit Hours(int hours) => new(TimeLimitKind.Hours, Positive(hours));

    public static TimeLimit WithinDay { get; } = new(TimeLimitKind.WithinDay, null);

    public static TimeLimit None { get; } = new(TimeLimitKind.None, null);

    /// <summary>The limit of a kind and amount as stored or read from a file; throws when they do not fit together.</summary>
    public static TimeLimit Of(TimeLimitKind kind, int? amount) => kind switch
    {
        TimeLimitKind.WorkingDays => WorkingDays(amount ?? 0),
        TimeLimitKind.CalendarDays => CalendarDays(amount ?? 0),
        TimeLimitKind.Hours => Hours(amount ?? 0),
        _ when amount is not null => throw new ArgumentException($"A limit of kind {kind} takes no amount.", nameof(amount)),
        TimeLimitKind.WithinDay => WithinDay,
        TimeLimitKind.None => None,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static int Positive(int amount) => amount >= 1 ? amount : throw new ArgumentOutOfRangeException(nameof(amount), amount, "A time limit needs an amount of at least 1.");

    public override string ToString() => Kind switch
    {
        TimeLimitKind.WorkingDays => $"{Amount} ngày làm việc",
        TimeLimitKind.CalendarDays => $"{Amount} ngày",
        TimeLimitKind.Hours => $"{Amount} giờ làm việc",
        TimeLimitKind.WithinDay => "trong ngày",
        _ => "không quy định thời hạn",
    };
}

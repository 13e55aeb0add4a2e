namespace Ioc.Domain.Documents;

/// <summary>Văn bản đến (received, handled by the unit) or văn bản đi (issued by the unit).</summary>
public enum DocumentDirection
{
    Incoming,
    Outgoing,
}

public enum DocumentStatus
{
    /// <summary>Đã vào sổ, chờ giao xử lý.</summary>
    Received,
    /// <summary>Đã giao, đang xử lý.</summary>
    Assigned,
    /// <summary>Đã xử lý xong.</summary>
    Processed,
    /// <summary>Đã ban hành (văn bản đi).</summary>
    Issued,
}

/// <summary>
/// Current state of one document. <see cref="DueSetAt"/> is kept because a due date given at
/// assignment is known only from then on: before it, the document could not be overdue, and the
/// day-level rollups must say the same as a replay of the events up to any day.
/// </summary>
public sealed record DocumentState(
    string Code,
    int UnitId,
    DocumentDirection Direction,
    bool Electronic,
    bool InterConnected,
    bool DigitallySigned,
    string? Subject,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? AssignedAt,
    string? Assignee,
    DateTimeOffset? DueAt,
    DateTimeOffset? DueSetAt,
    DocumentStatus Status,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset LastEventAt)
{
    public bool IsOpen => Status is DocumentStatus.Received or DocumentStatus.Assigned;

    /// <summary>Quá hạn at an instant: open and past its due date. A document without a due date is never overdue.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && DueAt is DateTimeOffset due && due < now;

    /// <summary>Xử lý đúng hạn: processed by its due date; null while open and for a document without a due date.</summary>
    public bool? ProcessedOnTime => ProcessedAt is DateTimeOffset p && DueAt is DateTimeOffset due ? p <= due : null;

    /// <summary>Whole minutes from registration to processing (thời gian xử lý), for processed documents.</summary>
    public long? HandlingMinutes => ProcessedAt is DateTimeOffset p ? (long)Math.Floor((p - RegisteredAt).TotalMinutes) : null;
}

namespace Ioc.Domain.Documents;

/// <summary>What happened to a document in the province's document management system (hệ thống quản lý văn bản và điều hành).</summary>
public enum DocumentEventKind
{
    /// <summary>Văn bản đến: registered as received by a unit.</summary>
    Received,
    /// <summary>Giao xử lý: a leader assigns it to someone, often with the due date.</summary>
    Assigned,
    /// <summary>Đã xử lý xong.</summary>
    Processed,
    /// <summary>Văn bản đi: issued by a unit.</summary>
    Issued,
}

/// <summary>A validated, code-resolved document event.</summary>
public sealed record DocumentEvent(
    DocumentEventKind Kind,
    string DocumentCode,
    DateTimeOffset OccurredAt,
    int? UnitId = null,
    bool? Electronic = null,
    bool? InterConnected = null,
    bool? DigitallySigned = null,
    DateTimeOffset? DueAt = null,
    string? Subject = null,
    string? Assignee = null);

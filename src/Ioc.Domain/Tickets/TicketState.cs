namespace Ioc.Domain.Tickets;

/// <summary>Where a citizen's feedback came in.</summary>
public enum TicketChannel
{
    /// <summary>Tổng đài 1022.</summary>
    Phone,
    App,
    Web,
    Zalo,
    Email,
    /// <summary>Cổng Dịch vụ công quốc gia.</summary>
    NationalPortal,
}

public enum TicketStatus
{
    /// <summary>Mới tiếp nhận.</summary>
    New,
    /// <summary>Đã phân loại.</summary>
    Triaged,
    /// <summary>Đã chuyển xử lý.</summary>
    Routed,
    /// <summary>Đang xử lý.</summary>
    InProgress,
    /// <summary>Chờ bổ sung thông tin: the SLA clock stops.</summary>
    AwaitingInfo,
    /// <summary>Đã trả lời.</summary>
    Answered,
    /// <summary>Đã công khai.</summary>
    Published,
    /// <summary>Đã đóng.</summary>
    Closed,
    /// <summary>Từ chối (spam, ngoài phạm vi).</summary>
    Rejected,
    /// <summary>Trả về phân loại lại.</summary>
    ReturnedToTriage,
    /// <summary>Trùng lặp.</summary>
    Duplicate,
}

public enum TicketUrgency
{
    Normal,
    High,
    Urgent,
}

/// <summary>Current state of a citizen-feedback ticket (phiếu phản ánh kiến nghị).</summary>
public sealed record TicketState(
    string Code,
    TicketChannel Channel,
    int? CategoryId,
    string Text,
    string? Address,
    int? CommuneId,
    double? Latitude,
    double? Longitude,
    string? ReporterName,
    string? ReporterPhone,
    bool IsPublic,
    TicketUrgency Urgency,
    int? UnitId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    string? DueOverrideReason,
    TicketStatus Status,
    DateTimeOffset? PausedAt,
    TimeSpan PausedClockTime,
    TimeSpan PausedWorkingTime,
    DateTimeOffset? AnsweredAt,
    bool? AnsweredOnTime,
    string? Answer,
    DateTimeOffset? ResolvedAt,
    bool? Satisfied,
    DateTimeOffset? RatedAt,
    string? DuplicateOf,
    string? StatusReason,
    DateTimeOffset LastEventAt)
{
    /// <summary>Open tickets still need work: everything before an answer, a rejection or a duplicate verdict.</summary>
    public bool IsOpen => Status is TicketStatus.New or TicketStatus.Triaged or TicketStatus.Routed or TicketStatus.InProgress
        or TicketStatus.AwaitingInfo or TicketStatus.ReturnedToTriage;

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Past its SLA now: open, the clock running, and the due instant passed.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && Status != TicketStatus.AwaitingInfo && now > DueAt;
}

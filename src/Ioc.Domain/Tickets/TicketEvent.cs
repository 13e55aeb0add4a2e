namespace Ioc.Domain.Tickets;

public enum TicketEventKind
{
    Created,
    Triaged,
    Routed,
    Accepted,
    AwaitingInfo,
    InfoReceived,
    Answered,
    Published,
    Closed,
    Rejected,
    ReturnedToTriage,
    MarkedDuplicate,
    Rated,
    UrgencySet,
    DueSet,
}

/// <summary>A validated, code-resolved ticket event. Which fields are set depends on the kind.</summary>
public sealed record TicketEvent(
    TicketEventKind Kind,
    string TicketCode,
    DateTimeOffset OccurredAt,
    string? Actor = null,
    TicketChannel? Channel = null,
    int? CategoryId = null,
    string? Text = null,
    string? Address = null,
    int? CommuneId = null,
    double? Latitude = null,
    double? Longitude = null,
    string? ReporterName = null,
    string? ReporterPhone = null,
    bool? IsPublic = null,
    TicketUrgency? Urgency = null,
    int? UnitId = null,
    string? Answer = null,
    bool? Satisfied = null,
    string? DuplicateOf = null,
    DateTimeOffset? DueAt = null,
    string? Reason = null,
    DateTimeOffset? IfUnchangedSince = null);

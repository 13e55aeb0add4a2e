using Ioc.Domain.Tickets;

namespace Ioc.Data.Entities;

/// <summary>Current state of a hotline ticket (a projection of its events). Times are unix milliseconds.</summary>
public sealed class TicketRow
{
    public required string Code { get; set; }
    public TicketChannel Channel { get; set; }
    public int? CategoryId { get; set; }
    public required string Text { get; set; }
    public string? Address { get; set; }
    public int? CommuneId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterPhone { get; set; }
    public bool IsPublic { get; set; }
    public TicketUrgency Urgency { get; set; }
    public int? UnitId { get; set; }
    public long CreatedAt { get; set; }
    public long DueAt { get; set; }
    public string? DueOverrideReason { get; set; }
    public TicketStatus Status { get; set; }
    public bool IsOpen { get; set; }
    public long? PausedAt { get; set; }
    public long PausedClockMs { get; set; }
    public long PausedWorkingMs { get; set; }
    public long? AnsweredAt { get; set; }
    public bool? AnsweredOnTime { get; set; }
    public string? Answer { get; set; }
    public long? ResolvedAt { get; set; }
    public bool? Satisfied { get; set; }
    public long? RatedAt { get; set; }
    public string? DuplicateOf { get; set; }
    public string? StatusReason { get; set; }
    public long LastEventAt { get; set; }
    /// <summary>Code, text, address and reporter folded for diacritic-insensitive search.</summary>
    public required string SearchText { get; set; }
}

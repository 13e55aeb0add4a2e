namespace Ioc.Data.Entities;

/// <summary>An accepted event, append-only. <see cref="Seq"/> is the order of acceptance, which a rebuild replays.</summary>
public sealed class StoredEvent
{
    public long Seq { get; set; }
    public required string EventId { get; set; }
    public required string Source { get; set; }
    public required string Type { get; set; }
    /// <summary>Dossier or ticket code the event is about.</summary>
    public required string EntityCode { get; set; }
    /// <summary>Unix milliseconds.</summary>
    public long OccurredAt { get; set; }
    /// <summary>Unix milliseconds.</summary>
    public long AcceptedAt { get; set; }
    /// <summary>The event as received, re-serialized as JSON.</summary>
    public required string Payload { get; set; }
}

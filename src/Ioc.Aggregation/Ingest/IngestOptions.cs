using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Ingest;

/// <summary>Limits of the ingest API (<c>Ingest</c> section).</summary>
public sealed class IngestLimits
{
    public const string Section = "Ingest";

    /// <summary>Most events one request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerBatch { get; set; } = 5_000;

    /// <summary>Largest request body in bytes.</summary>
    [Range(1_024, 512 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far in the future an event's time may lie (clock differences between systems).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int MaxTextLength { get; set; } = 10_000;

    [Range(8, 200)]
    public int MaxCodeLength { get; set; } = 64;

    [Range(8, 200)]
    public int MaxIdLength { get; set; } = 128;

    /// <summary>Requests per minute one API key may make; more get 429 and should be retried later.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerKey { get; set; } = 6_000;

    /// <summary>Feeding systems and their keys. Key values come from configuration or the environment, never from the repository.</summary>
    public List<SourceKey> Sources { get; set; } = [];
}

/// <summary>A feeding system allowed to post events.</summary>
public sealed class SourceKey
{
    [Required]
    public string Name { get; set; } = "";

    [Required, MinLength(16)]
    public string Key { get; set; } = "";

    /// <summary>Event families it may send: <c>dossier</c>, <c>ticket</c>.</summary>
    public List<string> Allow { get; set; } = ["dossier", "ticket"];
}

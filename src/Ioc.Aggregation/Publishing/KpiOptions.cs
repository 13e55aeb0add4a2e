using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Publishing;

/// <summary>Live indicator settings (<c>Kpi</c> section), shared by the hub and its clients.</summary>
public sealed class KpiOptions
{
    public const string Section = "Kpi";

    /// <summary>
    /// Empty: this process hosts the aggregation service and the hub, and its web pages connect to
    /// it. Set (e.g. http://aggregation:5100/hubs/kpi): web pages connect to that separate service.
    /// </summary>
    public string? HubUrl { get; set; }

    /// <summary>Changes of one unit within this many milliseconds after an update are merged into the next one.</summary>
    [Range(10, 10_000)]
    public int CoalesceMilliseconds { get; set; } = 250;

    /// <summary>How often the hub tells every client it is alive.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>How often every subscribed stream is recomputed without events (SLA breaches and the date move on their own).</summary>
    [Range(5, 3600)]
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>A page whose data or heartbeat is older than this shows its stamp in red.</summary>
    [Range(2, 3600)]
    public int StaleAfterSeconds { get; set; } = 30;

    /// <summary>Upper bound of the client's reconnect back-off.</summary>
    [Range(1, 600)]
    public int MaxReconnectDelaySeconds { get; set; } = 15;

    /// <summary>
    /// How often the hub checks the display keys of its open connections against the database, to
    /// close those revoked by another process (a revocation in this process closes them at once).
    /// </summary>
    [Range(1, 600)]
    public int KeyCheckSeconds { get; set; } = 5;

    /// <summary>
    /// Key the web process's shared hub connection presents (header X-Kpi-Key). Empty in the
    /// one-process mode, where a fresh random key is generated at start.
    /// </summary>
    public string? ServiceKey { get; set; }
}

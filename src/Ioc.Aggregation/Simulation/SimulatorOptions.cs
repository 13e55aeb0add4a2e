using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Simulation;

/// <summary>The demo simulator (<c>Simulator</c> section): a year of history and a live feed, posted through the ingest API.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; }

    /// <summary>
    /// Simulate on a reference directory that is not the demo province's (no <c>"demo": true</c> in its
    /// units file) or into a database that holds events of other sources (a benchmark feeding both).
    /// Off: the simulator refuses, so it cannot post invented history into a real province.
    /// </summary>
    public bool AllowOutsideDemoData { get; set; }

    /// <summary>
    /// A national feed: the reference data's root is the country (<c>national init --out DIR --demo</c>) and
    /// each province gets a share of the feed in proportion to its communes (Hà Nội 126 of 3,321). The
    /// volumes below stay the totals of the whole feed, so that this machine copes; raise them knowingly.
    /// Refused on a province's reference data.
    /// </summary>
    public bool National { get; set; }

    /// <summary>Same seed, same province: every generated day is a function of (seed, day).</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>Days of history generated on an empty database.</summary>
    [Range(0, 3_660)]
    public int HistoryDays { get; set; } = 365;

    /// <summary>Average province-wide dossiers received on an ordinary weekday (Tuesday–Thursday).</summary>
    [Range(0, 100_000)]
    public int DossiersPerDay { get; set; } = 900;

    /// <summary>
    /// Average documents (văn bản đến and đi) registered province-wide on an ordinary weekday. A province
    /// exchanges some 700,000 a year (data/SOURCES.md), about 2,800 a working day; the demo runs a tenth of that.
    /// </summary>
    [Range(0, 100_000)]
    public int DocumentsPerDay { get; set; } = 280;

    /// <summary>Average hotline tickets on an ordinary weekday.</summary>
    [Range(0, 10_000)]
    public int TicketsPerDay { get; set; } = 60;

    /// <summary>Extra live arrivals keep at least this rate, so that a wall opened at night still moves.</summary>
    [Range(0.0, 1_000.0)]
    public double MinimumLiveDossiersPerMinute { get; set; } = 1.0;

    [Range(0.0, 10_000.0)]
    public double MinimumLiveTicketsPerHour { get; set; } = 4;

    /// <summary>Events per request to the ingest API.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Folder with ticket-texts.json and people.json, and the demo province's annual-indices.csv; relative paths are resolved like the database path.</summary>
    [Required]
    public string DemoDataDirectory { get; set; } = "data/demo";

    /// <summary>Share of live tickets that the simulator creates and then leaves alone, for the hotline staff to triage.</summary>
    [Range(0.0, 1.0)]
    public double OperatorShare { get; set; } = 0.3;
}

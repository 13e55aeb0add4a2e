using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ioc.Aggregation.Ingest;

namespace Ioc.Aggregation.Telemetry;

/// <summary>
/// What IOC tells an operator about itself: one <see cref="Meter"/> and one <see cref="ActivitySource"/>,
/// both named "Ioc", and every instrument's name in one place (Prometheus shows them with dots as
/// underscores, a unit suffix and <c>_total</c> on counters, e.g. <c>ioc_ingest_events_total</c>).
/// </summary>
/// <remarks>
/// Static, like <see cref="Ingest.IngestTimings"/>: instruments cost nothing while nobody listens,
/// and the code that records them (the ingest writer, the hub, the publisher) needs no extra
/// constructor argument. One process hosts one app, so one meter per process is what is scraped.
/// </remarks>
public static class IocMetrics
{
    public const string Name = "Ioc";

    public const string IngestEvents = "ioc.ingest.events";
    public const string IngestBatchSize = "ioc.ingest.batch.size";
    public const string IngestBatchDuration = "ioc.ingest.batch.duration";
    public const string IngestCommitDuration = "ioc.ingest.commit.duration";
    public const string RollupRebuildDuration = "ioc.rollup.rebuild.duration";
    public const string HubConnections = "ioc.kpi.hub.connections";
    public const string UpdatesPublished = "ioc.kpi.updates.published";
    public const string CircuitsOpen = "ioc.web.circuits.open";
    public const string QueryDuration = "ioc.query.duration";

    /// <summary>Outcomes of <see cref="IngestEvents"/>: stored, acknowledged as already stored, or refused with the batch.</summary>
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Refused = "refused";

    public static readonly Meter Meter = new(Name);

    /// <summary>Spans: an ingest batch (with its group commit) and each publish round, linked to the batches it carries.</summary>
    public static readonly ActivitySource Source = new(Name);

    // Seconds from a millisecond to ten: the default buckets (0 to 10 000) would put every ingest in the first.
    private static readonly IReadOnlyList<double> Seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly Counter<long> Events = Meter.CreateCounter<long>(IngestEvents, "{event}",
        "Events received by ingest, by source and outcome (accepted, duplicate, refused)");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram(IngestBatchSize, "{event}",
        "Events per ingest batch", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 50, 100, 500, 1000, 2000, 5000, 10000] });

    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram(IngestBatchDuration, "s",
        "Time from a batch's arrival at the writer to its answer: queue, validation and the commit that holds it",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(IngestCommitDuration, "s",
        "One group transaction: validation, events, states and rollups written, committed",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    private static readonly Histogram<double> RebuildDuration = Meter.CreateHistogram(RollupRebuildDuration, "s",
        "A full recomputation of the rollups from the event store",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 60, 300, 900, 3600] });

    private static readonly Counter<long> Published = Meter.CreateCounter<long>(UpdatesPublished, "{update}",
        "Messages sent to hub groups, by stream (indicators, tickets)");

    // Open hub connections and open circuits are observed, not added to: a MeterProvider sums an up-down
    // counter's changes from its own start, so one built after connections opened (or a second app in a
    // test process) counted their closing below zero. A scrape reads the process's own counts instead,
    // whenever the provider began.
    private static readonly ConcurrentDictionary<string, long> openConnections = new(StringComparer.Ordinal);
    private static long openCircuits;

    private static readonly ObservableUpDownCounter<long> Connections = Meter.CreateObservableUpDownCounter(HubConnections,
        () => openConnections.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("client", c.Key))), "{connection}",
        "Open connections to the KPI hub, by client (web service, display, person)");

    private static readonly ObservableUpDownCounter<long> Circuits = Meter.CreateObservableUpDownCounter(CircuitsOpen,
        () => Interlocked.Read(ref openCircuits), "{circuit}",
        "Blazor circuits (open pages) held by this web process, connected or waiting for their browser");

    private static readonly Histogram<double> Queries = Meter.CreateHistogram(QueryDuration, "s",
        "Indicator and dossier-list queries, by query",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    /// <summary>
    /// Counts a batch's answer and passes it on: a stored batch's events as accepted or duplicate,
    /// every event of a refused one (nothing of it is stored) as refused; tags the current span.
    /// </summary>
    public static IngestOutcome Answered(string source, int events, long startTimestamp, IngestOutcome outcome)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        if (outcome is { Succeeded: true, Result: { } result })
        {
            Events.Add(result.Accepted, tag, new("outcome", Accepted));
            Events.Add(result.Duplicates, tag, new("outcome", Duplicate));
        }
        else
        {
            Events.Add(events, tag, new("outcome", Refused));
        }
        var answer = outcome.Succeeded ? Accepted : Refused;
        BatchSize.Record(events, tag);
        BatchDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag, new("outcome", answer));
        Activity.Current?.SetTag("ioc.outcome", answer);
        return outcome;
    }

    /// <summary>A batch refused before it reached the writer (a type its key may not send).</summary>
    public static void RefusedBeforeIngest(string source, int events) =>
        Events.Add(events, new KeyValuePair<string, object?>("source", source), new("outcome", Refused));

    public static void Committed(long startTimestamp) => CommitDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    public static void Rebuilt(TimeSpan elapsed) => RebuildDuration.Record(elapsed.TotalSeconds);

    public static void HubConnected(string client) => openConnections.AddOrUpdate(client, 1, (_, open) => open + 1);

    public static void HubDisconnected(string client) => openConnections.AddOrUpdate(client, 0, (_, open) => open - 1);

    public static void UpdatePublished(string stream) => Published.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public static void CircuitOpened() => Interlocked.Increment(ref openCircuits);

    public static void CircuitClosed() => Interlocked.Decrement(ref openCircuits);

    /// <summary>Times a query until disposed: <c>using var _ = IocMetrics.TimeQuery("dossiers.list");</c></summary>
    public static QueryTimer TimeQuery(string query) => new(query, Stopwatch.GetTimestamp());

    public readonly struct QueryTimer(string query, long start) : IDisposable
    {
        public void Dispose() => Queries.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new KeyValuePair<string, object?>("query", query));
    }
}

using Ioc.Contracts;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Ingest;

/// <summary>Told after a transaction commits, outside the writer lock.</summary>
public interface IIngestObserver
{
    void OnCommitted(IngestChanges changes);
}

public sealed record IngestOutcome(IngestResult? Result, IReadOnlyList<IngestError> Errors, IngestChanges? Changes)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The single writer: every event, from the API, the simulator, a backfill or a triage page,
/// goes through here. One lock serializes transactions, because validation reads the states
/// that the previous batch wrote.
/// </summary>
public sealed class IngestPipeline(
    SqliteDatabase database,
    ReferenceCatalog catalog,
    WorkingCalendar calendar,
    ProvinceClock clock,
    IOptions<IngestLimits> limits,
    IEnumerable<IIngestObserver> observers,
    ILogger<IngestPipeline> logger) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly EventParser _parser = new(catalog, clock, limits.Value);
    private SqliteConnection? _connection;

    public IngestLimits Limits => limits.Value;

    public async Task<IngestOutcome> IngestAsync(string source, IReadOnlyList<IngestEvent> events, CancellationToken ct = default)
    {
        if (events.Count > limits.Value.MaxEventsPerBatch)
        {
            return Refused(new IngestError(-1, null, "batch.too-large", $"A batch may hold at most {limits.Value.MaxEventsPerBatch} events; this one has {events.Count}."));
        }
        var (parsed, errors) = Parse(events, 0);
        await _writer.WaitAsync(ct);
        IngestChanges changes;
        try
        {
            var connection = Connection();
            using var session = new IngestSession(connection, catalog, calendar, clock, source);
            // With format errors, still look for state errors so that one answer names every bad event.
            errors.AddRange(session.Apply(parsed, validateOnly: errors.Count > 0));
            if (errors.Count > 0)
            {
                return Refused([.. errors.OrderBy(e => e.Index)]);
            }
            session.Commit();
            changes = session.Changes;
        }
        finally
        {
            _writer.Release();
        }
        Notify(changes);
        return new IngestOutcome(new IngestResult(changes.Accepted, changes.Duplicates), [], changes);
    }

    /// <summary>
    /// Stores a stream of chunks in one transaction (CSV backfill): all or nothing. Stops validating
    /// after <paramref name="maxErrors"/> errors.
    /// </summary>
    public async Task<IngestOutcome> IngestAllAsync(string source, IAsyncEnumerable<IReadOnlyList<(int Line, IngestEvent Event)>> chunks, int maxErrors = 100, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        var errors = new List<IngestError>();
        IngestChanges changes;
        try
        {
            var connection = Connection();
            using var session = new IngestSession(connection, catalog, calendar, clock, source);
            await foreach (var chunk in chunks.WithCancellation(ct))
            {
                var parsed = new List<ParsedEvent>(chunk.Count);
                foreach (var (line, e) in chunk)
                {
                    if (_parser.Parse(line, e, errors) is ParsedEvent p)
                    {
                        parsed.Add(p);
                    }
                }
                // Session errors carry the line numbers because ParsedEvent.Index is the line.
                errors.AddRange(session.Apply(parsed));
                if (errors.Count >= maxErrors)
                {
                    break;
                }
            }
            if (errors.Count > 0)
            {
                return Refused([.. errors.OrderBy(e => e.Index).Take(maxErrors)]);
            }
            session.Commit();
            changes = session.Changes;
        }
        finally
        {
            _writer.Release();
        }
        Notify(changes);
        return new IngestOutcome(new IngestResult(changes.Accepted, changes.Duplicates), [], changes);
    }

    /// <summary>Runs work on the writer's connection with ingest held off (rebuild).</summary>
    public async Task<T> RunExclusiveAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        try
        {
            return work(Connection());
        }
        finally
        {
            _writer.Release();
        }
    }

    internal EventParser Parser => _parser;

    public void Dispose()
    {
        _connection?.Dispose();
        _writer.Dispose();
    }

    private (List<ParsedEvent> Parsed, List<IngestError> Errors) Parse(IReadOnlyList<IngestEvent> events, int offset)
    {
        var errors = new List<IngestError>();
        var parsed = new List<ParsedEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                errors.Add(new IngestError(i + offset, null, "event.null", "The event is null."));
                continue;
            }
            if (_parser.Parse(i + offset, events[i], errors) is ParsedEvent p)
            {
                parsed.Add(p);
            }
        }
        return (parsed, errors);
    }

    private SqliteConnection Connection()
    {
        // One long-lived connection for the writer: prepared statements stay cached and the lock
        // guarantees nobody else uses it.
        if (_connection is null || _connection.State != System.Data.ConnectionState.Open)
        {
            _connection?.Dispose();
            _connection = database.Open();
        }
        return _connection;
    }

    private void Notify(IngestChanges changes)
    {
        if (changes.Accepted == 0)
        {
            return;
        }
        foreach (var o in observers)
        {
            try
            {
                o.OnCommitted(changes);
            }
            catch (Exception ex)
            {
                // The batch is committed and acknowledged whatever an observer does.
                logger.LogError(ex, "Ingest observer {Observer} failed", o.GetType().Name);
            }
        }
    }

    private static IngestOutcome Refused(params IngestError[] errors) => new(null, errors, null);
}

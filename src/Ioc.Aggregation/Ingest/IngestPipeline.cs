using System.Collections.Concurrent;
using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Telemetry;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
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
/// that the previous batch wrote. Batches that queue up while a transaction runs are then stored
/// together in the next one (group commit): each is still validated and stored whole or not at
/// all, and each is acknowledged only after the commit that holds it, but they share one fsync.
/// </summary>
public sealed class IngestPipeline(
    IIngestStore store,
    ReferenceCatalog catalog,
    WorkingCalendar calendar,
    ProvinceClock clock,
    IOptions<IngestLimits> limits,
    IEnumerable<IIngestObserver> observers,
    ILogger<IngestPipeline> logger) : IDisposable
{
    /// <summary>Most events one group transaction takes from the queue.</summary>
    private const int MaxGroupEvents = 20_000;

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly EventParser _parser = new(catalog, clock, limits.Value);
    private readonly ConcurrentQueue<Request> _queue = new();
    private readonly DossierStateCache _cache = new(limits.Value.OpenDossierCacheLimit);

    public IngestLimits Limits => limits.Value;

    private sealed record Request(string Source, List<ParsedEvent> Events, List<IngestError> ParseErrors, TaskCompletionSource<IngestOutcome> Done);

    public Task<IngestOutcome> IngestAsync(string source, IReadOnlyList<IngestEvent> events, CancellationToken ct = default) =>
        IngestAsync(source, events, [], ct);

    /// <param name="fieldErrors">Errors found while reading the request; the events they name are null in <paramref name="events"/>.</param>
    public async Task<IngestOutcome> IngestAsync(string source, IReadOnlyList<IngestEvent?> events, IReadOnlyList<IngestError> fieldErrors, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = IocMetrics.Source.StartActivity("ingest.batch")?.SetTag("ioc.source", source).SetTag("ioc.events", events.Count);
        if (events.Count > limits.Value.MaxEventsPerBatch)
        {
            return IocMetrics.Answered(source, events.Count, started, Refused(new IngestError(-1, null, "batch.too-large", $"A batch may hold at most {limits.Value.MaxEventsPerBatch} events; this one has {events.Count}.")));
        }
        var (parsed, errors) = Parse(events, fieldErrors);
        var request = new Request(source, parsed, errors, new TaskCompletionSource<IngestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(request);
        // Whoever holds the writer stores every queued batch; ours may be done by the time we get it.
        while (!request.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(ct);
            try
            {
                if (!request.Done.Task.IsCompleted)
                {
                    StoreQueued();
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return IocMetrics.Answered(source, events.Count, started, await request.Done.Task);
    }

    /// <summary>
    /// Stores a stream of chunks in one transaction (CSV backfill): all or nothing. Stops validating
    /// after <paramref name="maxErrors"/> errors.
    /// </summary>
    /// <param name="expectedEvents">About how many events the chunks hold (0 if unknown): a load as large as the store builds its indexes at the end.</param>
    public async Task<IngestOutcome> IngestAllAsync(string source, IAsyncEnumerable<IReadOnlyList<(int Line, IngestEvent Event)>> chunks, int maxErrors = 100, long expectedEvents = 0, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        var errors = new List<IngestError>();
        IngestChanges changes;
        try
        {
            // Without the cache: a year of backfilled states would not fit in memory, and each chunk reads what the previous one wrote.
            var transaction = store.Begin(cache: null);
            using var session = new IngestSession(transaction, catalog, calendar, clock);
            transaction.PrepareBulkLoad(expectedEvents);
            _cache.Invalidate();
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
                // Errors carry line numbers because ParsedEvent.Index is the line.
                errors.AddRange(session.Apply(source, parsed, validateOnly: errors.Count > 0).Errors);
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

    /// <summary>Runs SQLite work on the writer's connection with ingest held off (code indexing, tests).</summary>
    /// <param name="keepStateCache">True when the work does not change dossier states, so ingest's cache of them stays valid.</param>
    public async Task<T> RunExclusiveAsync<T>(Func<WriterStatements, T> work, CancellationToken ct = default, bool keepStateCache = false)
    {
        // SQLite SQL of its own on the writer's connection: PostgreSQL has no such connection to give, and
        // what runs on both (the rebuild) takes RunExclusiveOnStoreAsync.
        var sqlite = store as SqliteIngestStore ?? throw new NotSupportedException(
            "RunExclusiveAsync runs SQLite statements on the writer's connection; on PostgreSQL use RunExclusiveOnStoreAsync.");
        return await RunExclusiveOnStoreAsync(_ => work(sqlite.Statements()), ct, keepStateCache);
    }

    /// <summary>Runs work on the writer's store, whichever the provider, with ingest held off (rebuild).</summary>
    /// <param name="keepStateCache">True when the work does not change dossier states, so ingest's cache of them stays valid.</param>
    public async Task<T> RunExclusiveOnStoreAsync<T>(Func<IIngestStore, T> work, CancellationToken ct = default, bool keepStateCache = false)
    {
        await _writer.WaitAsync(ct);
        try
        {
            return work(store);
        }
        finally
        {
            if (!keepStateCache)
            {
                _cache.Invalidate();
            }
            _writer.Release();
        }
    }

    internal EventParser Parser => _parser;

    public void Dispose()
    {
        // The store is the container's: it closes its connection when disposed.
        _writer.Dispose();
    }

    /// <summary>Stores queued batches in one transaction. Runs under the writer lock.</summary>
    private void StoreQueued()
    {
        var group = new List<Request>();
        var size = 0;
        while (size < MaxGroupEvents && _queue.TryDequeue(out var r))
        {
            group.Add(r);
            size += r.Events.Count;
        }
        if (group.Count == 0)
        {
            return;
        }
        var results = new Dictionary<Request, ChunkResult>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = IocMetrics.Source.StartActivity("ingest.commit")?.SetTag("ioc.batches", group.Count).SetTag("ioc.events", size);
        IngestSession? session = null;
        try
        {
            session = new IngestSession(store.Begin(_cache), catalog, calendar, clock);
            foreach (var r in group)
            {
                try
                {
                    var result = session.Apply(r.Source, r.Events, validateOnly: r.ParseErrors.Count > 0);
                    results[r] = r.ParseErrors.Count > 0 ? result with { Errors = [.. r.ParseErrors.Concat(result.Errors).OrderBy(e => e.Index)] } : result;
                }
                catch (Exception ex)
                {
                    // The chunk's savepoint was rolled back; the other batches of the group are unaffected.
                    r.Done.TrySetException(ex);
                }
            }
            session.Commit();
            IocMetrics.Committed(started);
            _cache.Apply(session.WrittenDossiers);
        }
        catch (Exception ex)
        {
            // Nothing of the group was committed, so nothing of it is acknowledged.
            _cache.Invalidate();
            foreach (var r in group)
            {
                r.Done.TrySetException(ex);
            }
            store.Reset();
            return;
        }
        finally
        {
            session?.Dispose();
        }

        var committed = new IngestChanges();
        foreach (var r in group)
        {
            if (!results.TryGetValue(r, out var result))
            {
                continue;
            }
            if (result.Succeeded)
            {
                committed.Add(result.Changes);
                r.Done.TrySetResult(new IngestOutcome(new IngestResult(result.Changes.Accepted, result.Changes.Duplicates), [], result.Changes));
            }
            else
            {
                r.Done.TrySetResult(Refused([.. result.Errors]));
            }
        }
        Notify(committed);
    }

    private (List<ParsedEvent> Parsed, List<IngestError> Errors) Parse(IReadOnlyList<IngestEvent?> events, IReadOnlyList<IngestError> fieldErrors)
    {
        var errors = new List<IngestError>(fieldErrors);
        var unread = fieldErrors.Select(e => e.Index).ToHashSet();
        var parsed = new List<ParsedEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } e)
            {
                if (!unread.Contains(i))
                {
                    errors.Add(new IngestError(i, null, "event.null", "The event is null."));
                }
                continue;
            }
            if (_parser.Parse(i, e, errors) is ParsedEvent p)
            {
                // Serialized here, on the caller's thread, rather than by the writer under its lock.
                _ = p.Payload;
                parsed.Add(p);
            }
        }
        return (parsed, fieldErrors.Count > 0 ? [.. errors.OrderBy(e => e.Index)] : errors);
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

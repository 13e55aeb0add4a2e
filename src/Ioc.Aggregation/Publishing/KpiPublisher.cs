using System.Collections.Concurrent;
using System.Diagnostics;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Telemetry;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// Turns committed batches into hub messages. Every changed unit (with its ancestors, which ingest
/// already includes) is coalesced: the first change is published at once, later ones within the
/// window are merged into one snapshot per watched stream. Ticket changes go out the same way on
/// their own stream. A heartbeat and a periodic refresh keep quiet streams provably alive and
/// correct as the clock moves (SLA breaches, a new day).
/// </summary>
/// <remarks>
/// Pacing runs on the system clock, not on the injected domain clock: tests freeze the domain
/// clock to pin "today", and a frozen clock would hold every coalesced update forever.
/// </remarks>
public sealed class KpiPublisher(
    IHubContext<KpiHub, IKpiClient> hub,
    IndicatorQueries queries,
    KpiStreamRegistry registry,
    ReferenceCatalog catalog,
    IOptions<KpiOptions> options,
    ILogger<KpiPublisher> logger) : BackgroundService, IIngestObserver
{
    private const int TicketsKey = -1;

    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly ConcurrentQueue<int> _changedUnits = new();
    private readonly ConcurrentQueue<TicketChange> _ticketChanges = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _compute = new(1, 1);
    private readonly ConcurrentDictionary<KpiStreamKey, KpiSnapshot> _latest = new();
    private readonly ConcurrentDictionary<KpiStreamKey, long> _sequences = new();
    private long _ticketSequence;

    /// <summary>Spans of the commits not yet published, so that a publish span links to the batches it carries.</summary>
    private readonly ConcurrentQueue<ActivityContext> _committedSpans = new();

    /// <summary>Snapshots sent since start (all streams), for tests and the benchmark.</summary>
    public long Published => Interlocked.Read(ref _published);

    private long _published;

    public void OnCommitted(IngestChanges changes)
    {
        foreach (var unit in changes.Units)
        {
            _changedUnits.Enqueue(unit);
        }
        foreach (var change in changes.Tickets)
        {
            _ticketChanges.Enqueue(change);
        }
        if (Activity.Current is { } commit && _committedSpans.Count < MaxLinks)
        {
            _committedSpans.Enqueue(commit.Context);
        }
        _signal.Release();
    }

    /// <summary>The latest published snapshot of each stream, computing (and numbering) those not published yet.</summary>
    public async Task<IReadOnlyList<KpiSnapshot>> CurrentAsync(IReadOnlyList<KpiStreamKey> keys, bool recompute, CancellationToken ct = default)
    {
        var result = new List<KpiSnapshot>(keys.Count);
        foreach (var key in keys)
        {
            result.Add(!recompute && _latest.TryGetValue(key, out var s) ? s : await ComputeAsync(key, ct));
        }
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var window = TimeSpan.FromMilliseconds(o.CoalesceMilliseconds);
        var coalescer = new UpdateCoalescer<int>(window);
        var nextHeartbeat = _clock.GetUtcNow();
        var nextRefresh = _clock.GetUtcNow() + TimeSpan.FromSeconds(o.RefreshSeconds);
        var pendingTickets = new List<TicketChange>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = _clock.GetUtcNow();
                while (_changedUnits.TryDequeue(out var unit))
                {
                    coalescer.MarkDirty(unit, now);
                }
                while (_ticketChanges.TryDequeue(out var change))
                {
                    pendingTickets.Add(change);
                    coalescer.MarkDirty(TicketsKey, now);
                }
                if (now >= nextRefresh)
                {
                    foreach (var unit in registry.WatchedUnits)
                    {
                        coalescer.MarkDirty(unit, now);
                    }
                    foreach (var key in _latest.Keys.Where(k => !registry.WindowsOf(k.UnitId).Contains(k.Window)))
                    {
                        _latest.TryRemove(key, out _);
                    }
                    coalescer.Trim(now);
                    nextRefresh = now + TimeSpan.FromSeconds(o.RefreshSeconds);
                }
                var due = coalescer.TakeDue(now);
                using (due.Count > 0 ? StartPublishSpan(due.Count) : null)
                {
                    foreach (var key in due)
                    {
                        if (key == TicketsKey)
                        {
                            await PublishTicketsAsync(pendingTickets);
                            pendingTickets = [];
                        }
                        else
                        {
                            await PublishUnitAsync(key, stoppingToken);
                        }
                    }
                }
                if (now >= nextHeartbeat)
                {
                    await hub.Clients.All.Heartbeat(new KpiHeartbeat(now));
                    nextHeartbeat = now + TimeSpan.FromSeconds(o.HeartbeatSeconds);
                }

                var wakeAt = new[] { coalescer.NextDue ?? DateTimeOffset.MaxValue, nextHeartbeat, nextRefresh }.Min();
                var delay = wakeAt - _clock.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await _signal.WaitAsync(delay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A failed query must not stop live updates for good; the next change or refresh retries.
                logger.LogError(ex, "Publishing live indicators failed");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PublishUnitAsync(int unitId, CancellationToken ct)
    {
        if (!catalog.Units.Contains(unitId))
        {
            return;
        }
        foreach (var window in registry.WindowsOf(unitId))
        {
            var key = new KpiStreamKey(unitId, window);
            var snapshot = await ComputeAsync(key, ct);
            await hub.Clients.Group(KpiStreamRegistry.GroupName(key)).KpiUpdated(snapshot);
            Interlocked.Increment(ref _published);
            IocMetrics.UpdatePublished("indicators");
        }
    }

    private async Task PublishTicketsAsync(List<TicketChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        var numbered = changes.Select(c => c with { Sequence = ++_ticketSequence }).ToList();
        await hub.Clients.Group(KpiStreamRegistry.TicketsGroup).TicketsChanged(numbered);
        IocMetrics.UpdatePublished("tickets");
    }

    /// <summary>Most commit spans one publish span links to; a burst's further batches are left unlinked rather than queued without end.</summary>
    private const int MaxLinks = 64;

    /// <summary>
    /// A publish round runs on this loop, not inside any request: it links to the commits it carries,
    /// so a trace of an ingest batch leads to the publish that sent its figures.
    /// </summary>
    private Activity? StartPublishSpan(int streams)
    {
        var links = new List<ActivityLink>();
        while (_committedSpans.TryDequeue(out var context))
        {
            links.Add(new ActivityLink(context));
        }
        return IocMetrics.Source.StartActivity("kpi.publish", ActivityKind.Internal, parentContext: default, links: links)?.SetTag("ioc.units", streams);
    }

    private async Task<KpiSnapshot> ComputeAsync(KpiStreamKey key, CancellationToken ct)
    {
        // One at a time, so that sequence numbers follow the order in which snapshots were computed.
        await _compute.WaitAsync(ct);
        try
        {
            var sequence = _sequences.AddOrUpdate(key, 1, (_, s) => s + 1);
            var snapshot = await queries.SnapshotAsync(key, sequence, ct);
            _latest[key] = snapshot;
            return snapshot;
        }
        finally
        {
            _compute.Release();
        }
    }
}

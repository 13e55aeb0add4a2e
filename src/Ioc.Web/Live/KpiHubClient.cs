using System.Threading.Channels;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Live;

public enum LiveConnectionState
{
    Connecting,
    Live,
    Reconnecting,
}

/// <summary>
/// The web process's one connection to the KPI hub, shared by every circuit. Components watch
/// streams; the first watcher of a stream subscribes it on the hub and the last one to leave
/// unsubscribes. Updates are checked for gaps (then resynced) and fanned out to the watchers.
/// It reconnects forever with capped back-off and resubscribes everything after each reconnect.
/// </summary>
/// <remarks>
/// The connection signs in as the web service and may watch any stream, so the hub cannot tell
/// circuits apart: this class checks each watcher's scope with the hub's own rule
/// (<see cref="AccessScope.CanWatchStream"/>) before it hands that watcher anything.
/// </remarks>
public sealed class KpiHubClient(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<KpiOptions> options,
    KpiServiceCredentials credentials,
    ReferenceCatalog catalog,
    ILogger<KpiHubClient> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<KpiStreamKey, StreamState> _streams = [];
    private readonly List<Watcher<TicketFeedUpdate>> _ticketWatchers = [];
    private readonly List<Watcher<LiveConnectionState>> _changeWatchers = [];
    private readonly StreamSequencer _ticketSequence = new();
    private HubConnection? _connection;

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Connecting;

    /// <summary>An alert fired, was acknowledged or cleared; null after a (re)connect, when notices may have been missed.</summary>
    public event Action<AlertNotice?>? AlertsChanged;

    /// <summary>When the state last changed (e.g. offline since).</summary>
    public DateTimeOffset StateSince { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>The hub this client connects to, once known (after the server started).</summary>
    public string? Url { get; private set; }

    /// <summary>When the hub last sent anything: an update or a heartbeat.</summary>
    public DateTimeOffset? LastMessageAt { get; private set; }

    /// <summary>
    /// Calls <paramref name="onChanged"/> on connection state changes and on every hub message
    /// (heartbeats included), in the subscriber's execution context.
    /// </summary>
    public IDisposable OnChanged(Func<LiveConnectionState, Task> onChanged)
    {
        var watcher = Watcher<LiveConnectionState>.LatestOnly(onChanged, logger);
        lock (_gate)
        {
            _changeWatchers.Add(watcher);
        }
        return new Subscription(() =>
        {
            lock (_gate)
            {
                _changeWatchers.Remove(watcher);
            }
            watcher.Stop();
        });
    }

    public int WatchedStreams
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    public int Watchers
    {
        get
        {
            lock (_gate)
            {
                return _streams.Values.Sum(s => s.Watchers.Count) + _ticketWatchers.Count;
            }
        }
    }

    /// <summary>The latest snapshot of a stream this process watches, if any.</summary>
    public KpiSnapshot? Latest(KpiStreamKey key)
    {
        lock (_gate)
        {
            return _streams.GetValueOrDefault(key)?.Latest;
        }
    }

    /// <summary>Watches a stream on behalf of <paramref name="viewer"/> (a circuit's caller), who must be allowed to see it.</summary>
    /// <remarks>
    /// Callbacks run in the execution context of the call to Watch (the circuit's), so that culture
    /// and other ambient state of the subscriber hold when it renders, not those of the hub's thread.
    /// A circuit's scope does not change while it lives, so checking it here covers every update.
    /// </remarks>
    /// <exception cref="UnauthorizedAccessException">The viewer may not see this stream; nothing is subscribed.</exception>
    public IDisposable Watch(AccessScope viewer, KpiStreamKey key, Func<KpiSnapshot, Task> onSnapshot)
    {
        if (!viewer.CanWatchStream(catalog.Units, key.UnitId, key.Window))
        {
            throw new UnauthorizedAccessException($"{(viewer.Role.Length > 0 ? viewer.Role : "An anonymous caller")} may not watch {key.Window} of unit {key.UnitId}.");
        }
        var watcher = Watcher<KpiSnapshot>.LatestOnly(onSnapshot, logger);
        bool first;
        KpiSnapshot? latest;
        lock (_gate)
        {
            if (!_streams.TryGetValue(key, out var stream))
            {
                _streams[key] = stream = new StreamState();
            }
            first = stream.Watchers.Count == 0;
            stream.Watchers.Add(watcher);
            latest = stream.Latest;
        }
        if (first)
        {
            _ = SubscribeAsync([key]);
        }
        else if (latest is not null)
        {
            watcher.Post(latest);
        }
        return new Subscription(() => Unwatch(key, watcher));
    }

    /// <summary>Ticket changes for triage pages. <see cref="TicketFeedUpdate.Resync"/> means changes were missed: re-read the queue.</summary>
    public IDisposable WatchTickets(Func<TicketFeedUpdate, Task> onUpdate)
    {
        var watcher = Watcher<TicketFeedUpdate>.Queue(onUpdate, logger, TicketMailboxCapacity, () => new TicketFeedUpdate([], Resync: true));
        bool first;
        lock (_gate)
        {
            first = _ticketWatchers.Count == 0;
            _ticketWatchers.Add(watcher);
        }
        if (first && _connection?.State == HubConnectionState.Connected)
        {
            _ = SubscribeTicketsAsync();
        }
        return new Subscription(() =>
        {
            bool last;
            lock (_gate)
            {
                _ticketWatchers.Remove(watcher);
                last = _ticketWatchers.Count == 0;
            }
            watcher.Stop();
            if (last && _connection?.State == HubConnectionState.Connected)
            {
                _ = InvokeSafelyAsync(c => c.InvokeAsync(KpiHubContract.UnsubscribeTickets));
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = await HubUrlAsync(stoppingToken);
        Url = url;
        // Connecting starts now, not when the service was built: migrations and seeding came between.
        StateSince = DateTimeOffset.UtcNow;
        if (url is null)
        {
            return;
        }
        var maxDelay = TimeSpan.FromSeconds(options.Value.MaxReconnectDelaySeconds);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.Headers[KpiServiceCredentials.Header] = credentials.Key)
            .WithAutomaticReconnect(new ForeverRetryPolicy(maxDelay))
            .WithServerTimeout(TimeSpan.FromSeconds(60))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(15))
            .Build();
        _connection = connection;
        connection.On<KpiSnapshot>(nameof(IKpiClient.KpiUpdated), OnUpdateAsync);
        connection.On<KpiHeartbeat>(nameof(IKpiClient.Heartbeat), _ => Touch());
        connection.On<IReadOnlyList<TicketChange>>(nameof(IKpiClient.TicketsChanged), OnTicketsAsync);
        connection.On<AlertNotice>(nameof(IKpiClient.AlertsChanged), notice =>
        {
            Touch();
            AlertsChanged?.Invoke(notice);
            return Task.CompletedTask;
        });
        connection.Reconnecting += _ =>
        {
            SetState(LiveConnectionState.Reconnecting);
            return Task.CompletedTask;
        };
        connection.Reconnected += _ => OnConnectedAsync(stoppingToken);
        connection.Closed += async _ =>
        {
            // Automatic reconnect never gives up, so this means the server refused us or we are stopping.
            SetState(LiveConnectionState.Reconnecting);
            if (!stoppingToken.IsCancellationRequested)
            {
                await StartLoopAsync(connection, maxDelay, stoppingToken);
            }
        };
        await StartLoopAsync(connection, maxDelay, stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        await connection.DisposeAsync();
    }

    private async Task StartLoopAsync(HubConnection connection, TimeSpan maxDelay, CancellationToken ct)
    {
        // Automatic reconnect covers dropped connections, not the first start: retry that ourselves.
        var attempt = 0;
        while (!ct.IsCancellationRequested && connection.State == HubConnectionState.Disconnected)
        {
            try
            {
                await connection.StartAsync(ct);
                await OnConnectedAsync(ct);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The URL, not the connection id: a connection that never started has none.
                logger.LogWarning("KPI hub not reachable at {Url} ({Message}); retrying", Url, ex.Message);
                await Task.Delay(ForeverRetryPolicy.Delay(attempt++, maxDelay), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task OnConnectedAsync(CancellationToken ct)
    {
        SetState(LiveConnectionState.Live);
        Touch();
        KpiStreamKey[] keys;
        bool tickets;
        lock (_gate)
        {
            keys = [.. _streams.Keys];
            foreach (var s in _streams.Values)
            {
                s.Sequencer.Reset();
            }
            tickets = _ticketWatchers.Count > 0;
            _ticketSequence.Reset();
        }
        foreach (var chunk in keys.Chunk(KpiHub.MaxStreamsPerCall))
        {
            await SubscribeAsync(chunk);
        }
        await InvokeSafelyAsync(c => c.InvokeAsync(KpiHubContract.SubscribeAlerts, ct));
        AlertsChanged?.Invoke(null);
        if (tickets)
        {
            await SubscribeTicketsAsync(ct);
        }
    }

    /// <summary>
    /// Joins the hub's ticket feed, then tells every ticket watcher to read again: a change made while the call was
    /// on its way (after a page read its queue, before the hub had added this connection) reached nobody.
    /// </summary>
    private async Task SubscribeTicketsAsync(CancellationToken ct = default)
    {
        await InvokeSafelyAsync(c => c.InvokeAsync(KpiHubContract.SubscribeTickets, ct));
        NotifyTickets(new TicketFeedUpdate([], Resync: true));
    }

    private async Task SubscribeAsync(IReadOnlyList<KpiStreamKey> keys)
    {
        var connection = _connection;
        if (connection?.State != HubConnectionState.Connected || keys.Count == 0)
        {
            return;
        }
        try
        {
            var snapshots = await connection.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, keys);
            foreach (var s in snapshots)
            {
                ApplySnapshot(s);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Subscribing {Count} KPI streams failed", keys.Count);
        }
    }

    private async Task OnUpdateAsync(KpiSnapshot snapshot)
    {
        Touch();
        SequenceVerdict verdict;
        lock (_gate)
        {
            if (!_streams.TryGetValue(snapshot.Stream, out var stream))
            {
                return;
            }
            verdict = stream.Sequencer.Offer(snapshot.Sequence);
            if (verdict == SequenceVerdict.Next)
            {
                stream.Latest = snapshot;
            }
        }
        switch (verdict)
        {
            case SequenceVerdict.Next:
                Deliver(snapshot);
                break;
            case SequenceVerdict.Gap:
                logger.LogInformation("Gap in {Stream} before {Sequence}; resyncing", snapshot.Stream, snapshot.Sequence);
                await InvokeSafelyAsync(async c => ApplySnapshot(await c.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, snapshot.Stream)));
                break;
        }
    }

    private void ApplySnapshot(KpiSnapshot snapshot)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(snapshot.Stream, out var stream) || !stream.Sequencer.AcceptSnapshot(snapshot.Sequence))
            {
                return;
            }
            stream.Latest = snapshot;
        }
        Deliver(snapshot);
    }

    private void Deliver(KpiSnapshot snapshot)
    {
        Watcher<KpiSnapshot>[] watchers;
        lock (_gate)
        {
            watchers = _streams.TryGetValue(snapshot.Stream, out var s) ? [.. s.Watchers] : [];
        }
        foreach (var w in watchers)
        {
            w.Post(snapshot);
        }
    }

    private Task OnTicketsAsync(IReadOnlyList<TicketChange> changes)
    {
        Touch();
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }
        bool gap;
        lock (_gate)
        {
            gap = _ticketSequence.Offer(changes[0].Sequence) == SequenceVerdict.Gap;
            _ticketSequence.AcceptSnapshot(changes[^1].Sequence);
        }
        NotifyTickets(new TicketFeedUpdate(changes, gap));
        return Task.CompletedTask;
    }

    private void NotifyTickets(TicketFeedUpdate update)
    {
        Watcher<TicketFeedUpdate>[] watchers;
        lock (_gate)
        {
            watchers = [.. _ticketWatchers];
        }
        foreach (var w in watchers)
        {
            w.Post(update);
        }
    }

    private void Unwatch(KpiStreamKey key, Watcher<KpiSnapshot> watcher)
    {
        bool last;
        lock (_gate)
        {
            if (!_streams.TryGetValue(key, out var stream) || !stream.Watchers.Remove(watcher))
            {
                return;
            }
            watcher.Stop();
            last = stream.Watchers.Count == 0;
            if (last)
            {
                _streams.Remove(key);
            }
        }
        if (last && _connection?.State == HubConnectionState.Connected)
        {
            _ = InvokeSafelyAsync(c => c.InvokeAsync(KpiHubContract.Unsubscribe, new[] { key }));
        }
    }

    private async Task InvokeSafelyAsync(Func<HubConnection, Task> call)
    {
        if (_connection is not { State: HubConnectionState.Connected } c)
        {
            return;
        }
        try
        {
            await call(c);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "KPI hub call failed");
        }
    }

    private void Touch()
    {
        LastMessageAt = DateTimeOffset.UtcNow;
        NotifyChanged();
    }

    private void SetState(LiveConnectionState state)
    {
        if (State != state)
        {
            State = state;
            StateSince = DateTimeOffset.UtcNow;
        }
        NotifyChanged();
    }

    private void NotifyChanged()
    {
        Watcher<LiveConnectionState>[] watchers;
        lock (_gate)
        {
            watchers = [.. _changeWatchers];
        }
        foreach (var w in watchers)
        {
            w.Post(State);
        }
    }

    private async Task<string?> HubUrlAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.HubUrl))
        {
            return options.Value.HubUrl;
        }
        // In one process the hub is ours: its address is known only once Kestrel listens.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (ct.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        if (address is null)
        {
            logger.LogError("No server address to reach the in-process KPI hub; live updates are off");
            return null;
        }
        return LocalUrl(address) + KpiHubContract.Path;
    }

    /// <summary>A listening address as a URL this process can call (wildcard hosts become loopback).</summary>
    public static string LocalUrl(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://127.0.0.1"));
        var host = uri.Host == "localhost" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>Ticket changes a triage page may fall behind by before it is told to re-read its queue instead.</summary>
    private const int TicketMailboxCapacity = 256;

    /// <summary>
    /// A callback with the execution context it was registered in (the circuit's: culture and other
    /// ambient state hold when it renders) and its own mailbox. The hub's receive loop only posts;
    /// each watcher's pump calls its callback in order, so a slow or stuck circuit delays nobody
    /// but itself.
    /// </summary>
    private sealed class Watcher<T>
    {
        private readonly Func<T, Task> _callback;
        private readonly ILogger _logger;
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private readonly Channel<T> _mailbox;
        private readonly Func<T>? _onOverflow;
        private int _overflowed;
        private volatile bool _stopped;

        private Watcher(Func<T, Task> callback, ILogger logger, BoundedChannelOptions mailbox, Func<T>? onOverflow)
        {
            _callback = callback;
            _logger = logger;
            _onOverflow = onOverflow;
            _mailbox = Channel.CreateBounded<T>(mailbox);
            _ = Task.Run(PumpAsync);
        }

        /// <summary>Only the newest value matters (a snapshot, a connection state): older unread ones are dropped.</summary>
        public static Watcher<T> LatestOnly(Func<T, Task> callback, ILogger logger) =>
            new(callback, logger, new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }, null);

        /// <summary>Every value in order; past <paramref name="capacity"/> unread ones, <paramref name="onOverflow"/>'s value stands for what was dropped.</summary>
        public static Watcher<T> Queue(Func<T, Task> callback, ILogger logger, int capacity, Func<T> onOverflow) =>
            new(callback, logger, new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }, onOverflow);

        public void Post(T value)
        {
            if (!_mailbox.Writer.TryWrite(value))
            {
                Interlocked.Exchange(ref _overflowed, 1);
            }
        }

        public void Stop()
        {
            _stopped = true;
            _mailbox.Writer.TryComplete();
        }

        private async Task PumpAsync()
        {
            var reader = _mailbox.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (!_stopped && reader.TryRead(out var value))
                {
                    await InvokeAsync(value);
                }
                if (!_stopped && _onOverflow is not null && Interlocked.Exchange(ref _overflowed, 0) == 1)
                {
                    await InvokeAsync(_onOverflow());
                }
            }
        }

        private async Task InvokeAsync(T value)
        {
            try
            {
                Task? task = null;
                if (_context is null)
                {
                    task = _callback(value);
                }
                else
                {
                    // The async callback starts inside the captured context, so its continuations keep it too.
                    ExecutionContext.Run(_context, _ => task = _callback(value), null);
                }
                await task!;
            }
            catch (Exception ex)
            {
                // A circuit that went away must not stop updates for the others.
                _logger.LogDebug(ex, "A live watcher failed");
            }
        }
    }

    private sealed class StreamState
    {
        public List<Watcher<KpiSnapshot>> Watchers { get; } = [];

        public KpiSnapshot? Latest { get; set; }

        public StreamSequencer Sequencer { get; } = new();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <param name="Resync">Changes may have been missed (gap or reconnect): reload what is shown.</param>
public sealed record TicketFeedUpdate(IReadOnlyList<TicketChange> Changes, bool Resync);

/// <summary>Retries forever: 0.5 s, 1 s, 2 s, … up to the cap. A wall display has nobody to press "retry".</summary>
public sealed class ForeverRetryPolicy(TimeSpan max) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay((int)Math.Min(retryContext.PreviousRetryCount, 30), max);

    public static TimeSpan Delay(int attempt, TimeSpan max) =>
        TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(attempt, 16))));
}

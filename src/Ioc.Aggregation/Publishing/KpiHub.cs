using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// The live indicator hub (<c>/hubs/kpi</c>). A client subscribes to streams (unit × window) and
/// gets their current snapshots back at once; afterwards it receives <c>KpiUpdated</c> with a
/// per-stream sequence number, <c>Heartbeat</c> every few seconds and, if it subscribed to tickets,
/// <c>TicketsChanged</c>. On a gap in sequence numbers it calls <c>Resync</c>.
/// </summary>
/// <remarks>
/// Every caller is authenticated (service key, display key, or a person's cookie in the one-process
/// mode) and every stream is checked against the caller's scope with the pages' own rule
/// (<see cref="Domain.Access.AccessScope.CanWatchStream"/>): a department head asking for another
/// unit, or a wall screen asking for a department, gets a refusal and no data. A display key is
/// re-checked on every call and its connections are cut when it is revoked
/// (<see cref="DisplayKeyHubFilter"/>).
/// </remarks>
[Authorize(Policy = Policy)]
public sealed class KpiHub(KpiPublisher publisher, KpiStreamRegistry registry, ReferenceCatalog catalog) : Hub<IKpiClient>
{
    public const int MaxStreamsPerCall = 500;
    public const string Policy = "KpiHub";

    public async Task<IReadOnlyList<KpiSnapshot>> Subscribe(IReadOnlyList<KpiStreamKey> streams)
    {
        if (streams is null || streams.Count == 0 || streams.Count > MaxStreamsPerCall)
        {
            throw new HubException($"Subscribe to between 1 and {MaxStreamsPerCall} streams.");
        }
        var scope = ScopeClaims.ScopeOf(Context.User);
        foreach (var s in streams)
        {
            if (!catalog.Units.Contains(s.UnitId) || !Enum.IsDefined(s.Window))
            {
                throw new HubException($"Unknown stream {s}.");
            }
            if (!scope.CanWatchStream(catalog.Units, s.UnitId, s.Window))
            {
                throw new HubException($"Not allowed to watch {s.Window} of unit {s.UnitId}.");
            }
        }
        // Streams nobody watched have no fresh snapshot: compute them now.
        var unwatched = streams.Where(s => !registry.WindowsOf(s.UnitId).Contains(s.Window)).ToHashSet();
        foreach (var s in streams)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, KpiStreamRegistry.GroupName(s));
        }
        registry.Add(Context.ConnectionId, streams);
        var result = new List<KpiSnapshot>(streams.Count);
        foreach (var s in streams)
        {
            result.AddRange(await publisher.CurrentAsync([s], recompute: unwatched.Contains(s), Context.ConnectionAborted));
        }
        return result;
    }

    public async Task Unsubscribe(IReadOnlyList<KpiStreamKey> streams)
    {
        registry.Remove(Context.ConnectionId, streams);
        foreach (var s in streams)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, KpiStreamRegistry.GroupName(s));
        }
    }

    /// <summary>The current snapshot of a stream this connection watches, after a gap in sequence numbers.</summary>
    public async Task<KpiSnapshot> Resync(KpiStreamKey stream)
    {
        if (!registry.IsSubscribed(Context.ConnectionId, stream))
        {
            throw new HubException($"Subscribe to {stream} before asking to resync it.");
        }
        return (await publisher.CurrentAsync([stream], recompute: false, Context.ConnectionAborted))[0];
    }

    /// <summary>Every ticket's changes: only for callers who see every ticket (the web service filters per circuit itself).</summary>
    public Task SubscribeTickets()
    {
        var scope = ScopeClaims.ScopeOf(Context.User);
        if (!scope.CanWatchAllTickets)
        {
            throw new HubException("Not allowed to watch all tickets.");
        }
        return Groups.AddToGroupAsync(Context.ConnectionId, KpiStreamRegistry.TicketsGroup);
    }

    /// <summary>Alert notices (fired, acknowledged, cleared): for callers who see every unit; the web service filters per circuit itself.</summary>
    public Task SubscribeAlerts()
    {
        if (!ScopeClaims.ScopeOf(Context.User).SeesAllUnits)
        {
            throw new HubException("Not allowed to watch every unit's alerts.");
        }
        return Groups.AddToGroupAsync(Context.ConnectionId, Alerts.AlertMonitor.HubGroup);
    }

    public Task UnsubscribeTickets() => Groups.RemoveFromGroupAsync(Context.ConnectionId, KpiStreamRegistry.TicketsGroup);

    public override Task OnConnectedAsync()
    {
        Telemetry.IocMetrics.HubConnected(ClientKind());
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Telemetry.IocMetrics.HubDisconnected(ClientKind());
        registry.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The caller's role (web-service, display, or a person's role): a handful of values, fit for a metric tag.</summary>
    private string ClientKind() => ScopeClaims.ScopeOf(Context.User).Role;
}

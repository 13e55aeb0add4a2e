using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Aggregation.Access;

/// <summary>Open hub connections that came in with a display key, so that revoking the key can cut them.</summary>
public sealed class DisplayKeyConnections
{
    private readonly ConcurrentDictionary<string, (int KeyId, HubCallerContext Context)> _byConnection = new();

    public void Add(int keyId, HubCallerContext context) => _byConnection[context.ConnectionId] = (keyId, context);

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    /// <summary>Keys with at least one open connection.</summary>
    public IReadOnlyCollection<int> Keys => [.. _byConnection.Values.Select(v => v.KeyId).Distinct()];

    /// <summary>Closes every connection of the key; returns how many. Each leaves the table when it has disconnected.</summary>
    public int Abort(int keyId)
    {
        var aborted = 0;
        foreach (var (_, entry) in _byConnection)
        {
            if (entry.KeyId == keyId)
            {
                entry.Context.Abort();
                aborted++;
            }
        }
        return aborted;
    }
}

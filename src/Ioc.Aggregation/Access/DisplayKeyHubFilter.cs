using Ioc.Domain.Access;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Aggregation.Access;

/// <summary>
/// Keeps revoked display keys off the KPI hub: their connections are tracked (so a revocation can
/// cut them, see <see cref="DisplayKeyRevocationWatcher"/>) and the key is checked again on every
/// call, so a call that races the cut is refused rather than served.
/// </summary>
public sealed class DisplayKeyHubFilter(DisplayKeyStore store, DisplayKeyConnections connections) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        if (ScopeClaims.DisplayKeyOf(caller.User) is int key)
        {
            // Tracked before the check: a revocation landing between sign-in and here is either
            // seen by the check or finds this connection in the table and aborts it.
            connections.Add(key, caller);
            try
            {
                if (!await store.IsActiveAsync(key, caller.ConnectionAborted))
                {
                    caller.Abort();
                }
            }
            catch
            {
                // A failed connect never reaches OnDisconnectedAsync: untrack it here or it stays forever.
                connections.Remove(caller.ConnectionId);
                throw;
            }
        }
        else if (ScopeClaims.ScopeOf(caller.User).Role == IocRoles.Display)
        {
            // A screen identity without a key cannot be checked for revocation: it gets nothing.
            caller.Abort();
        }
        await next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        if (ScopeClaims.DisplayKeyOf(caller.User) is int key && !await store.IsActiveAsync(key, caller.ConnectionAborted))
        {
            // Not aborted here: the refusal has to reach the client first. The watcher's next sweep
            // finds the key revoked (now cached) and closes the connection.
            throw new HubException("This display key has been revoked.");
        }
        return await next(invocationContext);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }
}

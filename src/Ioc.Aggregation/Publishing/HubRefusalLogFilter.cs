using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// Logs failed hub calls in place of SignalR's dispatcher, which logs every one (refusals
/// included) at Error with a stack trace, so that any client could fill the error log. A
/// <see cref="HubException"/> is a refusal the caller caused (a stream outside its scope, an unknown
/// stream, a revoked key): one Warning line. Anything else is a fault of ours: Error with the trace.
/// </summary>
/// <remarks>
/// Registered for every hub, and the dispatcher's own category is raised above Error where this is
/// registered (<see cref="AggregationExtensions.AddIocAggregation"/>), so each failure is logged once.
/// </remarks>
public sealed class HubRefusalLogFilter(ILogger<HubRefusalLogFilter> logger) : IHubFilter
{
    /// <summary>SignalR's dispatcher's log category (its type's name without the generic argument).</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            logger.LogWarning("Refused {Hub}.{Method} for {Caller} on connection {ConnectionId}: {Reason}",
                invocationContext.Hub.GetType().Name, invocationContext.HubMethodName,
                invocationContext.Context.User?.Identity?.Name ?? "anonymous", invocationContext.Context.ConnectionId, ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The caller went away mid-call: nothing went wrong on our side.
            logger.LogDebug("{Hub}.{Method} cancelled: connection {ConnectionId} closed",
                invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Hub}.{Method} failed on connection {ConnectionId}",
                invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }
}

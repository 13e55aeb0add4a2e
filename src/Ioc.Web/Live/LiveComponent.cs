using Ioc.Contracts;
using Ioc.Domain.Access;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Live;

/// <summary>
/// Base of components that show live indicators: they watch streams while interactive, apply each
/// snapshot on the renderer's thread, and release every subscription when the circuit lets them go.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private bool _disposed;

    [Inject]
    public required KpiHubClient Hub { get; init; }

    /// <summary>
    /// Watches a stream for <paramref name="viewer"/> (this circuit's caller, who must be allowed to see it);
    /// <paramref name="apply"/> runs on the renderer's thread, then the component re-renders, unless
    /// <paramref name="render"/> is false: then the component shows the snapshot at its next render, which it must bring about itself.
    /// </summary>
    protected void Watch(AccessScope viewer, KpiStreamKey key, Action<KpiSnapshot> apply, bool render = true)
    {
        // Prerendering has no circuit to push to: only interactive components subscribe.
        if (!RendererInfo.IsInteractive || _disposed)
        {
            return;
        }
        _subscriptions.Add(Hub.Watch(viewer, key, snapshot => InvokeAsync(() =>
        {
            if (!_disposed)
            {
                apply(snapshot);
                if (render)
                {
                    StateHasChanged();
                }
            }
        })));
    }

    protected void WatchTickets(Func<TicketFeedUpdate, Task> apply)
    {
        if (!RendererInfo.IsInteractive || _disposed)
        {
            return;
        }
        _subscriptions.Add(Hub.WatchTickets(update => InvokeAsync(async () =>
        {
            if (!_disposed)
            {
                await apply(update);
                StateHasChanged();
            }
        })));
    }

    protected void Unwatch()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        _subscriptions.Clear();
    }

    public virtual void Dispose()
    {
        _disposed = true;
        Unwatch();
        GC.SuppressFinalize(this);
    }
}

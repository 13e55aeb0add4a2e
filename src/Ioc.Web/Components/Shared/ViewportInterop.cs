using Microsoft.JSInterop;

namespace Ioc.Web.Components.Shared;

/// <summary>The screen's height for a chart that scales with it, and a call whenever it changes (TrendChart.razor.js).</summary>
public sealed class ViewportInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _observer;

    /// <summary>Starts watching; returns the height now. <paramref name="target"/> gets <c>OnViewportResized(double)</c> calls; the chart in <paramref name="box"/> follows the box's size.</summary>
    public async Task<double> ObserveAsync<T>(DotNetObjectReference<T> target, Microsoft.AspNetCore.Components.ElementReference box) where T : class
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Shared/TrendChart.razor.js");
        _observer = await _module.InvokeAsync<IJSObjectReference>("observe", target, box);
        return await _observer.InvokeAsync<double>("height");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_observer is not null)
            {
                await _observer.InvokeVoidAsync("stop");
                await _observer.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone with the circuit: its listeners went with it.
        }
    }
}

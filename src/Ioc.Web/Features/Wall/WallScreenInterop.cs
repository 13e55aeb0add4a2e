using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// The wall's part that runs in the browser (WallPage.razor.js): it dims the wall and keeps the
/// clock going when the server falls silent, because a lost circuit cannot render anything. It
/// outlives the circuit on purpose and ends itself when the wall leaves the page.
/// </summary>
public sealed class WallScreenInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Starts watching <paramref name="wall"/>, whose data- attributes carry the settings and texts (WallPage.razor).</summary>
    public async Task StartAsync(ElementReference wall)
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Features/Wall/WallPage.razor.js");
        await _module.InvokeVoidAsync("watch", wall);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: the browser keeps its watcher, which is the point.
        }
    }
}

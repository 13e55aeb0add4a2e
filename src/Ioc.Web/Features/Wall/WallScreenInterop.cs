using Ioc.Domain.Time;
using Ioc.Web.Localization;
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

    public async Task StartAsync(ElementReference wall, int deadAfterSeconds, UiText text)
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Features/Wall/WallPage.razor.js");
        await _module.InvokeVoidAsync("watch", wall, new
        {
            deadAfterMs = deadAfterSeconds * 1000,
            // Times on the wall are the province's, whatever time zone the screen's computer is set to.
            offsetMinutes = (int)ProvinceTime.Offset.TotalMinutes,
            lastUpdate = text["Mất kết nối — dữ liệu cập nhật lần cuối lúc {0}"],
            noData = text["Mất kết nối — chưa nhận được dữ liệu"],
            since = text["Mất kết nối từ {0}"],
        });
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

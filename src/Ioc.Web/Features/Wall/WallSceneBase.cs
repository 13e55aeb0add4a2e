using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// A scene that reads more than the province's snapshot (rankings, breakdowns, trends): it re-reads
/// when the province's stream moves (<see cref="Version"/>), at most every few seconds.
/// </summary>
public abstract class WallSceneBase : ComponentBase, IDisposable
{
    private Throttle? _throttle;
    private long _loadedVersion = -1;

    /// <summary>Grows with every update of the province's today stream.</summary>
    [Parameter]
    public long Version { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _loadedVersion = Version;
        _throttle = new Throttle(TimeSpan.FromSeconds(5), () => InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        }));
    }

    protected override void OnParametersSet()
    {
        if (_throttle is not null && Version != _loadedVersion)
        {
            _loadedVersion = Version;
            _throttle.Request();
        }
    }

    protected abstract Task LoadAsync();

    public virtual void Dispose()
    {
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}

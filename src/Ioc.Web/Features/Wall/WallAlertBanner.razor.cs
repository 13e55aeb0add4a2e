using Ioc.Aggregation.Access;
using Ioc.Aggregation.Alerts;
using Ioc.Domain.Time;
using Ioc.Web.Features.Alerts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// A new alert interrupts the wall: a banner over the rotating scenes, big enough for five metres,
/// with the unit, the figure and since when, for <see cref="AlertOptions.WallBannerSeconds"/>; then the
/// rotation shows again. Alerts acknowledged meanwhile leave the banner at once.
/// </summary>
public sealed partial class WallAlertBanner : IDisposable
{
    private const int MaxShown = 2;

    private readonly HashSet<long> _seen = [];
    private IReadOnlyList<AlertView> _shown = [];
    private IReadOnlyList<AlertView> _open = [];
    private DateTimeOffset _showUntil = DateTimeOffset.MinValue;
    private IDisposable? _subscription;
    private Timer? _hide;
    private bool _disposed;

    /// <summary>True while the banner covers the wall, false when it leaves: the wall holds its rotation meanwhile.</summary>
    [Parameter] public EventCallback<bool> ShowingChanged { get; set; }

    [Inject] public required AlertFeed Feed { get; init; }
    [Inject] public required ProvinceClock Clock { get; init; }
    [Inject] public required IOptions<AlertOptions> Options { get; init; }
    [Inject] public required AuthenticationStateProvider Authentication { get; init; }

    protected override async Task OnInitializedAsync()
    {
        // Prerendering shows nothing: the banner is a live interruption, not part of the page.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        var viewer = ScopeClaims.ScopeOf((await Authentication.GetAuthenticationStateAsync()).User);
        Apply(await Feed.OpenAsync(viewer));
        _subscription = Feed.Watch(viewer, alerts => InvokeAsync(() =>
        {
            if (!_disposed)
            {
                Apply(alerts);
                StateHasChanged();
            }
        }));
        // Each second: the banner leaves when its time is up, and while it shows its "since" moves on. A hidden banner
        // that stays hidden renders nothing, so it sends the wall's screen no render batch.
        _hide = new Timer(_ => _ = InvokeAsync(() =>
        {
            if (!_disposed && (Apply(_open) || _shown.Count > 0))
            {
                StateHasChanged();
            }
        }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Takes the open alerts; true when the alerts shown changed.</summary>
    private bool Apply(IReadOnlyList<AlertView> open)
    {
        _open = open;
        var now = DateTimeOffset.UtcNow;
        var waiting = open.Where(a => a.AcknowledgedAt is null).ToList();
        if (waiting.Any(a => _seen.Add(a.Id)))
        {
            _showUntil = now + TimeSpan.FromSeconds(Options.Value.WallBannerSeconds);
        }
        var shown = now < _showUntil ? waiting : [];
        if (!shown.Select(a => (a.Id, a.Figure)).SequenceEqual(_shown.Select(a => (a.Id, a.Figure))))
        {
            var wasShowing = _shown.Count > 0;
            _shown = shown;
            if (wasShowing != shown.Count > 0)
            {
                _ = ShowingChanged.InvokeAsync(shown.Count > 0);
            }
            return true;
        }
        return false;
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _hide?.Dispose();
    }
}

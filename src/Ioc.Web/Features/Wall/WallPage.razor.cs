using System.Diagnostics;
using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// The operations-room wall: scenes rotate on their own, each for its own time and in its time
/// window (or one is pinned with <c>?scene=</c>); a display key or <c>?playlist=</c> picks the
/// playlist; a new configuration arrives without a reload; every number comes from the live
/// streams; the browser dims the wall when the server falls silent; a display-key screen leaves for
/// the "revoked" page as soon as its key is revoked.
/// </summary>
public sealed partial class WallPage : LiveComponent, IAsyncDisposable
{
    private KpiSnapshot? _today;
    private KpiSnapshot? _year;
    private KpiSnapshot? _yearShown;
    private long _version;
    private WallRotation _rotation = null!;
    private string? _playlist;
    private PeriodicTimer? _ticker;
    private bool _alertShowing;
    private PeriodicTimer? _revocationCheck;
    private IDisposable? _configuration;
    private int? _displayKey;
    private ElementReference _root;
    private WallScreenInterop? _screen;

    [SupplyParameterFromQuery(Name = "scene")]
    public string? PinnedScene { get; set; }

    [SupplyParameterFromQuery(Name = "playlist")]
    public string? PlaylistQuery { get; set; }

    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required Aggregation.Indicators.IndicatorQueries Queries { get; init; }
    [Inject] public required WallConfiguration Wall { get; init; }
    [Inject] public required IOptions<KpiThresholds> ThresholdOptions { get; init; }
    [Inject] public required DisplayKeyStore Displays { get; init; }
    [Inject] public required AuthenticationStateProvider Authentication { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ProvinceClock Clock { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private WallScene Current => _rotation.Current;

    /// <summary>For WallPage.razor.js: how long without data before the wall dims.</summary>
    private int DeadAfterMs => Wall.Current.DeadAfterSeconds * 1000;

    /// <summary>For WallPage.razor.js: times on the wall are the province's, whatever time zone the screen's computer is set to.</summary>
    private static int OffsetMinutes => (int)ProvinceTime.Offset.TotalMinutes;

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        var viewer = ScopeClaims.ScopeOf(user);
        if (viewer.Role == IocRoles.Display && int.TryParse(user.FindFirst(HubKeyAuthenticationHandler.DisplayKeyClaim)?.Value, out var keyId))
        {
            _displayKey = keyId;
        }
        // A screen's playlist is the admin's choice for its key; other screens may name one in the address.
        _playlist = _displayKey is int id ? await Displays.PlaylistOfAsync(id) : PlaylistQuery;
        _rotation = new WallRotation(Wall.Current, _playlist, PinnedScene, Clock.UtcNow);

        var root = Catalog.Units.Root.Id;
        var todayKey = new KpiStreamKey(root, KpiWindow.Today);
        var yearKey = new KpiStreamKey(root, KpiWindow.Year);
        _today = Hub.Latest(todayKey) ?? await Queries.SnapshotAsync(todayKey, 0);
        _year = Hub.Latest(yearKey) ?? await Queries.SnapshotAsync(yearKey, 0);
        Watch(viewer, todayKey, s =>
        {
            _today = s;
            _version++;
        });
        // The year's snapshot moves with nearly every event, as today's does, but a few milliseconds apart: rendered on
        // its own, it doubled the wall's renders (and render batches sent to the screen). It shows with today's next
        // update, or at the next second's tick at the latest.
        Watch(viewer, yearKey, s => _year = s, render: false);

        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _configuration = Wall.OnChanged(options => _ = InvokeAsync(() =>
        {
            _rotation.Reconfigure(options, Clock.UtcNow);
            StateHasChanged();
        }));
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        _ = TickAsync(_ticker);
        WatchDisplayKey();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not on the first render: on PostgreSQL that one can come while the playlist is still being read and draw
        // nothing; the watcher then got a reference to no element and the circuit ended (seen on a wall reopened on
        // another node). The reference has an id once the wall has been rendered.
        if (_screen is null && _root.Id is not null && RendererInfo.IsInteractive)
        {
            _screen = new WallScreenInterop(JS);
            await _screen.StartAsync(_root);
        }
    }

    private async Task TickAsync(PeriodicTimer timer)
    {
        // Real seconds on the screen, whatever the province clock says: a skipped tick still counts its time.
        var last = Stopwatch.GetTimestamp();
        while (await timer.WaitForNextTickAsync())
        {
            var elapsed = Stopwatch.GetElapsedTime(last);
            last = Stopwatch.GetTimestamp();
            await InvokeAsync(() =>
            {
                // While an alert banner covers the wall the scene keeps its place: nobody misses the scene under it.
                var sceneMoved = !_alertShowing && _rotation.Tick(Clock.UtcNow, elapsed);
                if (sceneMoved || !ReferenceEquals(_year, _yearShown))
                {
                    StateHasChanged();
                }
            });
        }
    }

    /// <summary>Runs on the renderer's thread just before each render: the year's snapshot of that render is on screen.</summary>
    protected override bool ShouldRender()
    {
        _yearShown = _year;
        return true;
    }

    /// <summary>A paging ranking stays until it has shown each of its pages once.</summary>
    private void OnRankingPages(WallScene scene, int pages) => _rotation.Require(scene, pages * scene.PageSeconds);

    /// <summary>A screen opened with a display key leaves as soon as the key is revoked, and follows its playlist when an admin changes it.</summary>
    private void WatchDisplayKey()
    {
        if (_displayKey is not int keyId)
        {
            return;
        }
        Displays.Revoked += OnRevoked;
        Displays.PlaylistChanged += OnPlaylistChanged;
        _revocationCheck = new PeriodicTimer(TimeSpan.FromSeconds(Wall.Current.RevocationCheckSeconds));
        _ = CheckRevocationAsync(_revocationCheck, keyId);
    }

    private async Task CheckRevocationAsync(PeriodicTimer timer, int keyId)
    {
        while (await timer.WaitForNextTickAsync())
        {
            if (!await Displays.IsActiveAsync(keyId))
            {
                LeaveForRevoked();
                return;
            }
            // An admin on another web node changed the playlist: that node's event never reaches this one.
            var playlist = await Displays.PlaylistOfAsync(keyId);
            if (playlist != _playlist)
            {
                OnPlaylistChanged(keyId, playlist);
            }
        }
    }

    private void OnRevoked(int keyId)
    {
        if (keyId == _displayKey)
        {
            LeaveForRevoked();
        }
    }

    private void OnPlaylistChanged(int keyId, string? playlist)
    {
        if (keyId == _displayKey)
        {
            _ = InvokeAsync(() =>
            {
                _playlist = playlist;
                _rotation = new WallRotation(Wall.Current, playlist, PinnedScene, Clock.UtcNow);
                StateHasChanged();
            });
        }
    }

    private void LeaveForRevoked() =>
        _ = InvokeAsync(() => Navigation.NavigateTo("/wall/revoked", forceLoad: true));

    public override void Dispose()
    {
        Displays.Revoked -= OnRevoked;
        Displays.PlaylistChanged -= OnPlaylistChanged;
        _configuration?.Dispose();
        _ticker?.Dispose();
        _revocationCheck?.Dispose();
        base.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (_screen is not null)
        {
            await _screen.DisposeAsync();
        }
    }
}

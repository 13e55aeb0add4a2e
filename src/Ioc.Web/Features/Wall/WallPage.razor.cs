using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// The operations-room wall: scenes rotate on their own (or one is pinned with <c>?scene=</c>), every
/// number comes from the live streams, and a display-key screen leaves for the "revoked" page as
/// soon as its key is revoked.
/// </summary>
public sealed partial class WallPage : LiveComponent
{
    private KpiSnapshot? _today;
    private KpiSnapshot? _year;
    private int _scene;
    private long _version;
    private PeriodicTimer? _rotation;
    private PeriodicTimer? _revocationCheck;
    private int? _displayKey;

    [SupplyParameterFromQuery(Name = "scene")]
    public string? PinnedScene { get; set; }

    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required Aggregation.Indicators.IndicatorQueries Queries { get; init; }
    [Inject] public required IOptions<WallOptions> Options { get; init; }
    [Inject] public required IOptions<KpiThresholds> ThresholdOptions { get; init; }
    [Inject] public required DisplayKeyStore Displays { get; init; }
    [Inject] public required AuthenticationStateProvider Authentication { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private IReadOnlyList<WallScene> Scenes => Options.Value.Scenes;

    private WallScene Current => Scenes[Math.Clamp(_scene, 0, Scenes.Count - 1)];

    private int TileColumns => Current.Tiles.Count <= 8 ? 4 : Current.Tiles.Count <= 12 ? 4 : 5;

    protected override async Task OnInitializedAsync()
    {
        var pinned = Scenes.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Key == PinnedScene);
        _scene = pinned.s is null ? 0 : pinned.i;
        var viewer = ScopeClaims.ScopeOf((await Authentication.GetAuthenticationStateAsync()).User);
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
        Watch(viewer, yearKey, s => _year = s);

        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        if (pinned.s is null && Scenes.Count > 1)
        {
            _rotation = new PeriodicTimer(TimeSpan.FromSeconds(1));
            _ = RotateAsync(_rotation);
        }
        await WatchRevocationAsync();
    }

    private async Task RotateAsync(PeriodicTimer timer)
    {
        var shownFor = 0;
        while (await timer.WaitForNextTickAsync())
        {
            var seconds = Current.Seconds > 0 ? Current.Seconds : Options.Value.RotateSeconds;
            if (++shownFor >= seconds)
            {
                shownFor = 0;
                await InvokeAsync(() =>
                {
                    _scene = (_scene + 1) % Scenes.Count;
                    StateHasChanged();
                });
            }
        }
    }

    /// <summary>A screen opened with a display key leaves as soon as the key is revoked: at once in this process, within the check interval otherwise.</summary>
    private async Task WatchRevocationAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        if (ScopeClaims.ScopeOf(user).Role != IocRoles.Display
            || !int.TryParse(user.FindFirst(HubKeyAuthenticationHandler.DisplayKeyClaim)?.Value, out var keyId))
        {
            return;
        }
        _displayKey = keyId;
        Displays.Revoked += OnRevoked;
        _revocationCheck = new PeriodicTimer(TimeSpan.FromSeconds(Options.Value.RevocationCheckSeconds));
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
        }
    }

    private void OnRevoked(int keyId)
    {
        if (keyId == _displayKey)
        {
            LeaveForRevoked();
        }
    }

    private void LeaveForRevoked() =>
        _ = InvokeAsync(() => Navigation.NavigateTo("/wall/revoked", forceLoad: true));

    public override void Dispose()
    {
        Displays.Revoked -= OnRevoked;
        _rotation?.Dispose();
        _revocationCheck?.Dispose();
        base.Dispose();
    }
}

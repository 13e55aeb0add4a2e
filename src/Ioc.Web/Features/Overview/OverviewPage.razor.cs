using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Units;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Overview;

public sealed partial class OverviewPage : LiveComponent
{
    [Inject]
    public required IndicatorQueries Queries { get; init; }

    [Inject]
    public required IOptions<KpiThresholds> ThresholdOptions { get; init; }

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private OverviewModel? Model { get; set; }

    [Inject]
    public required CurrentUser User { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required AttentionQuery Attention { get; init; }

    [Inject]
    public required ScoreLosses Losses { get; init; }

    [Inject]
    public required IOptions<AttentionOptions> AttentionOptions { get; init; }

    private Attention? _attention;
    private DateTimeOffset _attentionAt;

    /// <summary>The panel reads every unit twice: on a busy day at most once per this interval, not on every live update.</summary>
    private static readonly TimeSpan AttentionRefresh = TimeSpan.FromSeconds(30);

    protected override async Task OnInitializedAsync()
    {
        var scope = await User.ScopeAsync();
        if (!scope.CanSeeProvinceOverview)
        {
            // A department head's home is their own unit; a wall screen's is the wall.
            Navigation.NavigateTo(IocPolicies.LandingPage(scope), replace: true);
            return;
        }
        var root = Queries.Catalog.Units.Root;
        var todayKey = new KpiStreamKey(root.Id, KpiWindow.Today);
        var yearKey = new KpiStreamKey(root.Id, KpiWindow.Year);
        // First paint straight from the database; the hub takes over once the circuit is up.
        var today = Hub.Latest(todayKey) ?? await Queries.SnapshotAsync(todayKey, 0);
        var year = Hub.Latest(yearKey) ?? await Queries.SnapshotAsync(yearKey, 0);
        Model = new OverviewModel(root.Name, today, year, new OverviewLinks(root.Id));
        _attention = await Attention.ComputeAsync(AttentionOptions.Value);
        _attentionAt = DateTimeOffset.UtcNow;
        Watch(scope, todayKey, s => Model = Model with { Today = s });
        Watch(scope, yearKey, s =>
        {
            Model = Model with { Year = s };
            _ = RefreshAttentionAsync();
        });
    }

    private async Task RefreshAttentionAsync()
    {
        if (DateTimeOffset.UtcNow - _attentionAt < AttentionRefresh)
        {
            return;
        }
        _attentionAt = DateTimeOffset.UtcNow;
        try
        {
            var attention = await Attention.ComputeAsync(AttentionOptions.Value);
            await InvokeAsync(() =>
            {
                _attention = attention;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page was closed while the panel was being read.
        }
    }
}

/// <summary>What the overview shows: the province today and since 1 January.</summary>
public sealed record OverviewModel(string ProvinceName, KpiSnapshot Today, KpiSnapshot Year, OverviewLinks Links);

/// <summary>Where each figure of the overview leads: the province's page behind it, with the figure's window.</summary>
public sealed record OverviewLinks(int RootId)
{
    public string Dossiers(KpiWindow window, string? status = null) =>
        $"units/{RootId}?w={WindowKey(window)}&tab=dossiers" + (status is null ? "" : $"&status={status}");

    /// <summary>"Hồ sơ đã giải quyết": completed and returned in the window, as the figure counts them.</summary>
    public string Finished(KpiWindow window) => $"units/{RootId}?w={WindowKey(window)}&tab=dossiers&basis=finished";

    public string Ranking(KpiWindow window) => $"units/{RootId}?w={WindowKey(window)}&tab=children";

    public string Hotline(KpiWindow window) => $"units/{RootId}?w={WindowKey(window)}&tab=hotline";

    private static string WindowKey(KpiWindow window) => new WindowSelection(window).Key;
}

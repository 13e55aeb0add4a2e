using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
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
        Model = new OverviewModel(root.Name, today, year);
        Watch(scope, todayKey, s => Model = Model with { Today = s });
        Watch(scope, yearKey, s => Model = Model with { Year = s });
    }
}

/// <summary>What the overview shows: the province today and since 1 January.</summary>
public sealed record OverviewModel(string ProvinceName, KpiSnapshot Today, KpiSnapshot Year);

using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Overview;

public sealed partial class OverviewPage
{
    [Inject]
    public required IndicatorQueries Queries { get; init; }

    [Inject]
    public required IOptions<KpiThresholds> ThresholdOptions { get; init; }

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private OverviewModel? Model { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var root = Queries.Catalog.Units.Root;
        var today = await Queries.SnapshotAsync(new KpiStreamKey(root.Id, KpiWindow.Today), 0);
        var year = await Queries.SnapshotAsync(new KpiStreamKey(root.Id, KpiWindow.Year), 0);
        Model = new OverviewModel(root.Name, today, year);
    }
}

/// <summary>What the overview shows: the province today and since 1 January.</summary>
public sealed record OverviewModel(string ProvinceName, KpiSnapshot Today, KpiSnapshot Year);

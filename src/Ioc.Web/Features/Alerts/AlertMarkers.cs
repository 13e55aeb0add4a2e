using System.Globalization;
using Ioc.Aggregation.Alerts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Web.Components.Shared;

namespace Ioc.Web.Features.Alerts;

/// <summary>Alerts of a unit's subtree as markers on its monthly trend chart (labels "MM/yyyy", as the trend scenes write them).</summary>
public sealed class AlertMarkers(AlertStore store)
{
    public async Task<IReadOnlyList<ChartMarker>> MonthlyAsync(int unitId, DayRange range, CancellationToken ct = default)
    {
        var from = new DateTimeOffset(range.From.ToDateTime(TimeOnly.MinValue), ProvinceTime.Offset);
        var to = new DateTimeOffset(range.To.AddDays(1).ToDateTime(TimeOnly.MinValue), ProvinceTime.Offset);
        var alerts = await store.FiredBetweenAsync(unitId, from, to, ct);
        return [.. alerts.Select(a => new ChartMarker(
            ProvinceTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(a.FiredAt)).ToString("MM/yyyy", CultureInfo.InvariantCulture),
            "⚠ " + a.RuleName))];
    }
}

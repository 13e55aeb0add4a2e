using Ioc.Aggregation.Indicators;
using Ioc.Data.Entities;
using Ioc.Domain.Indicators;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Map;

/// <summary>Reads a commune map's figures from rollups: one query for the communes' indicators, one for tickets by commune.</summary>
public sealed class CommuneMapQueries(IndicatorQueries indicators, CommuneBoundaries boundaries, IOptions<KpiThresholds> thresholds)
{
    /// <summary>The map of the communes under a unit; null when the unit has none with a polygon.</summary>
    public async Task<CommuneMapModel?> LoadAsync(int unitId, DayRange range, string? indicatorKey, CancellationToken ct = default)
    {
        // Communes retired before the window began are gone from the map, as from rankings.
        var communes = boundaries.CommunesUnder(unitId).Where(u => u.IsActiveOn(range.From)).ToList();
        if (communes.Count == 0)
        {
            return null;
        }
        var indicator = MapIndicators.Find(indicatorKey);
        var kpis = await indicators.GetManyAsync([.. communes.Select(u => u.Id)], range, ct);
        // Tickets by the commune where they happened (not by the unit that answers them), within the unit's subtree.
        var tickets = (await indicators.HotlineBreakdownAsync(unitId, range, TicketDimension.Commune, ct)).ToDictionary(s => s.Value, s => s.Hotline.Received);
        var k = thresholds.Value;
        var figures = communes.Zip(kpis, (unit, kpi) =>
        {
            var value = indicator.Value(kpi);
            var tone = indicator.Measure == MapMeasure.Rate && value is double v ? k.ToneOf(v) : KpiTone.Neutral;
            var shape = boundaries.ShapeOf(unit.Id)!;
            return new CommuneFigure(unit.Id, unit.Code, unit.Name, value, tone, tickets.GetValueOrDefault(unit.Id), shape.Latitude, shape.Longitude);
        }).ToList();
        return new CommuneMapModel(unitId, CommuneBoundaries.UrlFor(unitId), indicator, figures, indicator.Measure == MapMeasure.Rate ? Legend(k) : []);
    }

    /// <summary>The threshold classes in the reader's numbers (vi-VN: "Từ 80,0 %").</summary>
    public static IReadOnlyList<LegendEntry> Legend(KpiThresholds k) =>
    [
        new(UiText.Translate("Từ {0}").Replace("{0}", Format.Percent(k.Good)), ToneColors.Good),
        new(UiText.Translate("{0} – dưới {1}").Replace("{0}", Format.Percent(k.Warning)).Replace("{1}", Format.Percent(k.Good)), ToneColors.Warning),
        new(UiText.Translate("Dưới {0}").Replace("{0}", Format.Percent(k.Warning)), ToneColors.Bad),
        new(UiText.Translate("Không có dữ liệu"), ToneColors.NoData),
    ];
}

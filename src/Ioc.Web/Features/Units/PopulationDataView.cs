using System.Globalization;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;

namespace Ioc.Web.Features.Units;

/// <summary>One row of the Đề án 06 tables: a unit or a procedure with its two shares.</summary>
/// <param name="Key">The child unit's id or the procedure's id, for links.</param>
/// <param name="PopulationData">Dossiers using the national population database ÷ dossiers received.</param>
/// <param name="Vneid">Online dossiers submitted with VNeID authentication ÷ online dossiers.</param>
public sealed record PopulationDataRow(int Key, string Name, long Received, Rate PopulationData, Rate Vneid);

/// <summary>
/// What the Đề án 06 tab shows (population-database use and VNeID-authenticated submissions, by unit,
/// by procedure and by month), taken from the unit page's model so that it reads nothing twice.
/// </summary>
public static class PopulationDataView
{
    /// <summary>Children with dossiers in the window, lowest population-data share first: those are the ones to chase.</summary>
    public static IReadOnlyList<PopulationDataRow> ByUnit(IReadOnlyList<ChildRow> children) =>
    [
        .. children.Where(c => c.Dossiers.Received > 0)
            .Select(c => new PopulationDataRow(c.UnitId, c.Name, c.Dossiers.Received, c.Dossiers.PopulationDataRate, c.Dossiers.VneidRate))
            .OrderBy(r => r.PopulationData.Value ?? double.MaxValue).ThenBy(r => r.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)),
    ];

    /// <summary>Procedures with dossiers received in the window, by volume as on the procedures tab.</summary>
    public static IReadOnlyList<PopulationDataRow> ByProcedure(IReadOnlyList<ProcedureRow> procedures) =>
    [
        .. procedures.Where(p => p.Dossiers.Received > 0)
            .Select(p => new PopulationDataRow(p.ProcedureId, $"{p.Code} · {p.Name}", p.Dossiers.Received, p.Dossiers.PopulationDataRate, p.Dossiers.VneidRate)),
    ];

    /// <summary>Both shares month by month over the last 12 months, in percent.</summary>
    public static IReadOnlyList<TrendSeries> Trend(IReadOnlyList<TrendPoint> trend, string populationName, string vneidName)
    {
        var labels = trend.Select(t => t.Start.ToString("MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        static double? Percent(Rate r) => r.Value is double v ? Math.Round(v * 100, 1) : null;
        return
        [
            new(populationName, SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Dossiers.PopulationDataRate))], "#6a1b9a"),
            new(vneidName, SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Dossiers.VneidRate))], "#00838f"),
        ];
    }
}

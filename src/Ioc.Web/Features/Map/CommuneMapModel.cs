using Ioc.Web.Components.Shared;

namespace Ioc.Web.Features.Map;

/// <summary>One commune on the map: its figure, its colour class and its hotline tickets in the window.</summary>
/// <param name="Value">The indicator's value (a rate as 0–1); null without data.</param>
/// <param name="Tickets">Hotline tickets (phản ánh) located in the commune and received in the window.</param>
/// <param name="Latitude">Where its ticket bubble is drawn: inside its largest part.</param>
public sealed record CommuneFigure(int UnitId, string UnitCode, string Name, double? Value, KpiTone Tone, long Tickets, double Latitude, double Longitude);

/// <summary>One colour of the legend: what it means, in the reader's numbers.</summary>
public sealed record LegendEntry(string Label, string Color);

/// <summary>What a commune map shows: the communes under a unit, coloured by one indicator over one window.</summary>
/// <param name="GeoJsonUrl">Where the browser fetches the boundaries (served by the app, never another site).</param>
/// <param name="Legend">For rates, the threshold colours; empty for counts, which carry a colour scale.</param>
public sealed record CommuneMapModel(int UnitId, string GeoJsonUrl, MapIndicator Indicator, IReadOnlyList<CommuneFigure> Communes, IReadOnlyList<LegendEntry> Legend)
{
    public long MaxTickets => Communes.Count == 0 ? 0 : Communes.Max(c => c.Tickets);

    public double MaxValue => Communes.Select(c => c.Value ?? 0).DefaultIfEmpty(0).Max();
}

/// <summary>The colours of the wall's thresholds, the same on the map, the tiles and the rankings.</summary>
public static class ToneColors
{
    public const string Good = "#66bb6a";
    public const string Warning = "#ffa726";
    public const string Bad = "#ef5350";
    public const string NoData = "#9e9e9e";

    public static string Of(KpiTone tone) => tone switch
    {
        KpiTone.Good => Good,
        KpiTone.Warning => Warning,
        KpiTone.Bad => Bad,
        _ => NoData,
    };
}

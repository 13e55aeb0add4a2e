using System.Text.Json.Nodes;
using Ioc.Web.Features.Map;

namespace Ioc.Web.Tests.Map;

/// <summary>Boundaries as Plotly's maps need them: a commune drawn as itself, not as the world around it.</summary>
public sealed class RingWindingTests
{
    /// <summary>The signed areas of one polygon's rings (a Polygon's, or the n-th of a MultiPolygon).</summary>
    private static double[] Areas(string geometry, int polygon = 0)
    {
        var node = JsonNode.Parse(geometry)!;
        var coordinates = node["coordinates"]!.AsArray();
        var rings = node["type"]!.GetValue<string>() == "Polygon" ? coordinates : coordinates[polygon]!.AsArray();
        return [.. rings.Select(r => RingWinding.SignedArea(r!.AsArray()))];
    }

    [Fact]
    public void ForPlotly_GeoJsonWindingWithAHole_OuterRingClockwiseHoleCounterClockwise()
    {
        // RFC 7946: outer ring counter-clockwise, hole clockwise (what communes.geojson files hold).
        const string polygon = """{"type":"Polygon","coordinates":[[[107,21],[108,21],[108,22],[107,22],[107,21]],[[107.2,21.2],[107.2,21.8],[107.8,21.8],[107.8,21.2],[107.2,21.2]]]}""";
        Assert.Equal([2.0, -0.72], Areas(polygon).Select(a => Math.Round(a, 2)));

        var drawn = RingWinding.ForPlotly(polygon);

        Assert.Equal([-2.0, 0.72], Areas(drawn).Select(a => Math.Round(a, 2)));
        // The same points, only in the other order: the first point stays first and last.
        Assert.Equal("[107,21]", JsonNode.Parse(drawn)!["coordinates"]![0]![0]!.ToJsonString());
        // Already in Plotly's order: unchanged.
        Assert.Equal(drawn, RingWinding.ForPlotly(drawn));
    }

    [Fact]
    public void ForPlotly_MultiPolygon_EveryPartTurned()
    {
        const string islands = """{"type":"MultiPolygon","coordinates":[[[[107,21],[108,21],[108,22],[107,21]]],[[[109,21],[110,21],[110,22],[109,21]]]]}""";

        var drawn = RingWinding.ForPlotly(islands);

        Assert.True(Areas(drawn, 0)[0] < 0 && Areas(drawn, 1)[0] < 0, drawn);
    }
}

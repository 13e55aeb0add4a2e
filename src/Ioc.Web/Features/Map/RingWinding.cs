using System.Text.Json.Nodes;

namespace Ioc.Web.Features.Map;

/// <summary>
/// Turns a GeoJSON Polygon or MultiPolygon into the ring order Plotly's maps (d3-geo) draw: outer rings
/// clockwise, holes counter-clockwise. GeoJSON files (RFC 7946, and the national boundaries in
/// ../shared/data/geo) wind the other way; d3 reads such an outer ring as "everything but this commune",
/// so each commune would paint the whole map in its colour and hide the others.
/// </summary>
public static class RingWinding
{
    public static string ForPlotly(string geometry)
    {
        var node = JsonNode.Parse(geometry)!.AsObject();
        var polygons = node["type"]?.GetValue<string>() switch
        {
            "Polygon" => [node["coordinates"]!.AsArray()],
            "MultiPolygon" => node["coordinates"]!.AsArray().Select(p => p!.AsArray()).ToList(),
            _ => new List<JsonArray>(),
        };
        foreach (var polygon in polygons)
        {
            for (var i = 0; i < polygon.Count; i++)
            {
                var ring = polygon[i]!.AsArray();
                // Outer ring (the first) clockwise: negative signed area with longitude across and latitude up.
                var clockwise = SignedArea(ring) < 0;
                if (clockwise != (i == 0))
                {
                    var points = ring.Select(p => p!.DeepClone()).Reverse().ToList();
                    ring.Clear();
                    points.ForEach(ring.Add);
                }
            }
        }
        return node.ToJsonString();
    }

    /// <summary>Twice the shoelace area of a ring of [longitude, latitude] points: positive when counter-clockwise.</summary>
    public static double SignedArea(JsonArray ring)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            var (x0, y0) = ((double)ring[i]![0]!, (double)ring[i]![1]!);
            var (x1, y1) = ((double)ring[i + 1]![0]!, (double)ring[i + 1]![1]!);
            sum += x0 * y1 - x1 * y0;
        }
        return sum;
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.Data.Reference;

/// <summary>One commune's boundary from <c>communes.geojson</c>.</summary>
/// <param name="Code">The statistics-office commune code (mã đơn vị hành chính cấp xã, 5 digits).</param>
/// <param name="Geometry">The GeoJSON geometry (Polygon or MultiPolygon) as it stands in the file.</param>
/// <param name="Latitude">A point inside the commune's largest part, where its hotline bubble is drawn.</param>
public sealed record CommuneShape(string Code, string? Name, string Geometry, double Latitude, double Longitude);

/// <summary>
/// Reads and checks <c>communes.geojson</c>, the province's commune boundaries. Features are joined to
/// units on the official commune code: the unit <c>&lt;root&gt;.X06712</c> (the scheme of
/// <c>province init</c> and of the demo) is drawn with the feature whose <c>code</c> is <c>06712</c>.
/// </summary>
public static partial class CommuneShapes
{
    public const string File = "communes.geojson";

    [GeneratedRegex(@"\.X(\d{5})$")]
    private static partial Regex UnitCodeSuffix();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex OfficialCode();

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The official commune code inside a unit code (<c>H49.X06712</c> → <c>06712</c>), or null.</summary>
    public static string? OfficialCodeOf(string unitCode) => UnitCodeSuffix().Match(unitCode) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The shapes of a reference directory; null when it has no <c>communes.geojson</c> (the province has no map).</summary>
    /// <exception cref="ReferenceDataException">The file is there but broken (the validator runs first at start, so this is a safeguard).</exception>
    public static IReadOnlyList<CommuneShape>? Read(string directory)
    {
        var problems = new List<ReferenceProblem>();
        var shapes = Check(directory, problems);
        return problems.Count > 0 ? throw new ReferenceDataException(problems) : shapes;
    }

    /// <summary>Every problem of the file, and its shapes when it is readable; null when there is no file.</summary>
    public static IReadOnlyList<CommuneShape>? Check(string directory, List<ReferenceProblem> problems)
    {
        var path = Path.Combine(directory, File);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }
        void Add(string entry, string field, string message) => problems.Add(new(File, entry, field, message));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path), Options);
        }
        catch (JsonException ex)
        {
            Add($"line {(ex.LineNumber ?? 0) + 1}", "-", $"not valid JSON: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
            return [];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
            {
                Add("(file)", "type", "must be a GeoJSON FeatureCollection ({\"type\": \"FeatureCollection\", \"features\": [...]})");
                return [];
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                Add("(file)", "features", "missing: the array of commune features");
                return [];
            }
            var shapes = new List<CommuneShape>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var position = $"#{++i}";
                if (feature.ValueKind != JsonValueKind.Object)
                {
                    Add(position, "-", "must be a GeoJSON Feature object");
                    continue;
                }
                var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                var code = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (code is null || !OfficialCode().IsMatch(code))
                {
                    Add(position, "properties.code", "missing or not a 5-digit commune code of the statistics office (e.g. \"06712\")");
                    continue;
                }
                if (!codes.Add(code))
                {
                    Add(code, "properties.code", "duplicate: another feature has the same code");
                    continue;
                }
                var name = properties.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
                {
                    Add(code, "geometry", "missing: a Polygon or MultiPolygon");
                    continue;
                }
                if (PolygonsOf(geometry, code, Add) is { } polygons)
                {
                    var (lat, lon) = InteriorPoint(polygons);
                    shapes.Add(new CommuneShape(code, name, geometry.GetRawText(), lat, lon));
                }
            }
            return shapes;
        }
    }

    /// <summary>The polygons (each a list of rings of [lon, lat]) of a valid geometry; null after reporting what is wrong.</summary>
    private static List<List<double[][]>>? PolygonsOf(JsonElement geometry, string code, Action<string, string, string> add)
    {
        var kind = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (kind is not ("Polygon" or "MultiPolygon"))
        {
            add(code, "geometry.type", $"'{kind}' is not Polygon or MultiPolygon: a commune is an area");
            return null;
        }
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
        {
            add(code, "geometry.coordinates", "missing or empty");
            return null;
        }
        var polygons = new List<List<double[][]>>();
        foreach (var polygon in kind == "Polygon" ? [coordinates] : coordinates.EnumerateArray().ToList())
        {
            var rings = new List<double[][]>();
            if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
            {
                add(code, "geometry.coordinates", "a polygon must be a non-empty array of rings");
                return null;
            }
            foreach (var ring in polygon.EnumerateArray())
            {
                if (RingOf(ring) is not { } points)
                {
                    add(code, "geometry.coordinates", "a ring must be an array of at least 4 positions [longitude, latitude] (WGS84 degrees)");
                    return null;
                }
                if (points[0][0] != points[^1][0] || points[0][1] != points[^1][1])
                {
                    add(code, "geometry.coordinates", "a ring is not closed: its last position must repeat its first");
                    return null;
                }
                rings.Add(points);
            }
            polygons.Add(rings);
        }
        return polygons;
    }

    private static double[][]? RingOf(JsonElement ring)
    {
        if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
        {
            return null;
        }
        var points = new List<double[]>();
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || !position[0].TryGetDouble(out var lon) || !position[1].TryGetDouble(out var lat)
                || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                return null;
            }
            points.Add([lon, lat]);
        }
        return [.. points];
    }

    /// <summary>The area centroid of the largest polygon's outer ring: inside for the compact shapes communes have.</summary>
    private static (double Lat, double Lon) InteriorPoint(List<List<double[][]>> polygons)
    {
        var best = (Area: -1.0, Lat: 0.0, Lon: 0.0);
        foreach (var ring in polygons.Select(p => p[0]))
        {
            double a = 0, cx = 0, cy = 0;
            for (var k = 0; k < ring.Length - 1; k++)
            {
                var cross = ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
                a += cross;
                cx += (ring[k][0] + ring[k + 1][0]) * cross;
                cy += (ring[k][1] + ring[k + 1][1]) * cross;
            }
            var area = Math.Abs(a / 2);
            if (area > best.Area)
            {
                best = a == 0
                    ? (area, ring.Average(pt => pt[1]), ring.Average(pt => pt[0]))
                    : (area, cy / (3 * a), cx / (3 * a));
            }
        }
        return (Math.Round(best.Lat, 5), Math.Round(best.Lon, 5));
    }

    /// <summary>How the shapes and the units meet: which units are drawn, and what is left over on either side.</summary>
    /// <param name="units">Commune-level units in force (code and name).</param>
    public static CommuneShapeJoin Join(IEnumerable<(string Code, string Name)> units, IReadOnlyList<CommuneShape> shapes)
    {
        var byCode = shapes.ToDictionary(s => s.Code, StringComparer.Ordinal);
        var matched = new Dictionary<string, CommuneShape>(StringComparer.Ordinal);
        var unitsWithout = new List<(string Code, string Name)>();
        foreach (var (code, name) in units)
        {
            if (OfficialCodeOf(code) is { } official && byCode.TryGetValue(official, out var shape))
            {
                matched[code] = shape;
            }
            else
            {
                unitsWithout.Add((code, name));
            }
        }
        var used = matched.Values.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        return new CommuneShapeJoin(matched, unitsWithout, [.. shapes.Where(s => !used.Contains(s.Code))]);
    }

    /// <summary>The coverage findings as <c>file: entry: field: message</c> lines, for the log and <c>reference validate</c>.</summary>
    public static IReadOnlyList<ReferenceProblem> Findings(CommuneShapeJoin join) =>
    [
        .. join.UnitsWithoutShape.Select(u => new ReferenceProblem(File, u.Code, "polygon",
            $"no polygon for this unit ({u.Name}); it is not drawn on the map (add a feature with properties.code \"{OfficialCodeOf(u.Code) ?? "?"}\")")),
        .. join.ShapesWithoutUnit.Select(s => new ReferenceProblem(File, s.Code, "properties.code",
            $"no commune-level unit in force ends in .X{s.Code} ({s.Name ?? "no name"}); the polygon is not drawn")),
    ];
}

/// <param name="ShapeByUnit">Unit code → its shape.</param>
public sealed record CommuneShapeJoin(
    IReadOnlyDictionary<string, CommuneShape> ShapeByUnit,
    IReadOnlyList<(string Code, string Name)> UnitsWithoutShape,
    IReadOnlyList<CommuneShape> ShapesWithoutUnit);

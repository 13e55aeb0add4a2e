using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;

namespace Ioc.Web.Features.Map;

/// <summary>
/// The province's commune boundaries (<c>communes.geojson</c> of its reference directory) joined to
/// its units at start. What could not be joined is logged once at start and kept for the admin page:
/// a commune without a polygon, or a polygon without a commune, is listed, never silently dropped.
/// </summary>
public sealed class CommuneBoundaries
{
    private readonly ReferenceCatalog _catalog;
    private readonly Dictionary<int, CommuneShape> _byUnit = [];
    private readonly ConcurrentDictionary<int, ServedGeoJson> _served = new();

    public CommuneBoundaries(ReferenceCatalog catalog, IReadOnlyList<CommuneShape>? shapes)
    {
        _catalog = catalog;
        HasFile = shapes is not null;
        var local = catalog.Units.All.Where(u => u.IsLocal).ToList();
        // Units retired are not expected to have a polygon; any that has one is still drawn for windows it lived in.
        var join = CommuneShapes.Join(local.Select(u => (u.Code, u.Name)), shapes ?? []);
        foreach (var unit in local)
        {
            if (join.ShapeByUnit.TryGetValue(unit.Code, out var shape))
            {
                _byUnit[unit.Id] = shape;
            }
        }
        var retired = local.Where(u => u.RetiredFrom is not null).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        Findings = HasFile
            ? CommuneShapes.Findings(join with { UnitsWithoutShape = [.. join.UnitsWithoutShape.Where(u => !retired.Contains(u.Code))] })
            : [];
    }

    /// <summary>Whether the reference directory has a <c>communes.geojson</c> at all.</summary>
    public bool HasFile { get; }

    /// <summary>Units without a polygon and polygons without a unit, as <c>file: entry: field: message</c>.</summary>
    public IReadOnlyList<ReferenceProblem> Findings { get; }

    public int DrawnCommunes => _byUnit.Count;

    public CommuneShape? ShapeOf(int unitId) => _byUnit.GetValueOrDefault(unitId);

    /// <summary>The communes with a polygon in a unit's subtree (the unit itself excluded), in tree order.</summary>
    public IReadOnlyList<Unit> CommunesUnder(int unitId) =>
        _catalog.Units.Contains(unitId) ? [.. _catalog.Units.Subtree(unitId).Where(u => u.Id != unitId && _byUnit.ContainsKey(u.Id))] : [];

    /// <summary>Whether a unit's page has a map: it has communes with polygons below it.</summary>
    public bool HasMapFor(int unitId) => _byUnit.Count > 0 && CommunesUnder(unitId).Count > 0;

    /// <summary>
    /// A FeatureCollection of the communes under a unit, each feature's <c>properties.unit</c> being the
    /// unit code that Plotly's <c>featureidkey</c> joins on. Built once per unit: boundaries change only with a restart.
    /// </summary>
    public ServedGeoJson GeoJsonFor(int unitId) => _served.GetOrAdd(unitId, id =>
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var unit in CommunesUnder(id))
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("unit", unit.Code);
                json.WriteString("code", _byUnit[unit.Id].Code);
                json.WriteString("name", unit.Name);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                json.WriteRawValue(RingWinding.ForPlotly(_byUnit[unit.Id].Geometry), skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        var bytes = buffer.ToArray();
        return new ServedGeoJson(bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"");
    });

    /// <summary>The path pages hand to Plotly (<c>geojson</c> as a URL: the browser fetches and caches it once).</summary>
    public static string UrlFor(int unitId) => $"/geo/communes/{unitId}.geojson";

    /// <summary>Logs at start what the map cannot draw (Warning) or that there is no map (Information).</summary>
    public void LogFindings(ILogger logger)
    {
        if (!HasFile)
        {
            logger.LogInformation("No {File} in the reference directory: pages and walls show no commune map.", CommuneShapes.File);
            return;
        }
        logger.LogInformation("Commune map: {Drawn} communes with a polygon, {Findings} finding(s).", DrawnCommunes, Findings.Count);
        foreach (var finding in Findings)
        {
            logger.LogWarning("Commune map: {Finding}", finding.ToString());
        }
    }
}

/// <param name="ETag">A strong validator of the body, so a browser revalidates instead of downloading again.</param>
public sealed record ServedGeoJson(byte[] Body, string ETag)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Testing;
using Json.Schema;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>
/// <c>communes.geojson</c>: a broken file is refused like any reference file (every problem at once, as
/// file: entry: field: message); a commune without a polygon or a polygon without a commune is listed
/// as a warning and changes nothing else.
/// </summary>
public sealed class CommuneShapesTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonSchema Schema =
        JsonSchema.FromFile(Path.Combine(TestPaths.RepositoryRoot, "docs", "reference", "schema", "communes.schema.json"));

    private static string NationalList => Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList);

    private static string ShapesDirectory => Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.CommuneShapesDirectory);

    private static JsonObject ReadDemo() => JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.ReferenceData, CommuneShapes.File)), documentOptions: Lenient)!.AsObject();

    private static string WithShapes(TempFolder folder, Action<JsonArray> edit)
    {
        var dir = TestReference.CopyDemo(folder);
        var doc = ReadDemo();
        edit(doc["features"]!.AsArray());
        File.WriteAllText(Path.Combine(dir, CommuneShapes.File), doc.ToJsonString());
        return dir;
    }

    private static JsonObject Feature(JsonArray features, string code) =>
        features.Select(x => x!.AsObject()).First(x => x["properties"]!["code"]!.GetValue<string>() == code);

    [Fact]
    public void Check_DemoProvince_EveryCommuneHasItsPolygonAndEveryPolygonItsCommune()
    {
        var report = ReferenceValidator.Check(TestPaths.ReferenceData);

        Assert.Empty(report.Problems);
        Assert.Empty(report.Warnings);
        Assert.Equal(54, CommuneShapes.Read(TestPaths.ReferenceData)!.Count);
    }

    [Fact]
    public void Check_UnknownCodeAndMissingPolygon_ListedAsWarningsNotProblems()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = WithShapes(folder, features =>
        {
            // Hà Tu loses its polygon; Ba Chẽ's polygon carries the other code it has in some lists.
            features.Remove(Feature(features, "06652"));
            Feature(features, "06970")["properties"]!["code"] = "06978";
        });

        var report = ReferenceValidator.Check(dir);

        Assert.Empty(report.Problems);
        Assert.Equal(
            [
                "communes.geojson: H49.X06652: polygon: no polygon for this unit (Phường Hà Tu); it is not drawn on the map (add a feature with properties.code \"06652\")",
                "communes.geojson: H49.X06970: polygon: no polygon for this unit (Xã Ba Chẽ); it is not drawn on the map (add a feature with properties.code \"06970\")",
                "communes.geojson: 06978: properties.code: no commune-level unit in force ends in .X06978 (Xã Ba Chẽ); the polygon is not drawn",
            ],
            report.Warnings.Select(w => w.ToString()));
        ReferenceValidator.EnsureValid(dir);
    }

    [Fact]
    public void Check_MalformedJson_RefusedWithTheLine()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.CopyDemo(folder);
        File.WriteAllText(Path.Combine(dir, CommuneShapes.File), "{\"type\": \"FeatureCollection\",\n \"features\": [ {\"type\": \"Feature\" ");

        var problems = ReferenceValidator.Validate(dir).Select(p => p.ToString()).ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith("communes.geojson: line 2: -: not valid JSON", problem);
        Assert.Throws<ReferenceDataException>(() => ReferenceValidator.EnsureValid(dir));
    }

    [Fact]
    public void Check_NotAFeatureCollection_Refused()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.CopyDemo(folder);
        File.WriteAllText(Path.Combine(dir, CommuneShapes.File), """{"type": "Feature", "geometry": null}""");

        Assert.Equal(
            ["communes.geojson: (file): type: must be a GeoJSON FeatureCollection ({\"type\": \"FeatureCollection\", \"features\": [...]})"],
            ReferenceValidator.Validate(dir).Select(p => p.ToString()));
    }

    [Fact]
    public void Check_BrokenFeatures_EveryProblemAtOnce()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = WithShapes(folder, features =>
        {
            Feature(features, "06652")["properties"]!["code"] = "6652";
            Feature(features, "06658")["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(107.1, 21.0) };
            var open = Feature(features, "06661")["geometry"]!["coordinates"]![0]!.AsArray();
            open.RemoveAt(open.Count - 1);
            Feature(features, "06676")["geometry"]!["coordinates"]![0]![1] = new JsonArray(207.0, 21.0);
            features.Add(Feature(features, "06685").DeepClone());
            features.Add(new JsonObject { ["type"] = "Feature", ["properties"] = new JsonObject { ["code"] = "06999" } });
        });

        var problems = ReferenceValidator.Validate(dir).Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "communes.geojson: #1: properties.code: missing or not a 5-digit commune code of the statistics office (e.g. \"06712\")",
                "communes.geojson: 06658: geometry.type: 'Point' is not Polygon or MultiPolygon: a commune is an area",
                "communes.geojson: 06661: geometry.coordinates: a ring is not closed: its last position must repeat its first",
                "communes.geojson: 06676: geometry.coordinates: a ring must be an array of at least 4 positions [longitude, latitude] (WGS84 degrees)",
                "communes.geojson: 06685: properties.code: duplicate: another feature has the same code",
                "communes.geojson: 06999: geometry: missing: a Polygon or MultiPolygon",
            ],
            problems);
    }

    [Fact]
    public void ProvinceInit_ProvinceWithShippedBoundaries_CopiesThemAndEveryCommuneJoins()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "hung-yen");

        var result = ProvinceInit.Write(NationalList, "33", dir, TestPaths.ReferenceData, communeShapesFrom: ShapesDirectory);

        Assert.Equal(104, result.CommuneShapes);
        var report = ReferenceValidator.Check(dir);
        Assert.Empty(report.Problems);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void ProvinceInit_ProvinceWithoutShippedBoundaries_NoMapFileAndNoWarnings()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "nghe-an");

        var result = ProvinceInit.Write(NationalList, "40", dir, TestPaths.ReferenceData, communeShapesFrom: ShapesDirectory);

        Assert.Equal(0, result.CommuneShapes);
        Assert.False(File.Exists(Path.Combine(dir, CommuneShapes.File)));
        Assert.Null(CommuneShapes.Read(dir));
        Assert.Empty(ReferenceValidator.Check(dir).Warnings);
    }

    [Fact]
    public void Schema_DemoFilePasses_AndACodeTheValidatorRefusesFails()
    {
        var demo = ReadDemo();
        Assert.True(Schema.Evaluate(JsonSerializer.SerializeToElement(demo)).IsValid);

        demo["features"]![0]!["properties"]!["code"] = "6652";
        Assert.False(Schema.Evaluate(JsonSerializer.SerializeToElement(demo)).IsValid);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Testing;
using Ioc.Web.Features.Map;
using Microsoft.Extensions.Logging;

namespace Ioc.Web.Tests.Map;

/// <summary>At start, communes the map cannot draw and polygons it cannot place are listed in the log and on the admin Units page, and the server still starts.</summary>
public sealed class CommuneMapStartTests
{
    [Fact]
    public async Task Start_UnmatchedUnitsAndPolygons_LoggedAsWarningsAndListedForAdmins()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.CopyDemo(folder);
        var path = Path.Combine(dir, CommuneShapes.File);
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var features = doc["features"]!.AsArray();
        features.Remove(features.First(x => x!["properties"]!["code"]!.GetValue<string>() == "06652"));
        features.First(x => x!["properties"]!["code"]!.GetValue<string>() == "06970")!["properties"]!["code"] = "06978";
        File.WriteAllText(path, doc.ToJsonString());
        var log = new CapturingLoggerProvider();
        await using var app = new IocAppFactory().With("ReferenceData:Directory", dir);
        app.LoggerProviders.Add(log);

        using var admin = await SignedInClient.AsAsync(app.ServerAddress, "quantri");
        var page = await admin.Http.GetStringAsync("/admin/units");

        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Commune map:", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("communes.geojson: H49.X06652: polygon: no polygon for this unit (Phường Hà Tu)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("communes.geojson: H49.X06970: polygon:", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("communes.geojson: 06978: properties.code: no commune-level unit in force", StringComparison.Ordinal));
        Assert.Contains("data-map-findings=\"3\"", page, StringComparison.Ordinal);
        Assert.Contains("data-map-finding=\"H49.X06652\"", page, StringComparison.Ordinal);
        Assert.Contains("data-map-finding=\"06978\"", page, StringComparison.Ordinal);
        Assert.Contains("data-unit-map", await admin.Http.GetStringAsync($"/units/{app.Catalog.Units.Root.Id}?tab=map"), StringComparison.Ordinal);
        // The 52 communes that joined are still drawn.
        var geo = await admin.Http.GetAsync($"/geo/communes/{app.Catalog.Units.Root.Id}.geojson");
        Assert.Equal(HttpStatusCode.OK, geo.StatusCode);
        Assert.Equal(52, JsonNode.Parse(await geo.Content.ReadAsStringAsync())!["features"]!.AsArray().Count);
    }

    [Fact]
    public async Task Start_NoCommunesFile_NoMapAndSaysSo()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.CopyDemo(folder);
        File.Delete(Path.Combine(dir, CommuneShapes.File));
        await using var app = new IocAppFactory().With("ReferenceData:Directory", dir);

        using var admin = await SignedInClient.AsAsync(app.ServerAddress, "quantri");
        var page = await admin.Http.GetStringAsync("/admin/units");
        var geo = await admin.Http.GetAsync($"/geo/communes/{app.Catalog.Units.Root.Id}.geojson");
        var unit = await admin.Http.GetStringAsync($"/units/{app.Catalog.Units.Root.Id}?tab=map");

        Assert.Contains("data-map-findings=\"none\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, geo.StatusCode);
        Assert.DoesNotContain("data-unit-map", unit, StringComparison.Ordinal);
        Assert.Contains("data-unit-name", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIndicators_EveryLabelHasAnEnglishTranslation() =>
        Assert.All(MapIndicators.All, i => Assert.True(Ioc.Web.Localization.UiText.EnglishEntries.ContainsKey(i.Label), i.Label));
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ioc.Testing;
using Ioc.Web.Tests.Access;

namespace Ioc.Web.Tests.Map;

/// <summary><c>/geo/communes/{unit}.geojson</c>: the boundaries the maps draw, served by the app to whoever may open a map of that unit.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class CommuneMapEndpointTests(AccessFixture f)
{
    private string Url(int unit) => $"/geo/communes/{unit}.geojson";

    [Fact]
    public async Task GeoJson_ProvinceForALeader_EveryCommuneOnceAsAnAreaNamedByItsUnitCode()
    {
        var response = await f.Clients["leader"].Http.GetAsync(Url(f.Root));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        var communes = f.App.Catalog.Units.All.Where(u => u.IsLocal).ToDictionary(u => u.Code);
        var units = features.Select(x => x.GetProperty("properties").GetProperty("unit").GetString()!).ToList();
        Assert.Equal(communes.Keys.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
        Assert.All(features, x =>
        {
            var unit = communes[x.GetProperty("properties").GetProperty("unit").GetString()!];
            Assert.Equal(unit.Name, x.GetProperty("properties").GetProperty("name").GetString());
            Assert.Equal(unit.Code[^5..], x.GetProperty("properties").GetProperty("code").GetString());
            Assert.Contains(x.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        });
    }

    [Theory]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("display", HttpStatusCode.OK)]
    [InlineData("head", HttpStatusCode.NotFound)]
    [InlineData("hotline", HttpStatusCode.Redirect)]
    [InlineData("anonymous", HttpStatusCode.Redirect)]
    public async Task GeoJson_Province_OnlyForThoseWhoMayOpenAMapOfIt(string role, HttpStatusCode expected)
    {
        var response = await f.Clients[role].Http.GetAsync(Url(f.Root));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, body.Contains("\"FeatureCollection\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeoJson_UnitWithoutCommunesOrUnknown_NotFoundWithoutData()
    {
        var commune = await f.Clients["leader"].Http.GetAsync(Url(f.Commune));
        var unknown = await f.Clients["leader"].Http.GetAsync(Url(987_654));

        Assert.Equal(HttpStatusCode.NotFound, commune.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("FeatureCollection", await commune.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeoJson_AskedAgainWithItsETag_NotModifiedAndEmpty()
    {
        var first = await f.Clients["display"].Http.GetAsync(Url(f.Root));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("private", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url(f.Root));
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        var second = await f.Clients["display"].Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }
}

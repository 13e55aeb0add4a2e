using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Testing;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Map;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>The commune map in a real Chromium: every commune drawn and coloured by its figures, a click opens the commune, nothing fetched from another site.</summary>
public sealed class MapTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    /// <summary>Every drawn commune as (unit code, fill colour), read from the SVG Plotly drew.</summary>
    private static async Task<string[][]> DrawnCommunesAsync(IPage page, string map)
    {
        // Plotly styles the paths just after it adds them: read once every path has its fill.
        await page.WaitForFunctionAsync($$"""() => [...document.querySelectorAll('[data-map="{{map}}"] path.choroplethlocation')].every(p => p.style.fill || p.getAttribute('fill'))""");
        return await page.EvaluateAsync<string[][]>($$"""
            () => [...document.querySelectorAll('[data-map="{{map}}"] path.choroplethlocation')].map(p => [String(p.__data__.loc), getComputedStyle(p).fill])
            """);
    }

    private static string Rgb(string hex) =>
        $"rgb({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)})";

    /// <summary>What the map should show for each commune: the colour of its on-time rate's threshold class.</summary>
    private static async Task<Dictionary<string, string>> ExpectedColoursAsync(IocAppFactory app, KpiWindow window)
    {
        var queries = app.Services.GetRequiredService<IndicatorQueries>();
        var thresholds = app.Services.GetRequiredService<IOptions<KpiThresholds>>().Value;
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).ToList();
        var kpis = await queries.GetManyAsync([.. communes.Select(u => u.Id)], queries.Resolve(window));
        return communes.Zip(kpis).ToDictionary(x => x.First.Code, x => Rgb(ToneColors.Of(thresholds.ToneOf(x.Second.Dossiers.OnTimeRate))));
    }

    [Fact]
    public async Task UnitPageMap_DemoProvince_EveryCommuneHasAPolygonColouredByItsThresholdClass()
    {
        await using var app = new IocAppFactory();
        await DemoDossiers.PostAsync(app, perCommune: 6);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=map&w=year");
        await WaitForLiveAsync(page);

        var communes = app.Catalog.Units.All.Count(u => u.IsLocal);
        await Assertions.Expect(page.Locator("[data-map=unit] path.choroplethlocation")).ToHaveCountAsync(communes, new() { Timeout = 20_000 });
        var drawn = await DrawnCommunesAsync(page, "unit");
        var expected = await ExpectedColoursAsync(app, KpiWindow.Year);

        // Each commune exactly once, each in the colour of its own figure (two communes have data, the others "no data" grey).
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), drawn.Select(d => d[0]).Order(StringComparer.Ordinal));
        Assert.All(drawn, d => Assert.Equal(expected[d[0]], d[1]));
        Assert.Contains(drawn, d => d[1] != Rgb(ToneColors.NoData));
        await Assertions.Expect(page.Locator("[data-map=unit] [data-map-legend]")).ToContainTextAsync("80,0 %");
        Assert.Empty(browser.ExternalRequests);
    }
}

using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Wall;

/// <summary>The trend scene as live events reach it: the chart is updated in place and keeps its month axis.</summary>
public sealed class WallTrendLiveTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Volume = "[data-chart=wall-trend-volume] .js-plotly-plot";

    [Fact]
    public async Task TrendScene_LiveDossier_CountRisesInPlace_MonthAxisKeepsItsTwelveMonths()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var now = IngestHarness.DefaultNow;
        (await app.PostEventsAsync([.. new[] { 20, 75, 140, 230, 300 }.Select(days => Events.DossierReceived($"TREND-{days}", commune, procedure, now.AddDays(-days)))])).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=trends");
        await WallPages.WaitForLiveAsync(page);
        await WallPages.WaitForChartsAsync(page, 2);
        var months = page.Locator("[data-chart=wall-trend-volume] .xtick text");
        await Assertions.Expect(months).ToHaveCountAsync(12);
        var before = await ThisMonthAsync(page);

        (await app.PostEventsAsync(Events.DossierReceived("TREND-NOW", commune, procedure, now.AddMinutes(-5)))).EnsureSuccessStatusCode();

        // The running month's bar rises on the same plot (a restyle, not a new plot) ...
        await page.WaitForFunctionAsync($"b => {{ const d = document.querySelector('{Volume}').data; return d[0].y[d[0].y.length - 1] > b; }}", before);
        // ... and Plotly, which clears the type of an axis whose data a restyle replaces, keeps it a month axis:
        // "02" … "12" guessed as numbers gave a linear axis reading 2, 4, 6 … 12 (seen on the wall's trend scene).
        Assert.Equal("category", await page.EvaluateAsync<string>($"() => document.querySelector('{Volume}')._fullLayout.xaxis.type"));
        await Assertions.Expect(months).ToHaveCountAsync(12);
    }

    private static Task<double> ThisMonthAsync(IPage page) =>
        page.EvaluateAsync<double>($"() => {{ const d = document.querySelector('{Volume}').data; return d[0].y[d[0].y.length - 1] ?? 0; }}");
}

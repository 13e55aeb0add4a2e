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
    private static async Task<string[][]> DrawnCommunesAsync(IPage page, string map, int communes)
    {
        // Plotly styles the paths just after it adds them: read once every path is there with its fill.
        await page.WaitForFunctionAsync($$"""
            () => { const paths = [...document.querySelectorAll('[data-map="{{map}}"] path.choroplethlocation')]; return paths.length === {{communes}} && paths.every(p => p.style.fill || p.getAttribute("fill")); }
            """, null, new() { Timeout = 20_000 });
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
        var drawn = await DrawnCommunesAsync(page, "unit", communes);
        var expected = await ExpectedColoursAsync(app, KpiWindow.Year);

        // Each commune exactly once, each in the colour of its own figure (two communes have data, the others "no data" grey).
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), drawn.Select(d => d[0]).Order(StringComparer.Ordinal));
        Assert.All(drawn, d => Assert.Equal(expected[d[0]], d[1]));
        Assert.Contains(drawn, d => d[1] != Rgb(ToneColors.NoData));
        await Assertions.Expect(page.Locator("[data-map=unit] [data-map-legend]")).ToContainTextAsync("80,0 %");
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task UnitPageMap_ClickOnACommune_OpensThatCommunesPageWithTheSameWindow()
    {
        await using var app = new IocAppFactory();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=map&w=month");
        await WaitForLiveAsync(page);
        await DrawnCommunesAsync(page, "unit", app.Catalog.Units.All.Count(u => u.IsLocal));

        // A point well inside one commune's polygon (its bounding box's centre when the shape covers it), in page pixels.
        var target = await page.EvaluateAsync<double[]?>("""
            () => {
              for (const p of document.querySelectorAll('[data-map="unit"] path.choroplethlocation')) {
                const r = p.getBoundingClientRect();
                if (r.width < 30 || r.height < 30) continue;
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const local = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
                if (p.isPointInFill(local)) return [x, y, Number(p.__data__.index ?? -1)];
              }
              return null;
            }
            """);
        Assert.NotNull(target);
        await page.Mouse.MoveAsync((float)target![0], (float)target[1]);
        // Hover names the commune under the pointer and gives its figures; that commune is the one a click opens.
        var hover = page.Locator("[data-map=unit] .hoverlayer .hovertext");
        await Assertions.Expect(hover).ToContainTextAsync("phản ánh");
        var hovered = await hover.TextContentAsync() ?? "";
        var commune = app.Catalog.Units.All.Where(u => u.IsLocal && hovered.StartsWith(u.Name, StringComparison.Ordinal)).OrderByDescending(u => u.Name.Length).First();
        Assert.Contains("Tỷ lệ giải quyết đúng hạn", hovered);

        await page.Mouse.ClickAsync((float)target[0], (float)target[1]);

        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(commune.Name);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/units/{commune.Id}\\?w=month$"));
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task WallMapScene_TicketsSwitchedOffInItsConfiguration_CommunesColouredWithoutBubbles()
    {
        await using var app = new IocAppFactory()
            .With("Wall:Scenes:0:Key", "map").With("Wall:Scenes:0:Title", "Bản đồ đúng hạn").With("Wall:Scenes:0:Kind", "Map")
            .With("Wall:Scenes:0:Indicator", "on-time-rate").With("Wall:Scenes:0:ShowTickets", "false");
        await DemoDossiers.PostAsync(app, perCommune: 2);
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        (await app.PostEventsAsync(Events.TicketCreated("PA-MAP-OFF", IngestHarness.DefaultNow.AddHours(-2), commune: communes[0].Code))).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=map");
        await WaitForLiveAsync(page);

        await Assertions.Expect(page.Locator("[data-map-scene] path.choroplethlocation")).ToHaveCountAsync(communes.Count, new() { Timeout = 20_000 });
        // Only the communes' colours: no bubble trace, although a commune has a ticket.
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelector('[data-map=\"wall-map\"] .js-plotly-plot').data.length"));
        // Each commune is drawn as itself: none covers most of the map (a boundary wound the wrong way paints the world around it).
        var largest = await page.EvaluateAsync<double>("""
            () => { const plot = document.querySelector('[data-map="wall-map"] .js-plotly-plot').getBoundingClientRect();
                    return Math.max(...[...document.querySelectorAll('[data-map-scene] path.choroplethlocation')].map(p => { const r = p.getBoundingClientRect(); return r.width * r.height / (plot.width * plot.height); })); }
            """);
        Assert.True(largest < 0.25, $"a commune covers {largest:P0} of the map");
        Assert.Empty(browser.ExternalRequests);
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task WallMapScene_AnyScreen_DrawsEveryCommuneAndATicketBubblePerCommuneWithTickets(int width, int height)
    {
        await using var app = new IocAppFactory();
        await DemoDossiers.PostAsync(app, perCommune: 4);
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var at = IngestHarness.DefaultNow.AddHours(-2);
        (await app.PostEventsAsync(
            Events.TicketCreated("PA-MAP-1", at, commune: communes[0].Code),
            Events.TicketCreated("PA-MAP-2", at, commune: communes[0].Code),
            Events.TicketCreated("PA-MAP-3", at, commune: communes[0].Code),
            Events.TicketCreated("PA-MAP-4", at, commune: communes[5].Code))).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress, width, height);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=map");
        await WaitForLiveAsync(page);

        await Assertions.Expect(page.Locator("[data-map-scene] path.choroplethlocation")).ToHaveCountAsync(communes.Count, new() { Timeout = 20_000 });
        var drawn = await DrawnCommunesAsync(page, "wall-map", communes.Count);
        var expected = await ExpectedColoursAsync(app, KpiWindow.Year);
        Assert.All(drawn, d => Assert.Equal(expected[d[0]], d[1]));
        // Bubbles: one per commune with tickets, the one with three calls larger than the one with one.
        var bubbles = await page.EvaluateAsync<Dictionary<string, double>>("""
            () => { const t = document.querySelector('[data-map="wall-map"] .js-plotly-plot').data[1]; return Object.fromEntries(t.customdata.map((c, i) => [c[0], t.marker.size[i]])); }
            """);
        Assert.Equal(new[] { communes[0].Name, communes[5].Name }.Order(StringComparer.Ordinal), bubbles.Keys.Order(StringComparer.Ordinal));
        Assert.True(bubbles[communes[0].Name] > bubbles[communes[5].Name], $"bubbles {string.Join(", ", bubbles)}");
        // The map fills the scene: at least half the screen's height, and nothing below the fold.
        var box = await page.Locator("[data-map=wall-map] .js-plotly-plot").BoundingBoxAsync();
        Assert.True(box!.Height >= height / 2 && box.Y + box.Height <= height, $"map {box.Height}px high at {box.Y}");
        var legend = await page.Locator("[data-map=wall-map] [data-map-legend]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(legend >= 0.03 * height, $"legend text {legend}px");
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task UnitPageMap_CountIndicatorAndTicketsLayerFromTheUrl_ScaleLegendAndBubbles()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 5);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        (await app.PostEventsAsync(Events.TicketCreated("PA-MAP-U1", IngestHarness.DefaultNow.AddHours(-1), commune: commune.Code))).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=map&w=year&ind=received&tickets=1");
        await WaitForLiveAsync(page);

        await DrawnCommunesAsync(page, "unit", app.Catalog.Units.All.Count(u => u.IsLocal));
        // Counts are coloured on a scale from 0 to the largest commune's count, which the legend gives in vi-VN numbers.
        await Assertions.Expect(page.Locator("[data-map=unit] [data-legend-max]")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("[data-map=unit] [data-legend-tickets]")).ToContainTextAsync("1");
        var z = await page.EvaluateAsync<Dictionary<string, double>>("""
            () => { const t = document.querySelector('[data-map="unit"] .js-plotly-plot').data[0]; return Object.fromEntries(t.locations.map((l, i) => [l, t.z[i]])); }
            """);
        Assert.Equal(5, z[seeded.CommuneA]);
        Assert.Equal(5, z[seeded.CommuneB]);
        Assert.Equal(0, z.Where(kv => kv.Key != seeded.CommuneA && kv.Key != seeded.CommuneB).Sum(kv => kv.Value));
        var bubbles = await page.EvaluateAsync<string[]>("() => document.querySelector('[data-map=\"unit\"] .js-plotly-plot').data[1].customdata.map(c => c[0])");
        Assert.Equal([commune.Name], bubbles);
        Assert.Empty(browser.ExternalRequests);
    }
}

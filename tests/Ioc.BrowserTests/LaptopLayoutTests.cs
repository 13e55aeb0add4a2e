using System.Text.RegularExpressions;
using Ioc.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ioc.BrowserTests;

/// <summary>
/// A department head's day on an office laptop: the unit page, the dossier list and a dossier at
/// 1280×720, 1366×768 and 1920×1080, with no sideways scroll and at least ten list rows above the
/// fold; and a figure that opens a list of exactly that many dossiers.
/// </summary>
public sealed class LaptopLayoutTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    /// <summary>Neither the page nor a table in it scrolls sideways: every column of a list is in view.</summary>
    private static Task<bool> NoHorizontalScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("""
            () => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth
                && [...document.querySelectorAll('.mud-table-container')].every(c => c.scrollWidth <= c.clientWidth + 1)
            """);

    private static Task<int> RowsAboveTheFoldAsync(IPage page) =>
        page.EvaluateAsync<int>("() => [...document.querySelectorAll('[data-table=dossiers] [data-dossier]')].filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length");

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task UnitPagesAndDossier_AtLaptopSize_FitTheWidthAndShowTenRows(int width, int height)
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 30);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        var page = await browser.NewPageAsync(app.ServerAddress, width, height);
        await page.SignInAsync("lanhdao");

        // A commune's list: no children, so no unit column.
        await page.GotoAsync($"/units/{commune.Id}?w=month&tab=dossiers");
        await WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-table=dossiers] [data-dossier]")).ToHaveCountAsync(25);
        Assert.Equal(0, await page.Locator("[data-table=dossiers] th[data-column='Đơn vị']").CountAsync());
        Assert.True(await NoHorizontalScrollAsync(page), $"the commune's dossier list scrolls sideways at {width}×{height}");
        var communeRows = await RowsAboveTheFoldAsync(page);
        Assert.True(communeRows >= 10, $"{communeRows} rows above the fold at {width}×{height}");

        // The province's list: every unit's dossiers, with the unit column.
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?w=month&tab=dossiers");
        await WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-table=dossiers] [data-dossier]")).ToHaveCountAsync(25);
        Assert.Equal(1, await page.Locator("[data-table=dossiers] th[data-column='Đơn vị']").CountAsync());
        Assert.True(await NoHorizontalScrollAsync(page), $"the province's dossier list scrolls sideways at {width}×{height}");
        var provinceRows = await RowsAboveTheFoldAsync(page);
        Assert.True(provinceRows >= 10, $"{provinceRows} rows above the fold at {width}×{height}");

        foreach (var tab in new[] { "overview", "children", "procedures" })
        {
            await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?w=month&tab={tab}");
            await WaitForLiveAsync(page);
            Assert.True(await NoHorizontalScrollAsync(page), $"the unit page's {tab} tab scrolls sideways at {width}×{height}");
        }

        await page.GotoAsync($"/dossiers/{seeded.Codes[1]}?w=month");
        await Assertions.Expect(page.Locator("[data-verdict]")).ToBeVisibleAsync();
        Assert.True(await NoHorizontalScrollAsync(page), $"the dossier page scrolls sideways at {width}×{height}");
        output.WriteLine($"{width}×{height}: {communeRows} rows of the commune's list and {provinceRows} of the province's above the fold");
    }

    [Fact]
    public async Task ProcedureMonthlyFigure_OpensItsListWithTheSameCount_AndAllTimeIsAChoice()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 30);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        var page = await browser.NewPageAsync(app.ServerAddress, 1366, 768);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{commune.Id}?w=week&tab=procedures");
        await WaitForLiveAsync(page);

        var figureLink = page.Locator($"[data-table=procedures] tr:has([data-procedure-link='{seeded.Procedure.Code}']) [data-figure=received]");
        var figure = (await figureLink.TextContentAsync())!.Trim();
        Assert.NotEqual("0", figure);
        await figureLink.ClickAsync();
        // On a loaded machine the circuit may take a while to render the list after the navigation.
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 };
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"w=week&tab=dossiers&proc={seeded.Procedure.Id}$"));
        await Assertions.Expect(page.Locator("[data-dossier-total]")).ToHaveTextAsync($"{figure} hồ sơ", slow);
        await Assertions.Expect(page.Locator("[data-list-scope]")).ToContainTextAsync("Hồ sơ tiếp nhận từ 16/03/2026 đến 20/03/2026");
        Assert.Equal(int.Parse(figure, System.Globalization.CultureInfo.InvariantCulture), Math.Min(25, await page.Locator("[data-table=dossiers] [data-dossier]").CountAsync()));

        // "Toàn bộ thời gian" only as an explicit choice, shown in the URL and on the list.
        await page.Locator("[data-list-window=all]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("all=1"));
        await Assertions.Expect(page.Locator("[data-dossier-total]")).ToHaveTextAsync("15 hồ sơ", slow);
        await Assertions.Expect(page.Locator("[data-list-scope]")).ToHaveTextAsync("Hồ sơ tiếp nhận, toàn bộ thời gian");

        // A dossier keeps the window in its breadcrumbs.
        await page.Locator("[data-table=dossiers] [data-dossier-link]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-breadcrumbs] a[data-crumb]").First).ToHaveAttributeAsync("href", new Regex("w=week"), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task DepartmentHead_Breadcrumb_KeepsTheWindowAndDoesNotLinkAboveHisUnit()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app);
        var page = await browser.NewPageAsync(app.ServerAddress, 1366, 768);
        // chutich.xa heads the first commune by code: the seeded commune A.
        await page.SignInAsync("chutich.xa");
        await page.GotoAsync($"/dossiers/{seeded.Codes[0]}?w=month");
        await Assertions.Expect(page.Locator("[data-dossier-code]")).ToHaveTextAsync(seeded.Codes[0]);

        var links = await page.Locator("[data-breadcrumbs] a[data-crumb]").EvaluateAllAsync<string[]>("a => a.map(x => x.getAttribute('href'))");
        Assert.NotEmpty(links);
        Assert.DoesNotContain(links, h => h.StartsWith($"/units/{app.Catalog.Units.Root.Id}?", StringComparison.Ordinal));
        Assert.All(links, h => Assert.Contains("w=month", h));
        await Assertions.Expect(page.Locator("[data-breadcrumbs] [data-crumb-unlinked]")).ToHaveTextAsync(app.Catalog.Units.Root.ShortName);
    }
}

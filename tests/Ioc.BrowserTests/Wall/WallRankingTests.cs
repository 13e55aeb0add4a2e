using Ioc.Aggregation.Access;
using Ioc.Data.Reference;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ioc.BrowserTests.Wall;

/// <summary>
/// Nghệ An's 130 communes (the national list, through <see cref="ProvinceInit"/>) on the wall: the
/// ranking keeps its reading size and shows the top, the bottom and the count of the rest, or pages.
/// </summary>
public sealed class WallRankingTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static (TempFolder Folder, string Directory, int Communes) NgheAn()
    {
        var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "nghe-an");
        var result = ProvinceInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), "40", dir, TestPaths.ReferenceData);
        return (folder, dir, result.Communes + result.Wards + result.SpecialZones);
    }

    /// <summary>A display key's screen: the province has no demo accounts.</summary>
    private async Task<IPage> OpenWallAsync(IocAppFactory app, int width, int height, string scene)
    {
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình Nghệ An", "test");
        var page = await browser.NewPageAsync(app.ServerAddress, width, height);
        await page.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await page.GotoAsync($"/wall?scene={scene}");
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await WallPages.WaitForStylesAsync(page);
        return page;
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Wall_130Communes_TopAndBottomAtReadingSizeWithTheCountOfTheRest(int width, int height)
    {
        var (folder, dir, communes) = NgheAn();
        using var _ = folder;
        Assert.Equal(130, communes);
        await using var app = new IocAppFactory().With("ReferenceData:Directory", dir);
        var page = await OpenWallAsync(app, width, height, "communes");

        var ranking = page.Locator("[data-ranking=communes]");
        await Assertions.Expect(ranking).ToHaveAttributeAsync("data-ranking-total", "130");
        await Assertions.Expect(ranking.Locator("[data-rank-unit]")).ToHaveCountAsync(23);
        await Assertions.Expect(ranking.Locator("[data-ranking-hidden]")).ToHaveTextAsync("… và 107 đơn vị khác");
        // A province just brought in has no data yet: every commune is listed (by name), none is ranked.
        var ranks = await ranking.Locator("[data-rank-unit]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rank ?? '')");
        Assert.All(ranks, r => Assert.Equal("", r));
        Assert.All(await ranking.Locator("[data-rank-value]").AllInnerTextsAsync(), v => Assert.Equal("—", v));

        var texts = await WallPages.WallTextsAsync(page);
        var smallest = texts.Where(t => t.Top > 0.1 * height).MinBy(t => t.FontSize)!;
        output.WriteLine($"{width}×{height}: {texts.Count} texts, smallest {smallest.FontSize:0.#} px ({smallest.FontSize / height:P1}) '{smallest.Text}'");
        Assert.All(texts, t => Assert.True(t.FontSize >= 0.04 * height - 0.5, $"'{t.Text}' is {t.FontSize} px"));
        Assert.All(texts, t => Assert.True(t.Bottom <= height && t.Right <= width, $"'{t.Text}' ends at {t.Right}×{t.Bottom}"));
        await WallPages.ScreenshotAsync(page, $"nghe-an-communes-{width}x{height}");
    }

    [Fact]
    public async Task Wall_130CommunesConfiguredToPage_TurnsPagesInItsOwnTime()
    {
        var (folder, dir, _) = NgheAn();
        using var __ = folder;
        await using var app = new IocAppFactory().With("ReferenceData:Directory", dir)
            .With("Wall:Scenes:0:Key", "communes").With("Wall:Scenes:0:Title", "Xếp hạng xã, phường theo tỷ lệ hồ sơ trực tuyến")
            .With("Wall:Scenes:0:Kind", "Ranking").With("Wall:Scenes:0:UnitKinds:0", "Commune").With("Wall:Scenes:0:UnitKinds:1", "Ward")
            .With("Wall:Scenes:0:UnitKinds:2", "SpecialZone").With("Wall:Scenes:0:Indicator", "online-rate")
            .With("Wall:Scenes:0:Overflow", "Pages").With("Wall:Scenes:0:PageSeconds", "3");
        var page = await OpenWallAsync(app, 1920, 1080, "communes");

        var ranking = page.Locator("[data-ranking=communes]");
        await Assertions.Expect(page.Locator("[data-ranking-pager]")).ToHaveTextAsync("Trang 1/6 · 130 đơn vị");
        await Assertions.Expect(ranking.Locator("[data-rank-unit]")).ToHaveCountAsync(24);
        await Assertions.Expect(ranking.Locator("[data-ranking-hidden]")).ToHaveCountAsync(0);

        var firstOfPage1 = await ranking.Locator("[data-rank-unit]").First.GetAttributeAsync("data-rank-unit");
        await Assertions.Expect(page.Locator("[data-ranking-pager]")).ToHaveTextAsync("Trang 2/6 · 130 đơn vị", new() { Timeout = 6_000 });
        // No commune has data yet, so they stand in name order: page 2 starts with the 25th.
        var names = app.Catalog.Units.All.Where(u => u.IsLocal).Select(u => u.ShortName).Order(StringComparer.Ordinal).ToList();
        await Assertions.Expect(ranking.Locator(".wall-rank-name").First).ToHaveTextAsync(names[24]);
        Assert.NotEqual(firstOfPage1, await ranking.Locator("[data-rank-unit]").First.GetAttributeAsync("data-rank-unit"));
        var size = await ranking.Locator(".wall-rank-name").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(size >= 0.04 * 1080, $"{size} px");
    }
}

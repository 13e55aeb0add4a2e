using System.Text;
using Ioc.Testing;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Ioc.BrowserTests;

/// <summary>From the province down to one dossier and back, and exports that hold exactly the table's rows.</summary>
public sealed class DrillDownTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task DrillDown_ProvinceToDossierTimeline_WorksWithTheBackButton()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");

        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=children");
        await WaitForLiveAsync(page);
        await page.Locator("[data-table=children] [data-unit-link]", new() { HasText = commune.Name }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(commune.Name);
        await WaitForLiveAsync(page);

        // On a loaded machine the first click on the tab can land while the circuit is still busy: click until the table shows.
        var procedureLink = page.Locator($"[data-procedure-link='{seeded.Procedure.Code}']");
        for (var attempt = 0; attempt < 3 && !await procedureLink.IsVisibleAsync(); attempt++)
        {
            await page.Locator("[data-tab=procedures], .mud-tab:has-text('Thủ tục hành chính')").First.ClickAsync();
            try
            {
                await procedureLink.WaitForAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        await procedureLink.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"proc={seeded.Procedure.Id}"));
        var rows = page.Locator("[data-table=dossiers] [data-dossier]");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        var listUrl = page.Url;

        var code = await rows.First.GetAttributeAsync("data-dossier");
        await rows.First.Locator("[data-dossier-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-dossier-code]")).ToHaveTextAsync(code!);
        await Assertions.Expect(page.Locator("[data-timeline] li").First).ToContainTextAsync("Tiếp nhận hồ sơ");
        await Assertions.Expect(page.Locator("[data-verdict]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-breadcrumbs] [data-crumb]")).ToHaveCountAsync(4);

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(listUrl);
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(commune.Name);
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(app.Catalog.Units.Root.Name);
    }

    [Fact]
    public async Task Export_FilteredDossierList_XlsxAndCsvHoldExactlyTheTableRows()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{commune.Id}?tab=dossiers&status=Open&channel=Online");
        await WaitForLiveAsync(page);

        var shown = await page.Locator("[data-table=dossiers] [data-dossier]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.dossier)");
        Assert.NotEmpty(shown);
        Assert.True(shown.Length < seeded.Codes.Count / 2, "the filter should select a subset");

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-table=dossiers]").Page.Locator("[data-export=xlsx]").Last.ClickAsync());
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export=csv]").Last.ClickAsync());

        using (var stream = File.OpenRead(await xlsx.PathAsync()))
        {
            var codes = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r["Mã hồ sơ"]?.ToString()).ToArray();
            Assert.Equal(shown, codes);
        }
        var lines = (await File.ReadAllTextAsync(await csv.PathAsync(), Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã hồ sơ;Đơn vị;Thủ tục;Kênh;Trạng thái", lines[0]);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(';')[0]).ToArray());
        Assert.All(lines.Skip(1), l => Assert.Contains(";Trực tuyến;", l));
    }
}

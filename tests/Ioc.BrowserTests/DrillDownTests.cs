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
    public async Task ScoreCard_OnTimeLineLostPoints_LinkOpensExactlyTheLateDossiersOfTheWindow()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app);
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        // Two finished late (received six weeks ago, completed an hour ago) beside the seed's open ones past their due day.
        var longAgo = IngestHarness.DefaultNow.AddDays(-42);
        (await app.PostEventsAsync([.. new[] { "LATE-A", "LATE-B" }.SelectMany(code => new[]
        {
            Events.DossierReceived(code, commune.Code, seeded.Procedure.Code, longAgo, channel: "online", paidOnline: true, digitized: true),
            Events.Dossier(Ioc.Contracts.EventTypes.DossierProcessing, code, longAgo.AddHours(2)),
            Events.Dossier(Ioc.Contracts.EventTypes.DossierCompleted, code, IngestHarness.DefaultNow.AddHours(-1), electronicResult: true),
        })])).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{commune.Id}?w=year");
        await WaitForLiveAsync(page);

        // The card's line: "đạt / tổng số", and the link naming what it lost.
        var line = page.Locator("[data-score-line='2.1']");
        var parts = (await line.Locator("[data-score-parts]").TextContentAsync())!.Split('/').Select(p => int.Parse(p.Trim().Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var lost = parts[1] - parts[0];
        Assert.True(lost >= 3, $"the seed should lose 2.1 points: {parts[0]} / {parts[1]}");
        var link = line.Locator("[data-score-loss-link]");
        await Assertions.Expect(link).ToHaveTextAsync($"{lost} hồ sơ trễ hạn");
        // Lines that lost nothing (every result electronic) and the hotline's lines (no tickets here: no data) have no link.
        await Assertions.Expect(page.Locator("[data-score-line='6.2'] [data-score-loss-link]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-score-line='5.2'] [data-score-loss-link]")).ToHaveCountAsync(0);

        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("w=year&tab=dossiers.*lost=late"));
        await Assertions.Expect(page.Locator("[data-filter=lost]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-dossier-total]")).ToHaveTextAsync($"{lost} hồ sơ", new() { Timeout = 10_000 });
        var codes = await page.Locator("[data-table=dossiers] [data-dossier]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.dossier)");
        Assert.Contains("LATE-A", codes);
        Assert.Contains("LATE-B", codes);
        Assert.Empty(browser.ExternalRequests);
    }

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

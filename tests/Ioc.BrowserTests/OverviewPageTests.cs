using System.Text.RegularExpressions;
using Ioc.Contracts;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

public sealed class OverviewPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Overview_WithDossiers_ShowsProvinceNameAndNumericOnTimeRate()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune");
        var at = IngestHarness.DefaultNow.AddHours(-2);
        var response = await app.PostEventsAsync(
            Events.DossierReceived("QN-1", commune.Code, procedure.Code, at, channel: "in-person"),
            Events.DossierReceived("QN-2", commune.Code, procedure.Code, at, channel: "in-person"),
            Events.Dossier(EventTypes.DossierCompleted, "QN-1", at.AddHours(1)));
        response.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(app.Catalog.Units.Root.Name);
        var onTime = page.Locator("[data-kpi=on-time-rate] [data-kpi-value]");
        // Both dossiers are on time: one finished before its due date, one still within it.
        await Assertions.Expect(onTime).ToHaveTextAsync("100,0 %");
        await Assertions.Expect(page.Locator("[data-kpi=received-today] [data-kpi-value]")).ToHaveTextAsync("2");
        Assert.Matches(new Regex(@"^\d{1,3},\d %$"), await onTime.InnerTextAsync());
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task Overview_EveryFigureLeadsToItsListOrRanking_WithTheSameWindow()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app);
        // Two finished today: one completed, one returned; the figure counts both, so must the list.
        (await app.PostEventsAsync(
            Events.Dossier(EventTypes.DossierCompleted, seeded.Codes[2], IngestHarness.DefaultNow.AddMinutes(-30)),
            Events.Dossier(EventTypes.DossierReturned, seeded.Codes[3], IngestHarness.DefaultNow.AddMinutes(-20)))).EnsureSuccessStatusCode();
        var root = app.Catalog.Units.Root.Id;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");

        var links = await page.Locator("[data-kpi]").EvaluateAllAsync<string[][]>(
            "tiles => tiles.map(t => [t.dataset.kpi, t.querySelector('[data-kpi-link]')?.getAttribute('href') ?? ''])");
        var hrefs = links.ToDictionary(l => l[0], l => l[1]);
        Assert.All(hrefs, h => Assert.False(string.IsNullOrEmpty(h.Value), $"{h.Key} leads nowhere"));
        Assert.Equal($"units/{root}?w=today&tab=dossiers&status=Overdue", hrefs["overdue-now"]);
        Assert.Equal($"units/{root}?w=today&tab=dossiers", hrefs["received-today"]);
        Assert.Equal($"units/{root}?w=year&tab=children", hrefs["on-time-rate"]);
        Assert.Equal($"units/{root}?w=today&tab=dossiers&basis=finished", hrefs["finished-today"]);

        // "Đang giải quyết" opens the dossiers being processed now (not those waiting for the citizen), as many as it counts.
        var inProgress = await page.Locator("[data-kpi=in-progress] [data-kpi-value]").InnerTextAsync();
        Assert.NotEqual("0", inProgress);
        await page.Locator("[data-kpi=in-progress] [data-kpi-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=InProcessing"));
        await Assertions.Expect(page.Locator("[data-table=dossiers] [data-dossier]")).ToHaveCountAsync(int.Parse(inProgress, System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        await page.GoBackAsync();

        // "Hồ sơ đã giải quyết" today opens exactly the dossiers it counts.
        var finished = await page.Locator("[data-kpi=finished-today] [data-kpi-value]").InnerTextAsync();
        Assert.Equal("2", finished);
        await page.Locator("[data-kpi=finished-today] [data-kpi-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("basis=finished"));
        await Assertions.Expect(page.Locator("[data-table=dossiers] [data-dossier]")).ToHaveCountAsync(int.Parse(finished, System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        await page.GoBackAsync();

        // The overdue figure and the list it opens say the same number.
        var overdue = await page.Locator("[data-kpi=overdue-now] [data-kpi-value]").InnerTextAsync();
        await page.Locator("[data-kpi=overdue-now] [data-kpi-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Overdue"));
        await Assertions.Expect(page.Locator("[data-table=dossiers] [data-dossier]")).ToHaveCountAsync(int.Parse(overdue, System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
    }

    [Fact]
    public async Task Overview_TodayPanel_NamesTheWeakestUnitWithItsRateAndLinksToIt()
    {
        await using var app = new IocAppFactory().With("Dashboard:Attention:MinimumFinished", "1");
        var seeded = await DemoDossiers.PostAsync(app);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");

        var weakest = page.Locator("[data-attention-list=weakest] [data-attention-unit]");
        await Assertions.Expect(weakest).ToHaveCountAsync(2);
        var codes = await weakest.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.attentionUnit)");
        Assert.Equal(new[] { seeded.CommuneA, seeded.CommuneB }.Order(), codes.Order());
        Assert.Matches(new Regex(@"^\d{1,3},\d %$"), await weakest.First.Locator("[data-attention-value]").InnerTextAsync());
        await weakest.First.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/units/\d+\?w=year$"));
    }
}

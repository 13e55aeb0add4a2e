using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>The unit page's 766 card and Đề án 06 tab, driven in Chromium against posted events.</summary>
public sealed class ScoreCardPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task UnitPage_PopulationDataTab_ShowsTheSharesOfThePostedDossiers()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First();
        var procedure = app.Catalog.Procedures.Where(p => p.HandledBy == "commune" && p.OnlineLevel != OnlineLevel.None).OrderBy(p => p.Code, StringComparer.Ordinal).First();
        var at = IngestHarness.DefaultNow.AddHours(-3);
        // 8 dossiers, 6 online: 2 of 8 with population data (25,0 %), 3 of the 6 online through VNeID (50,0 %).
        var events = Enumerable.Range(0, 8).Select(i =>
        {
            var e = Events.DossierReceived($"{commune.Code}-D06-{i}", commune.Code, procedure.Code, at.AddMinutes(i), channel: i < 6 ? "online" : "in-person");
            e.PopulationData = i % 4 == 0 ? true : null;
            e.VneidAuthenticated = i < 3 ? true : null;
            return e;
        }).ToArray();
        (await app.PostEventsAsync(events)).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");

        // From the province's tab to the commune's, within the page: the commune has fewer tabs (no children, no map),
        // and it still opens on the Đề án 06 tab the link names.
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?w=today&tab=population-data");
        await WaitForLiveAsync(page);
        await page.Locator($"[data-table=population-data-units] [data-row='{commune.Id}'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/units/{commune.Id}\\?.*tab=population-data"));
        await Assertions.Expect(page.Locator(".mud-tab-active")).ToHaveTextAsync("Đề án 06");
        await Assertions.Expect(page.Locator("[data-tab=children]")).ToHaveCountAsync(0);

        await Assertions.Expect(page.Locator("[data-kpi=population-data] [data-kpi-value]")).ToHaveTextAsync("25,0 %");
        var row = page.Locator($"[data-table=population-data-procedures] [data-row='{procedure.Id}']");
        await Assertions.Expect(row.Locator("[data-cell=population-parts]")).ToHaveTextAsync("2 / 8");
        await Assertions.Expect(row.Locator("[data-cell=vneid]")).ToHaveTextAsync("50,0 %");

        // A click on another tab is a choice the URL keeps; Back returns to Đề án 06.
        await page.Locator(".mud-tab", new() { HasText = "Hồ sơ" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tab=dossiers"));
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator(".mud-tab-active")).ToHaveTextAsync("Đề án 06");
        await Assertions.Expect(page.Locator("[data-kpi=population-data] [data-kpi-value]")).ToHaveTextAsync("25,0 %");
    }
}

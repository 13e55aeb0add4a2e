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
}

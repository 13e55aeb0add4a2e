using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>An indicator crosses its line through the real ingest API: the open wall is interrupted and the unit's head is told, live.</summary>
public sealed class AlertTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The demo province's first commune by code (chutich.xa heads it, see DemoAccounts), known before an app (whose settings name it) exists.</summary>
    private static readonly string FirstCommune = Ioc.Data.Reference.ReferenceFiles.ReadUnits(TestPaths.ReferenceData)
        .Where(u => Ioc.Data.Reference.ReferenceFiles.ParseKind(u.Kind, u.Code) is Ioc.Domain.Units.UnitKind.Commune or Ioc.Domain.Units.UnitKind.Ward or Ioc.Domain.Units.UnitKind.SpecialZone)
        .OrderBy(u => u.Code, StringComparer.Ordinal).First().Code;

    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task BannerOnARotatingWall_SceneHoldsWhileItShowsAndRotationResumesAfter()
    {
        var communeCode = FirstCommune;
        await using var app = new IocAppFactory()
            .With("Alerts:Rules:0:Key", "on-time-commune")
            .With("Alerts:Rules:0:Name", "Tỷ lệ đúng hạn dưới 90 %")
            .With("Alerts:Rules:0:Unit", communeCode)
            .With("Alerts:Rules:0:Indicator", "on-time-rate")
            .With("Alerts:Rules:0:Threshold", "90")
            .With("Alerts:Rules:0:MinimumCount", "1")
            .With("Alerts:WallBannerSeconds", "8")
            .With("Wall:Scenes:0:Key", "province").With("Wall:Scenes:0:Title", "Toàn tỉnh").With("Wall:Scenes:0:Kind", "Tiles")
            .With("Wall:Scenes:0:Tiles:0", "received-today").With("Wall:Scenes:0:Seconds", "2")
            .With("Wall:Scenes:1:Key", "today").With("Wall:Scenes:1:Title", "Hôm nay").With("Wall:Scenes:1:Kind", "Tiles")
            .With("Wall:Scenes:1:Tiles:0", "overdue-now").With("Wall:Scenes:1:Seconds", "2");
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var wall = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await wall.SignInAsync("lanhdao");
        await wall.GotoAsync("/wall");
        await WaitForLiveAsync(wall);

        (await app.PostEventsAsync(Events.DossierReceived("ALERT-R", communeCode, procedure, IngestHarness.DefaultNow.AddDays(-60), channel: "in-person"))).EnsureSuccessStatusCode();
        var banner = wall.Locator("[data-alert-banner]");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // Scenes of two seconds: without the hold the scene under the banner would change twice in five seconds.
        var scenes = new HashSet<string>();
        for (var i = 0; i < 10 && await banner.IsVisibleAsync(); i++)
        {
            scenes.Add((await wall.Locator(".wall").GetAttributeAsync("data-scene"))!);
            await Task.Delay(500);
        }
        Assert.Single(scenes);
        await Assertions.Expect(banner).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(wall.Locator(".wall")).Not.ToHaveAttributeAsync("data-scene", scenes.Single(), new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task OnTimeRateFallsBelowLine_BannerOnOpenWallAndBellForTheCommuneHeadOnly()
    {
        // chutich.xa heads the first commune by code (see DemoAccounts); the rule names it before the app starts.
        var communeCode = FirstCommune;
        await using var app = new IocAppFactory()
            .With("Alerts:Rules:0:Key", "on-time-commune")
            .With("Alerts:Rules:0:Name", "Tỷ lệ đúng hạn dưới 90 %")
            .With("Alerts:Rules:0:Unit", communeCode)
            .With("Alerts:Rules:0:Indicator", "on-time-rate")
            .With("Alerts:Rules:0:Threshold", "90")
            .With("Alerts:Rules:0:MinimumCount", "1");
        var commune = app.Catalog.Units.FindByCode(communeCode)!;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var justice = Ioc.Web.Features.Account.DemoAccounts.For(app.Catalog).First(a => a.UserName == "giamdoc.sotuphap").UnitId!.Value;

        var wall = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await wall.SignInAsync("lanhdao");
        await wall.GotoAsync("/wall?scene=province");
        var head = await browser.NewPageAsync(app.ServerAddress);
        await head.SignInAsync("chutich.xa");
        await head.GotoAsync($"/units/{commune.Id}");
        var otherHead = await browser.NewPageAsync(app.ServerAddress);
        await otherHead.SignInAsync("giamdoc.sotuphap");
        await otherHead.GotoAsync($"/units/{justice}");
        await WaitForLiveAsync(wall);
        await WaitForLiveAsync(head);
        await Assertions.Expect(wall.Locator("[data-alert-banner]")).ToHaveCountAsync(0);
        await Assertions.Expect(head.Locator("[data-alert-bell]")).ToBeVisibleAsync();
        await Assertions.Expect(head.Locator("[data-alert-count]")).ToHaveCountAsync(0);

        // Received two months ago and still open: late, so the commune's on-time rate today is 0 %.
        (await app.PostEventsAsync(Events.DossierReceived("ALERT-1", commune.Code, procedure, IngestHarness.DefaultNow.AddDays(-60), channel: "in-person"))).EnsureSuccessStatusCode();

        var banner = wall.Locator("[data-alert-banner]");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(banner.Locator("[data-alert-unit]")).ToHaveTextAsync(commune.Name);
        await Assertions.Expect(banner.Locator("[data-alert-figure]")).ToHaveTextAsync("0,0 %");
        // The app's clock stands at 12:00 province time.
        await Assertions.Expect(banner.Locator("[data-alert-since]")).ToHaveTextAsync("từ 12:00");
        await Assertions.Expect(banner).ToContainTextAsync("Tỷ lệ đúng hạn dưới 90 %");
        // Read from five metres: the unit's name at least 4 % of the screen's height, the figure larger still.
        var unitPx = await banner.Locator("[data-alert-unit]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        var figurePx = await banner.Locator("[data-alert-figure]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(unitPx >= 0.04 * 1080, $"unit name {unitPx}px");
        Assert.True(figurePx >= 0.1 * 1080, $"figure {figurePx}px");

        await Assertions.Expect(head.Locator("[data-alert-count]")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await head.Locator("[data-alert-bell] .alert-bell-button").ClickAsync();
        var item = head.Locator("[data-alert-list] [data-alert]");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item.Locator("[data-alert-unit]")).ToHaveTextAsync(commune.Name);
        await Assertions.Expect(item.Locator("[data-alert-figure]")).ToHaveTextAsync("0,0 %");

        // The moment is marked on the unit's trend chart: a dashed line at this month, labelled with the rule.
        await head.GotoAsync($"/units/{commune.Id}?tab=trends");
        var plot = "document.querySelector('[data-chart=unit-trend] .js-plotly-plot')";
        await head.WaitForFunctionAsync($"() => {plot}?.layout?.shapes?.length === 1");
        Assert.Equal("03/2026", await head.EvaluateAsync<string>($"() => {plot}.layout.shapes[0].x0"));
        Assert.Equal("⚠ Tỷ lệ đúng hạn dưới 90 %", await head.EvaluateAsync<string>($"() => {plot}.layout.annotations[0].text"));

        // The head acknowledges from the bell: the row says who and when, and the wall's banner goes away.
        await Assertions.Expect(head.Locator("[data-alert-bell][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await head.Locator("[data-alert-bell] .alert-bell-button").ClickAsync();
        await head.Locator("[data-alert-list] [data-action=acknowledge]").ClickAsync();
        await Assertions.Expect(head.Locator("[data-alert-list] [data-alert-acknowledged]")).ToBeVisibleAsync();
        await Assertions.Expect(wall.Locator("[data-alert-banner]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        var row = Assert.Single(await app.Services.GetRequiredService<Ioc.Aggregation.Alerts.AlertStore>().RecentAsync());
        Assert.Equal(("chutich.xa", (long?)null), (row.AcknowledgedBy, row.ClearedAt));

        // The justice department's head sees nothing of a commune's alert.
        await Assertions.Expect(otherHead.Locator("[data-alert-bell]")).ToBeVisibleAsync();
        await Assertions.Expect(otherHead.Locator("[data-alert-count]")).ToHaveCountAsync(0);
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task AdminPage_BadRuleRefusedWithMessages_GoodRuleStoredBesideReadOnlySettingsRule()
    {
        await using var app = new IocAppFactory()
            .With("Alerts:Rules:0:Key", "province-on-time")
            .With("Alerts:Rules:0:Name", "Toàn tỉnh: đúng hạn dưới 95 %")
            .With("Alerts:Rules:0:Threshold", "95");
        var justice = Ioc.Web.Features.Account.DemoAccounts.For(app.Catalog).First(a => a.UserName == "giamdoc.sotuphap").UnitId!.Value;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("quantri");
        await page.GotoAsync("/admin/alerts");
        await Assertions.Expect(page.Locator("[data-alert-bell][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var rows = page.Locator("[data-table=alert-rules] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        // A rule from settings is listed but cannot be edited here.
        await Assertions.Expect(rows.First.Locator("[data-action]")).ToHaveCountAsync(0);

        await page.Locator("[data-field=unit]").FillAsync("KHONG-CO");
        await page.Locator("[data-field=threshold]").FillAsync("120");
        await page.Locator("[data-field=threshold]").PressAsync("Tab");
        await page.Locator("[data-action=save-rule]").ClickAsync();

        var errors = page.Locator("[data-rule-errors] li");
        await Assertions.Expect(errors).ToHaveTextAsync(["Hãy đặt tên cho quy tắc.", "Không có đơn vị mã KHONG-CO.", "Ngưỡng của một tỷ lệ phải từ 0 đến 100 %."]);
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.Locator("[data-field=name]").FillAsync("Sở Tư pháp: quá hạn trên 5");
        await page.Locator("[data-field=unit]").FillAsync(app.Catalog.Units[justice].Code);
        await page.Locator("[data-field=indicator]").SelectOptionAsync("overdue");
        await page.Locator("[data-field=direction]").SelectOptionAsync("Above");
        await page.Locator("[data-field=threshold]").FillAsync("5");
        await page.Locator("[data-field=threshold]").PressAsync("Tab");
        await page.Locator("[data-action=save-rule]").ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-rule-errors]")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Hồ sơ quá hạn (Hôm nay) trên 5");
        await Assertions.Expect(rows.Nth(1).Locator("[data-rule-state]")).ToHaveTextAsync("Đang bật");
        var stored = await app.Services.GetRequiredService<Ioc.Aggregation.Alerts.AlertStore>().RulesAsync();
        Assert.Equal(("Sở Tư pháp: quá hạn trên 5", 5.0, app.Catalog.Units[justice].Code), (stored[1].Rule.Name, stored[1].Rule.Threshold, stored[1].Rule.Unit));
    }

    [Fact]
    public async Task AdminPage_AlertFiresAndClears_RowAppearsAndChangesStateWithoutReload()
    {
        var communeCode = FirstCommune;
        await using var app = new IocAppFactory()
            .With("Alerts:Rules:0:Key", "on-time-commune")
            .With("Alerts:Rules:0:Name", "Tỷ lệ đúng hạn dưới 90 %")
            .With("Alerts:Rules:0:Unit", communeCode)
            .With("Alerts:Rules:0:Threshold", "90")
            .With("Alerts:Rules:0:MinimumCount", "1");
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("quantri");
        await page.GotoAsync("/admin/alerts");
        await Assertions.Expect(page.Locator("[data-alert-bell][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var alerts = page.Locator("[data-table=alerts] tbody tr[data-alert]");
        await Assertions.Expect(alerts).ToHaveCountAsync(0);

        (await app.PostEventsAsync(Events.DossierReceived("ADMIN-LATE", communeCode, procedure, IngestHarness.DefaultNow.AddDays(-60), channel: "in-person"))).EnsureSuccessStatusCode();
        await Assertions.Expect(alerts).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(alerts.First).ToHaveAttributeAsync("data-alert-state", "firing");
        await Assertions.Expect(alerts.First).ToContainTextAsync("0,0 %");

        // Twenty on time of 21 (95,2 %): the monitor clears it by the figure; the row says so without a reload.
        (await app.PostEventsAsync([.. Enumerable.Range(1, 20).Select(i => Events.DossierReceived($"ADMIN-OK-{i}", communeCode, procedure, IngestHarness.DefaultNow.AddMinutes(-30), channel: "in-person"))])).EnsureSuccessStatusCode();
        await Assertions.Expect(alerts.First).ToHaveAttributeAsync("data-alert-state", "cleared", new() { Timeout = 10_000 });
        Assert.Empty(browser.ExternalRequests);
    }
}

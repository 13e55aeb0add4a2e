using Ioc.Contracts;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>The documents tab, a document's page and the documents wall scene in a real Chromium, updating live.</summary>
public sealed class DocumentsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddDays(-4);

    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    private static IngestEvent Received(string code, string unit, DateTimeOffset at, DateTimeOffset? due = null) => new()
    {
        Id = Events.NewId(), Type = EventTypes.DocumentReceived, OccurredAt = at, Document = code, Unit = unit, Electronic = true, DueAt = due,
        Subject = "V/v báo cáo công tác chuyển đổi số",
    };

    private static async Task<Unit> SeedAsync(IocAppFactory app)
    {
        var justice = app.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Name.Contains("Tư pháp", StringComparison.Ordinal));
        (await app.PostEventsAsync(
            Received("VB-A", justice.Code, At, due: At.AddDays(1)),
            Received("VB-B", justice.Code, At.AddMinutes(5), due: At.AddDays(10)),
            Received("VB-C", justice.Code, At.AddMinutes(10)),
            new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentProcessed, OccurredAt = At.AddHours(3), Document = "VB-C" },
            new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentIssued, OccurredAt = At, Document = "VB-D", Unit = justice.Code, Electronic = true, DigitallySigned = true })).EnsureSuccessStatusCode();
        return justice;
    }

    [Fact]
    public async Task DocumentsTab_OverdueFigureOpensItsListAndADocument_AndUpdatesLive()
    {
        await using var app = new IocAppFactory();
        var justice = await SeedAsync(app);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync($"/units/{justice.Id}?w=month&tab=documents");
        await WaitForLiveAsync(page);

        await Assertions.Expect(page.Locator("[data-kpi=documents-received] [data-kpi-value]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-kpi=documents-overdue] [data-kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-table=documents] [data-document]")).ToHaveCountAsync(3);

        await page.Locator("[data-kpi=documents-overdue] [data-kpi-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("dview=overdue"));
        var rows = page.Locator("[data-table=documents] [data-document]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-document", "VB-A");

        // A document received now reaches the open tab without a reload.
        await page.Locator("[data-kpi=documents-received] [data-kpi-link]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        (await app.PostEventsAsync(Received("VB-E", justice.Code, IngestHarness.DefaultNow.AddMinutes(-5)))).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("[data-kpi=documents-received] [data-kpi-value]")).ToHaveTextAsync("4", new() { Timeout = 15_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(4);

        await page.Locator("[data-document=VB-A] [data-document-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-document-code]")).ToHaveTextAsync("VB-A");
        await Assertions.Expect(page.Locator("[data-timeline] li").First).ToContainTextAsync("Tiếp nhận văn bản đến");
        await Assertions.Expect(page.Locator("[data-verdict]")).ToContainTextAsync("Quá hạn");
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task WallDocumentsScene_ShowsTodaysFiguresAndUpdatesLive()
    {
        await using var app = new IocAppFactory();
        var justice = await SeedAsync(app);
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=documents");
        await Assertions.Expect(page.Locator("[data-documents-scene]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-documents=overdue]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-documents=received]")).ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"));
        // A count of one overdue document is read off whole-number ticks, each once (not 0, 1, 1, 2).
        var overdueTicks = page.Locator("[data-chart=wall-documents-overdue] .xtick text");
        await Assertions.Expect(overdueTicks.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var ticks = await overdueTicks.AllTextContentsAsync();
        Assert.Equal(ticks.Distinct().Count(), ticks.Count);
        Assert.Equal(["0", "1"], ticks.Take(2));

        (await app.PostEventsAsync(Received("VB-F", justice.Code, IngestHarness.DefaultNow.AddMinutes(-5)))).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("[data-documents=received]")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        Assert.Empty(browser.ExternalRequests);
    }
}

using System.Globalization;
using System.Net.Http.Json;
using Ioc.Aggregation.Tests.Publishing;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Playwright;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>
/// The production layout: the aggregation service in its own process, the web process pointed at it
/// with Kpi:HubUrl, one SQLite file. The service goes down while an operator works, and comes back.
/// </summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineTwoProcessTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ServiceKey = "two-process-hotline-service-key-0123456789";

    [Fact]
    public async Task BulkReject_AggregationServiceDown_MessageInPlaceNothingStored_RetryWithTheKeyOnceItIsBack()
    {
        using var folder = TestPaths.NewTempFolder();
        var database = folder.File("shared.db");
        var aggregation = new AggregationHost(database, ServiceKey);
        aggregation.StartServer();
        var port = aggregation.Address.Port;
        try
        {
            await using var web = new IocAppFactory { UseManualClock = false }
                .With("Database:Path", database)
                .With("Kpi:HubUrl", new Uri(aggregation.Address, KpiHubContract.Path).ToString())
                .With("Kpi:ServiceKey", ServiceKey);
            _ = web.ServerAddress;
            var commune = web.Catalog.Units.All.First(u => u.IsLocal).Code;
            var now = DateTimeOffset.UtcNow;
            await PostAsync(aggregation,
                Events.TicketCreated("W-1", now.AddMinutes(-30), text: "alo alo", commune: commune),
                Events.TicketCreated("W-2", now.AddMinutes(-20), text: "Vay tiền nhanh lãi suất thấp", commune: commune),
                Events.TicketCreated("W-3", now.AddMinutes(-10), text: "Cống thoát nước trước nhà bị tắc", commune: commune));
            var page = await browser.NewPageAsync(web.ServerAddress);
            await page.SignInAsync("tongdai", returnUrl: "/hotline");
            await page.OpenHotlineAsync("/hotline/W-1");
            await page.Keyboard.PressAsync("x");
            await page.Keyboard.PressAsync("j");
            await page.Keyboard.PressAsync("x");
            await Assertions.Expect(page.Locator("[data-bulk-bar]")).ToContainTextAsync("Đã chọn 2 phiếu");

            // The service stops; the operator rejects both as spam.
            await aggregation.DisposeAsync();
            await page.Keyboard.PressAsync("Shift+S");
            await Assertions.Expect(page.Locator("form[data-triage-form=Reject] [data-bulk-count]")).ToHaveAttributeAsync("data-bulk-count", "2");
            await page.Keyboard.PressAsync("Control+Enter");

            var failure = page.Locator("[data-action-failure]");
            await Assertions.Expect(failure).ToContainTextAsync("máy chủ xử lý đang không phản hồi", new() { Timeout = 20_000 });
            await Assertions.Expect(failure).ToHaveAttributeAsync("data-failed-tickets", "W-1 W-2");
            await Assertions.Expect(page.Row("W-1").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "New");
            await Assertions.Expect(page.Row("W-2").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "New");
            await Assertions.Expect(page.Locator("[data-bulk-bar]")).ToContainTextAsync("Đã chọn 2 phiếu");
            // Still a working page: the circuit lives, keys move the selection, nothing is greyed out for good.
            await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("j");
            await Assertions.Expect(page.Row("W-3")).ToHaveAttributeAsync("aria-selected", "true");
            await Assertions.Expect(failure.Locator("[data-retry]")).ToBeEnabledAsync();

            // The service is back where the web process expects it; "l" sends the same action again, once.
            aggregation = new AggregationHost(port, database, ServiceKey);
            aggregation.StartServer();
            await page.Keyboard.PressAsync("l");

            await Assertions.Expect(failure).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Từ chối: đã cập nhật 2 phiếu." })).ToBeVisibleAsync();
            await Assertions.Expect(page.Row("W-1")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Row("W-2")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Row("W-3")).ToBeVisibleAsync();
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
            db.Open();
            using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Events WHERE EntityCode IN ('W-1', 'W-2') AND Type = '" + EventTypes.TicketRejected + "'";
            Assert.Equal(2L, (long)count.ExecuteScalar()!);
        }
        finally
        {
            await aggregation.DisposeAsync();
        }
    }

    private static async Task PostAsync(AggregationHost aggregation, params IngestEvent[] events)
    {
        using var api = new HttpClient { BaseAddress = aggregation.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", IocAppFactory.TestSourceKey);
        using var response = await api.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [.. events] });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

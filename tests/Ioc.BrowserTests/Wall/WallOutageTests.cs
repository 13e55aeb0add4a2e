using Ioc.Aggregation.Publishing;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Wall;

/// <summary>A dead wall looks dead: it dims, says since when in large letters, its clock shows the outage, and it comes back by itself.</summary>
public sealed class WallOutageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Overlay(IPage page) => page.Locator("[data-wall-dead-overlay]");

    [Fact]
    public async Task Wall_ServerStopped_DimsWithTheLastUpdateTimeAndRecoversWhenTheServerReturns()
    {
        using var folder = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var database = folder.File("ioc.db");
        var first = new IocAppFactory(port, database);
        var page = await browser.NewPageAsync(first.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=province");
        await WallPages.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator(".wall[data-wall-watch]")).ToHaveCountAsync(1);
        await Assertions.Expect(Overlay(page)).ToBeHiddenAsync();

        await first.DisposeAsync();
        var lastUpdate = await page.Locator("[data-updated-time]").InnerTextAsync();

        await Assertions.Expect(Overlay(page)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-wall-dead-message]")).ToHaveTextAsync($"Mất kết nối — dữ liệu cập nhật lần cuối lúc {lastUpdate}");
        var messageSize = await page.Locator("[data-wall-dead-message]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(messageSize >= 0.06 * 1080, $"the outage is said in {messageSize} px letters");
        // Everything else is dimmed; the clock is not frozen: it goes on by itself and says since when the wall is cut off.
        Assert.Contains("brightness", await page.Locator(".wall-body").EvaluateAsync<string>("e => getComputedStyle(e).filter"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-wall-clock-outage]")).ToContainTextAsync("Mất kết nối từ");
        var clock = page.Locator("[data-wall-clock-local]");
        var before = await clock.InnerTextAsync();
        await Assertions.Expect(clock).Not.ToHaveTextAsync(before, new() { Timeout = 3_000 });
        await WallPages.ScreenshotAsync(page, "outage-1920x1080");

        await using var second = new IocAppFactory(port, database);
        _ = second.ServerAddress;

        // Nobody touches the screen: it reconnects (a new page, as the server no longer knows the circuit) and is live again.
        await Assertions.Expect(Overlay(page)).ToBeHiddenAsync(new() { Timeout = 45_000 });
        await WallPages.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator(".wall[data-wall-dead]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Wall_HubFallsSilentWhileThePageStaysConnected_DimsAfterTheConfiguredTime()
    {
        await using var app = new IocAppFactory().With("Kpi:HeartbeatSeconds", "1").With("Wall:DeadAfterSeconds", "4");
        var page = await browser.NewPageAsync(app.ServerAddress, 3840, 2160);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=province");
        await WallPages.WaitForLiveAsync(page);
        await Task.Delay(5_000);
        await Assertions.Expect(Overlay(page)).ToBeHiddenAsync();

        await app.Services.GetRequiredService<KpiPublisher>().StopAsync(CancellationToken.None);

        await Assertions.Expect(Overlay(page)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-wall-dead-message]")).ToContainTextAsync("Mất kết nối — dữ liệu cập nhật lần cuối lúc ");
        // The circuit is alive: the reconnect banner never showed; the silence alone dimmed the wall.
        await Assertions.Expect(page.Locator("#components-reconnect-modal.visible")).ToHaveCountAsync(0);
        var size = await page.Locator("[data-wall-dead-message]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(size >= 0.06 * 2160, $"{size} px at 4K");
        await WallPages.ScreenshotAsync(page, "silent-3840x2160");
    }
}

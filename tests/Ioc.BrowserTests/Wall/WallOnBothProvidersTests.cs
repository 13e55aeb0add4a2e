using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Wall;

/// <summary>A screen opened with its display key, on each provider: its first render may come before its data does.</summary>
public sealed class WallOnBothProvidersTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Wall_OpenedWithADisplayKey_WatchesItsServerAndFollowsEvents(string provider)
    {
        await using var app = await new IocAppFactory().OnProviderAsync(provider);
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 1);
        // A key the server has never read: on PostgreSQL its playlist read does not complete at once, so the
        // page's first interactive render may draw nothing. When the read outlasted that render's round trip
        // (a busy node, a wall reopened on another node), the browser's watcher was started on no element and
        // the circuit ended: a wall that looked live and never changed again. Here the read is usually quick;
        // the multi-node test's failover is where it was caught.
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng điều hành", "test");
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await WallPages.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator(".wall[data-wall-watch]")).ToBeAttachedAsync();
        var received = page.Locator("[data-tile=received-today] [data-tile-value]");
        var before = int.Parse(await received.InnerTextAsync());

        (await app.PostEventsAsync(Events.DossierReceived("WALL-P-1", seeded.CommuneA, seeded.Procedure.Code, IngestHarness.DefaultNow.AddMinutes(-5)))).EnsureSuccessStatusCode();

        await Assertions.Expect(received).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 10_000 });
    }
}

using System.Diagnostics;
using Ioc.Aggregation.Publishing;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ioc.BrowserTests;

/// <summary>Live numbers in a real Chromium: they change in place, survive a server restart, and say when they are stale.</summary>
public sealed class LiveUpdateTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    private static ILocator ReceivedToday(IPage page) => page.Locator("[data-kpi=received-today] [data-kpi-value]");

    /// <summary>The stamp is rendered by the circuit (not prerendered) and carries a time once the hub has spoken.</summary>
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task Overview_EventPosted_NumberChangesWithoutReload()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");
        await WaitForLiveAsync(page);
        await Assertions.Expect(ReceivedToday(page)).ToHaveTextAsync("0");
        await page.EvaluateAsync("() => window.__sameDocument = 42");

        (await app.PostEventsAsync(Events.DossierReceived("L-1", commune, procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        await Assertions.Expect(ReceivedToday(page)).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        output.WriteLine($"Event to screen: {clock.ElapsedMilliseconds} ms (includes Playwright's polling).");

        // Rendered by the live update, not the prerender: still vi-VN (a hub thread's culture must not leak in).
        await Assertions.Expect(page.Locator("[data-kpi=on-time-rate] [data-kpi-value]")).ToHaveTextAsync("100,0 %");
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        Assert.Empty(browser.ExternalRequests);
    }

    /// <summary>
    /// The web process's one hub link hears every stream any page watches, several messages a second. The page's
    /// number follows each receipt, but its live stamp (the time of the link's last message) changes at most once a
    /// second: before, every message re-rendered the stamp of every open page (27–33 changes in these 6 s).
    /// </summary>
    [Fact]
    public async Task Overview_BurstOfReceipts_NumberCountsEachAndTheStampMovesAtMostOnceASecond()
    {
        await using var app = new IocAppFactory();
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var communes = app.Catalog.Units.All.Where(u => u.Kind == Ioc.Domain.Units.UnitKind.Commune).Take(25).ToList();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");
        await WaitForLiveAsync(page);
        await page.EvaluateAsync("""
            () => {
              window.__stampChanges = 0;
              new MutationObserver(records => window.__stampChanges += records.length)
                .observe(document.querySelector('[data-live-stamp]'), { attributes: true, attributeFilter: ['data-updated-at'] });
            }
            """);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < communes.Count; i++)
        {
            (await app.PostEventsAsync(Events.DossierReceived($"B-{i}", communes[i].Code, procedure, At, channel: "online"))).EnsureSuccessStatusCode();
            await Task.Delay(200);
        }
        await Assertions.Expect(ReceivedToday(page)).ToHaveTextAsync(communes.Count.ToString(), new() { Timeout = 10_000 });
        var changes = await page.EvaluateAsync<int>("() => window.__stampChanges");
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"{changes} stamp changes in {seconds:F1} s");
        Assert.InRange(changes, 1, (int)Math.Ceiling(seconds) + 1);
    }

    [Fact]
    public async Task Overview_ServerRestartedOnSamePort_RecoversAndShowsLiveNumbersAgain()
    {
        using var folder = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var database = folder.File("ioc.db");
        var first = new IocAppFactory(port, database);
        var commune = first.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = first.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var page = await browser.NewPageAsync(first.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");
        await WaitForLiveAsync(page);

        await first.DisposeAsync();
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Task.Delay(1_000);

        await using var second = new IocAppFactory(port, database);
        _ = second.ServerAddress;
        (await second.PostEventsAsync(Events.DossierReceived("R-1", commune, procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();

        // No one touches the page: it reconnects, finds its circuit gone, reloads itself and goes live again.
        await Assertions.Expect(ReceivedToday(page)).ToHaveTextAsync("1", new() { Timeout = 45_000 });
        await WaitForLiveAsync(page);
        (await second.PostEventsAsync(Events.DossierReceived("R-2", commune, procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();
        await Assertions.Expect(ReceivedToday(page)).ToHaveTextAsync("2", new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Overview_FeedStopped_StampTurnsRedAndSaysDataMayBeStale()
    {
        await using var app = new IocAppFactory().With("Kpi:HeartbeatSeconds", "1").With("Kpi:StaleAfterSeconds", "4");
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");
        await WaitForLiveAsync(page);
        var stale = page.Locator("[data-live-stamp] .live-stale-message");
        await Assertions.Expect(stale).ToBeHiddenAsync();

        await app.Services.GetRequiredService<KpiPublisher>().StopAsync(CancellationToken.None);

        await Assertions.Expect(stale).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(stale).ToHaveTextAsync("· Dữ liệu có thể đã cũ");
        var color = await page.Locator("[data-live-stamp]").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgb(198, 40, 40)", color);
    }
}

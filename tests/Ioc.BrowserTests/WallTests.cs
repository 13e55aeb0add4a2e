using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>The operations-room wall at 1920×1080 in a real Chromium.</summary>
public sealed class WallTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task Wall_FullHd_ShowsProvinceIndicatorsWithoutScrollbarsAndUpdatesLive()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 4);
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=province");
        await WaitForLiveAsync(page);

        var received = page.Locator("[data-tile=received-today] [data-tile-value]");
        var before = await received.InnerTextAsync();
        await Assertions.Expect(page.Locator("[data-tile=on-time-rate-year] [data-tile-value]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,3},\d %$"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"));
        await page.EvaluateAsync("() => window.__sameDocument = 7");

        (await app.PostEventsAsync(Events.DossierReceived("WALL-1", seeded.CommuneA, seeded.Procedure.Code, IngestHarness.DefaultNow.AddMinutes(-5)))).EnsureSuccessStatusCode();

        await Assertions.Expect(received).ToHaveTextAsync((int.Parse(before) + 1).ToString(), new() { Timeout = 10_000 });
        Assert.Equal(7, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        Assert.Empty(browser.ExternalRequests);
    }

    /// <summary>
    /// The browser ticks the wall's seconds (the server renders the clock once a minute, not once a second per wall), but
    /// the time is the server's: a screen whose computer is set to another time zone, and to another day, still shows
    /// the province's time and date (the test app's clock stands at 12:00 on 20 March 2026, UTC+7).
    /// </summary>
    [Fact]
    public async Task Wall_ScreenInAnotherTimeZone_ClockShowsTheProvincesTimeAndTicksEverySecond()
    {
        await using var app = new IocAppFactory();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "vi-VN",
            TimezoneId = "America/New_York",
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=province");
        await WaitForLiveAsync(page);

        var clock = page.Locator("[data-wall-clock-local]");
        await Assertions.Expect(clock).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-wall-clock] .wall-time:not(.wall-time-local)")).ToBeHiddenAsync();
        await Assertions.Expect(clock).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^12:0\d:\d\d$"));
        await Assertions.Expect(page.Locator("[data-wall-clock] .wall-date")).ToHaveTextAsync("Thứ Sáu, 20/03/2026");
        var first = await clock.InnerTextAsync();
        await Assertions.Expect(clock).Not.ToHaveTextAsync(first, new() { Timeout = 2_500 });
        var second = await clock.InnerTextAsync();
        var elapsed = TimeSpan.Parse(second, System.Globalization.CultureInfo.InvariantCulture) - TimeSpan.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(elapsed == TimeSpan.FromSeconds(1), $"the clock went from {first} to {second}");
    }

    /// <summary>
    /// The year's snapshot does not render the wall by itself (it moves with today's, a few milliseconds apart, and
    /// rendered on its own it doubled the wall's renders): a change to the year alone still reaches the screen, at the
    /// next second's tick.
    /// </summary>
    [Fact]
    public async Task Wall_EventOfYesterday_YearTileChangesWhileTodayStaysTheSame()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=province");
        await WaitForLiveAsync(page);
        var online = page.Locator("[data-tile=online-rate-year] [data-tile-value]");
        await Assertions.Expect(online).ToHaveTextAsync("—");

        (await app.PostEventsAsync(Events.DossierReceived("Y-1", commune, procedure, IngestHarness.DefaultNow.AddDays(-1), channel: "online"))).EnsureSuccessStatusCode();

        await Assertions.Expect(online).ToHaveTextAsync("100,0 %", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-tile=received-today] [data-tile-value]")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Wall_Unpinned_RotatesThroughScenesOnItsOwn()
    {
        await using var app = new IocAppFactory().With("Wall:RotateSeconds", "5");
        await DemoDossiers.PostAsync(app, perCommune: 2);
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall");
        await WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-scene=province]")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("[data-scene=departments]")).ToBeVisibleAsync(new() { Timeout = 12_000 });
        await Assertions.Expect(page.Locator("[data-ranking=departments] [data-rank-unit]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-scene=communes]")).ToBeVisibleAsync(new() { Timeout = 12_000 });
    }

    [Fact]
    public async Task Wall_PinnedCommunesScene_TopAndBottomOfTheDemoCommunesOnOneScreenAt4K()
    {
        await using var app = new IocAppFactory();
        await DemoDossiers.PostAsync(app, perCommune: 2);
        var page = await browser.NewPageAsync(app.ServerAddress, 3840, 2160);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall?scene=communes");
        await WaitForLiveAsync(page);

        var communes = app.Catalog.Units.All.Count(u => u.IsLocal);
        var rows = page.Locator("[data-ranking=communes] [data-rank-unit]");
        // More communes than rows at reading size: the top 12, the bottom 11 and how many are between.
        await Assertions.Expect(rows).ToHaveCountAsync(23);
        await Assertions.Expect(page.Locator("[data-ranking-hidden]")).ToHaveTextAsync($"… và {communes - 23} đơn vị khác");
        // Two communes have dossiers and are ranked; the others have no data: listed last, unranked, a dash for the figure.
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-rank", "1");
        await Assertions.Expect(rows.Last.Locator(".wall-rank")).ToHaveTextAsync("—");
        await Assertions.Expect(rows.Last.Locator("[data-rank-value]")).ToHaveTextAsync("—");
        // Every row is inside the viewport: nothing hides below the fold on a wall.
        var lastBottom = await rows.Last.EvaluateAsync<double>("e => e.getBoundingClientRect().bottom");
        Assert.True(lastBottom <= 2160, $"last row ends at {lastBottom}px");
    }
}

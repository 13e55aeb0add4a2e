using System.Text.Json;
using Ioc.Aggregation.Access;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ioc.BrowserTests.Wall;

/// <summary>Scenes with their own rhythm: own durations, a day and a night schedule, playlists bound to display keys, settings changed under open walls.</summary>
[Collection(SerialCollection.Name)]
public sealed class WallRhythmTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>Scene <paramref name="i"/> as settings: a tiles scene with one tile.</summary>
    private static IocAppFactory Scene(IocAppFactory app, int i, string key, string title, params (string Key, string Value)[] more)
    {
        app.With($"Wall:Scenes:{i}:Key", key).With($"Wall:Scenes:{i}:Title", title).With($"Wall:Scenes:{i}:Kind", "Tiles").With($"Wall:Scenes:{i}:Tiles:0", "received-today");
        foreach (var (k, v) in more)
        {
            app.With($"Wall:Scenes:{i}:{k}", v);
        }
        return app;
    }

    [Fact]
    public async Task Wall_ScenesWithTheirOwnSeconds_EachStaysItsOwnTime()
    {
        var app = new IocAppFactory();
        Scene(app, 0, "short", "Cảnh ngắn", ("Seconds", "2"));
        Scene(app, 1, "long", "Cảnh dài", ("Seconds", "6"));
        await using var _ = app;
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall");
        await WallPages.WaitForLiveAsync(page);
        // The browser notes when each scene appears, by its own clock.
        await page.EvaluateAsync("""
            () => {
              window.__scenes = [];
              const wall = document.querySelector('.wall');
              new MutationObserver(() => window.__scenes.push([wall.dataset.scene, performance.now()])).observe(wall, { attributes: true, attributeFilter: ['data-scene'] });
            }
            """);

        // Seven switches: three stays of each scene, about 30 s. The wait allows three times that: CI once saw one
        // stay last 10.7 s and once no seventh switch within 45 s, on a machine otherwise quiet (cause not found);
        // the stays so far are then in the failure message, and each scene is still judged by its typical stay.
        async Task<List<(string Scene, double Seconds)>> StaysAsync()
        {
            var changes = JsonSerializer.Deserialize<JsonElement[][]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__scenes)"))!;
            return [.. changes.Zip(changes.Skip(1)).Select(p => (Scene: p.First[0].GetString()!, Seconds: (p.Second[1].GetDouble() - p.First[1].GetDouble()) / 1000))];
        }
        static string Describe(IEnumerable<(string Scene, double Seconds)> stays) => string.Join(", ", stays.Select(s => $"{s.Scene} {s.Seconds:0.0} s"));
        try
        {
            await page.WaitForFunctionAsync("() => window.__scenes.length >= 7", null, new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No seventh scene change within 90 s; stays so far: {Describe(await StaysAsync())}");
        }

        var stays = await StaysAsync();
        output.WriteLine(Describe(stays));
        // Each scene keeps its own time, as a typical stay: the median of its three. A switch that reaches the
        // screen late on a busy machine lengthens one stay (seen in CI: short 2.7 s then long 5.3 s; long 8.3 s
        // once, the next ones 2.0 and 6.0), which a viewer reads as a hiccup, not as the scene's length.
        double Typical(string scene)
        {
            var seconds = stays.Where(s => s.Scene == scene).Select(s => s.Seconds).Order().ToList();
            Assert.True(seconds.Count >= 3, $"{scene}: {seconds.Count} stays");
            return seconds[seconds.Count / 2];
        }
        Assert.InRange(Typical("short"), 1.2, 3.6);
        Assert.InRange(Typical("long"), 4.8, 7.2);
    }

    [Fact]
    public async Task Wall_EveningComes_TheNightSceneTakesOverWithoutAReload()
    {
        var app = new IocAppFactory();
        Scene(app, 0, "day", "Ban ngày", ("From", "07:00"), ("Until", "19:00"));
        Scene(app, 1, "day-trends", "Ban ngày, xu hướng", ("From", "07:00"), ("Until", "19:00"), ("Days:0", "Monday"), ("Days:1", "Friday"));
        Scene(app, 2, "night", "Ban đêm", ("From", "19:00"), ("Until", "07:00"));
        await using var _ = app;
        app.Time.Set(new DateTimeOffset(2026, 3, 20, 12, 0, 0, ProvinceTime.Offset));
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall");
        await WallPages.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-footer-scene]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-scene=day], [data-scene=day-trends]")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__sameDocument = 1");

        app.Time.Set(new DateTimeOffset(2026, 3, 20, 23, 0, 0, ProvinceTime.Offset));

        await Assertions.Expect(page.Locator("[data-scene=night]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-scene-title]")).ToHaveTextAsync("Ban đêm");
        await Assertions.Expect(page.Locator("[data-footer-scene]")).ToHaveCountAsync(1);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__sameDocument"));
    }

    [Fact]
    public async Task Wall_TwoScreensWithTheirOwnPlaylists_EachPlaysItsOwnAndFollowsTheAdminsChange()
    {
        var app = new IocAppFactory()
            .With("Wall:Playlists:0:Name", "phong-hop").With("Wall:Playlists:0:Scenes:0", "trends").With("Wall:Playlists:0:Scenes:1", "province")
            .With("Wall:Playlists:1:Name", "tong-dai").With("Wall:Playlists:1:Scenes:0", "hotline");
        await using var _ = app;
        await DemoDossiers.PostAsync(app, perCommune: 2);
        var store = app.Services.GetRequiredService<DisplayKeyStore>();
        var (meetingRoom, secret) = await store.CreateAsync("Phòng họp", "quantri", "phong-hop");
        Assert.Equal("phong-hop", (await store.ListAsync()).Single(k => k.Id == meetingRoom.Id).Playlist);

        var screen = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await screen.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await WallPages.WaitForLiveAsync(screen);
        var desk = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await desk.SignInAsync("lanhdao");
        await desk.GotoAsync("/wall?playlist=tong-dai");
        await WallPages.WaitForLiveAsync(desk);

        await Assertions.Expect(screen.Locator("[data-footer-scene]")).ToHaveCountAsync(2);
        await Assertions.Expect(screen.Locator("[data-scene=trends]")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("[data-footer-scene]")).ToHaveCountAsync(1);
        await Assertions.Expect(desk.Locator("[data-scene=hotline]")).ToBeVisibleAsync();

        await store.SetPlaylistAsync(meetingRoom.Id, null, "quantri");

        await Assertions.Expect(screen.Locator("[data-footer-scene]")).ToHaveCountAsync(Ioc.Web.Features.Wall.WallOptions.DefaultScenes().Count, new() { Timeout = 5_000 });
        await Assertions.Expect(desk.Locator("[data-footer-scene]")).ToHaveCountAsync(1);
        Assert.Null((await store.ListAsync()).Single(k => k.Id == meetingRoom.Id).Playlist);
    }

    [Fact]
    public async Task Wall_SettingsFileEdited_OpenWallFollowsAndAWrongEditChangesNothing()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("wall.json");
        File.WriteAllText(file, WallSettings("Toàn tỉnh hôm nay", 20));
        var log = new CapturingLoggerProvider();
        await using var app = new ReloadingApp(file);
        app.LoggerProviders.Add(log);
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/wall");
        await WallPages.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-scene-title]")).ToHaveTextAsync("Toàn tỉnh hôm nay");
        await page.EvaluateAsync("() => window.__sameDocument = 3");

        File.WriteAllText(file, WallSettings("Toàn tỉnh — cấu hình mới", 20));
        await Assertions.Expect(page.Locator("[data-scene-title]")).ToHaveTextAsync("Toàn tỉnh — cấu hình mới", new() { Timeout = 10_000 });

        File.WriteAllText(file, WallSettings("Cấu hình sai", 99_999));
        for (var i = 0; i < 100 && !log.Entries.Any(e => e.Message.StartsWith("The new wall configuration was refused", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains(log.Entries, e => e.Message.Contains("Seconds must be between 0 and 3600", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-scene-title]")).ToHaveTextAsync("Toàn tỉnh — cấu hình mới");
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.__sameDocument"));
    }

    private static string WallSettings(string title, int seconds) =>
        $$"""{ "Wall": { "Scenes": [ { "Key": "province", "Title": "{{title}}", "Kind": "Tiles", "Tiles": [ "received-today", "overdue-now" ], "Seconds": {{seconds}} } ] } }""";

    /// <summary>The app with one more settings file, watched for changes as appsettings.json is.</summary>
    private sealed class ReloadingApp(string settingsFile) : IocAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(c => c.AddJsonFile(settingsFile, optional: false, reloadOnChange: true));
        }
    }
}

using Ioc.Aggregation.Simulation;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ioc.BrowserTests.Wall;

/// <summary>
/// Read from five metres at full HD and at 4K: a year of simulated history on the demo province,
/// every scene pinned in turn, its text that matters measured against the screen's height and its
/// chart axes checked for cut labels. Screenshots go to the temp folder (ioc-wall-screens).
/// </summary>
public sealed class WallReadabilityTests(BrowserFixture browser, WallReadabilityTests.YearOfHistory history, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>, IClassFixture<WallReadabilityTests.YearOfHistory>
{
    private const double Reading = 0.04;

    /// <summary>
    /// A year of history, small per day so that it is posted in seconds, on the real clock (the simulator's).
    /// One app for the three screens: they only read it, and posting the year was half of each screen's test (20 of 42 s here).
    /// </summary>
    public sealed class YearOfHistory : IAsyncLifetime
    {
        public IocAppFactory App { get; } = new IocAppFactory { UseManualClock = false }
            .With("Simulator:Enabled", "true").With("Simulator:HistoryDays", "365")
            .With("Simulator:DossiersPerDay", "40").With("Simulator:TicketsPerDay", "12").With("Simulator:DocumentsPerDay", "4")
            .With("Simulator:DemoDataDirectory", TestPaths.DemoData);

        public async Task InitializeAsync()
        {
            _ = App.ServerAddress;
            await App.Services.GetServices<IHostedService>().OfType<DemoFeed>().Single().CaughtUp.WaitAsync(TimeSpan.FromSeconds(120));
            // Today's hotline scene needs tickets of today whatever the hour: a few, in several categories and channels.
            var categories = App.Catalog.Categories.Take(10).Select(c => c.Code).ToList();
            string[] channels = ["phone", "zalo", "web", "app"];
            var now = DateTimeOffset.UtcNow.AddSeconds(-5);
            (await App.PostEventsAsync([.. Enumerable.Range(0, 24).Select(i => Events.TicketCreated($"WALL-{i:D3}", now, channels[i % channels.Length], categories[i % categories.Count]))])).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>
    /// Landscape full HD and 4K, and a portrait full-HD screen. "4 % of the height" is 4 % of the screen's shorter
    /// side: a portrait screen is a landscape one turned, its pixels as large, so the same text in pixels reads the same.
    /// Each scene's measured layout is written to ioc-wall-screens/scenes-WxH.md (what docs/wall-scenes.md holds).
    /// </summary>
    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(1080, 1920)]
    public async Task Wall_EveryScene_TextThatMattersIsFourPercentOfTheHeightAndNoAxisLabelIsCut(int width, int height)
    {
        var page = await browser.NewPageAsync(history.App.ServerAddress, width, height);
        await page.SignInAsync("lanhdao");
        var reading = Math.Min(width, height);
        var descriptions = new List<string>();

        foreach (var (scene, charts) in new[] { ("province", 0), ("departments", 0), ("communes", 0), ("hotline", 2), ("trends", 2), ("documents", 2), ("map", 0) })
        {
            await page.GotoAsync($"/wall?scene={scene}");
            await WallPages.WaitForLiveAsync(page);
            await WallPages.WaitForStylesAsync(page);
            if (charts > 0)
            {
                await WallPages.WaitForChartsAsync(page, charts);
            }
            if (scene == "map")
            {
                await Assertions.Expect(page.Locator("[data-map-scene] path.choroplethlocation").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                // The map fills most of its scene, in landscape beside its legend, in portrait above it; the legend reads like the rest.
                var map = await page.Locator("[data-map=wall-map] .js-plotly-plot").BoundingBoxAsync();
                Assert.True(map!.Width * map.Height >= 0.35 * width * height, $"map {map.Width:0}×{map.Height:0} px");
                var legend = await page.Locator("[data-map=wall-map] [data-map-legend]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
                Assert.True(legend >= Reading * reading - 0.5, $"legend text {legend} px");
            }
            await WallPages.ScreenshotAsync(page, $"{scene}-{width}x{height}");
            descriptions.Add(await WallPages.DescribeAsync(page, scene));

            var texts = await WallPages.WallTextsAsync(page);
            Assert.NotEmpty(texts);
            var smallest = texts.MinBy(t => t.FontSize)!;
            output.WriteLine($"{scene} {width}×{height}: {texts.Count} texts, smallest {smallest.FontSize:0.#} px ({smallest.FontSize / reading:P1}) '{smallest.Text}'");
            Assert.All(texts, t => Assert.True(t.FontSize >= Reading * reading - 0.5, $"{scene}: '{t.Text}' is {t.FontSize} px, under 4 % of {reading}"));
            // Nothing below the fold or past the edge: a wall has no scrollbars.
            Assert.All(texts, t => Assert.True(t.Bottom <= height + 0.5 && t.Right <= width + 0.5, $"{scene}: '{t.Text}' ends at {t.Right}×{t.Bottom}"));
            Assert.All(texts, t => Assert.False(t.Clipped, $"{scene}: '{t.Text}' is wider than its box and cut"));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"));

            if (charts > 0)
            {
                var ticks = await WallPages.TickLabelsAsync(page);
                Assert.NotEmpty(ticks);
                foreach (var chart in ticks.GroupBy(t => t.Chart))
                {
                    var plot = await page.Locator($"[data-chart={chart.Key}] .js-plotly-plot").BoundingBoxAsync();
                    output.WriteLine($"  chart {chart.Key}: {plot!.Width:0}×{plot.Height:0} px, tick text {chart.Min(t => t.FontSize):0.#} px, ticks {string.Join(" | ", chart.Select(t => t.Text).Take(8))}");
                    // Axis text scaled like the rest of the wall: the same share of the height at both sizes.
                    Assert.All(chart, t => Assert.True(t.FontSize >= 0.028 * reading, $"{chart.Key}: tick '{t.Text}' is {t.FontSize} px"));
                    Assert.All(chart, t => Assert.True(t.Inside, $"{chart.Key}: tick '{t.Text}' at {t.Left:0}–{t.Right:0} is cut by the chart ({t.SvgLeft:0}–{t.SvgRight:0})"));
                    // The chart fills its part of the scene instead of a fixed 700 px, and stays inside it.
                    var box = await page.Locator($"[data-chart={chart.Key}]").BoundingBoxAsync();
                    output.WriteLine($"  chart {chart.Key}: box with title {box!.Width:0}×{box.Height:0} px");
                    Assert.True(plot.Height >= 0.2 * height, $"{chart.Key} is {plot.Height} px high");
                    Assert.True(plot.Y + plot.Height <= box!.Y + box.Height + 1 && plot.X + plot.Width <= box.X + box.Width + 1, $"{chart.Key} spills out of its box");
                }
                await Assertions.Expect(page.Locator("[data-chart-title]")).ToHaveCountAsync(charts);
                if (scene == "trends")
                {
                    // Every month of the twelve has its label, as a name of a month (not a number on a linear axis).
                    foreach (var chart in new[] { "wall-trend-volume", "wall-trend-rates" })
                    {
                        var months = await page.Locator($"[data-chart={chart}] .xtick text").AllTextContentsAsync();
                        Assert.True(months.Count == 12, $"{chart}: {string.Join(" | ", months)}");
                    }
                }
                if (scene is "trends" or "documents")
                {
                    // The month still running is marked on every monthly chart, so its low figures read as a month not yet over.
                    var monthly = scene == "trends" ? new[] { "wall-trend-volume", "wall-trend-rates" } : ["wall-documents-rates"];
                    foreach (var chart in monthly)
                    {
                        await Assertions.Expect(page.Locator($"[data-chart={chart}] .annotation-text").Filter(new() { HasText = "tháng đang chạy" })).ToHaveCountAsync(1);
                    }
                }
                // Read from across a room, no label is turned on its side (Plotly turns them when they do not fit).
                var turned = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.xtick text, .ytick text')].filter(t => /rotate\\((?!0[,)])/.test(t.getAttribute('transform') ?? '')).map(t => t.textContent)");
                Assert.True(turned.Length == 0, $"{scene}: turned labels {string.Join(" | ", turned)}");
            }
        }
        var described = string.Join("\n\n", descriptions);
        output.WriteLine(described);
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(WallPages.ScreenshotPath("x"))!, $"scenes-{width}x{height}.md"), described + "\n");
        Assert.Empty(browser.ExternalRequests);
    }
}

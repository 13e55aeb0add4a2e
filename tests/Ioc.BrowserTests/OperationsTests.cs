using System.Globalization;
using System.Net.Http.Headers;
using Ioc.Aggregation.Telemetry;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>What Prometheus sees while people use the pages: open circuits and the queries behind them.</summary>
[Collection(SerialCollection.Name)]
public sealed class OperationsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ScrapeKey = "browser-scrape-key-0123456789abcdef";

    [Fact]
    public async Task OpenPage_CountsAsAnOpenCircuit_AndItsIndicatorQueriesAreTimed()
    {
        await using var app = new IocAppFactory().With("Telemetry:ScrapeKey", ScrapeKey);
        using var scraper = new HttpClient { BaseAddress = app.ServerAddress };
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey);

        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-kpi=on-time-rate] [data-kpi-value]")).ToBeVisibleAsync();

        // The page is prerendered before its circuit opens: at least this page's circuit, soon. The figure is
        // the process's count (one app per process in production; here other apps' circuits can only add to
        // it). This app's own hub link is read from /health, which is per app.
        bool Seen(string m) => Sample(m, "ioc_web_circuits_open") >= 1 && Sample(m, "ioc_query_duration_seconds_count", "query=\"indicators.unit\"") >= 1;
        var metrics = await scraper.GetStringAsync(TelemetryExtensions.MetricsPath);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !Seen(metrics) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            metrics = await scraper.GetStringAsync(TelemetryExtensions.MetricsPath);
        }
        Assert.True(Sample(metrics, "ioc_web_circuits_open") >= 1, Ours(metrics));
        Assert.True(Sample(metrics, "ioc_query_duration_seconds_count", "query=\"indicators.unit\"") >= 1, Ours(metrics));
        Assert.Contains("ioc_kpi_hub_connections", metrics, StringComparison.Ordinal);
        string HubLink(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("hub-link").GetProperty("status").GetString()!;
        // 503 while any check is unhealthy: read the body whatever the status.
        var health = await (await scraper.GetAsync("/health")).Content.ReadAsStringAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); HubLink(health) != "Healthy" && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            health = await (await scraper.GetAsync("/health")).Content.ReadAsStringAsync();
        }
        Assert.Equal("Healthy", HubLink(health));
    }

    /// <summary>IOC's own series without histogram buckets: a failure message that still fits a CI log's tail.</summary>
    private static string Ours(string metrics) =>
        string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("ioc_", StringComparison.Ordinal) && !l.Contains("_bucket{", StringComparison.Ordinal)));

    private static double Sample(string metrics, string name, string? label = null) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Sum();
}

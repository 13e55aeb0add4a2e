using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Telemetry;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Telemetry;

/// <summary>/metrics as Prometheus sees it: ingest figures that move by exactly what was posted, and no figures without the key.</summary>
public sealed class MetricsEndpointTests
{
    private const string ScrapeKey = "scrape-key-for-tests-0123456789";
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    // The meter is per process and tests run in parallel: a source of its own keeps this test's series apart.
    private readonly string _source = "metrics-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _sourceKey = "metrics-source-key-" + Guid.NewGuid().ToString("N");

    private IocAppFactory NewApp() => new IocAppFactory()
        .With("Telemetry:ScrapeKey", ScrapeKey)
        .With("Ingest:Sources:1:Name", _source)
        .With("Ingest:Sources:1:Key", _sourceKey);

    [Fact]
    public async Task PostedBatches_MoveTheIngestCountersByTheirEvents()
    {
        await using var app = NewApp();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        using var scraper = Scraper(app, ScrapeKey);
        using var feeder = app.CreateApiClient(_sourceKey);
        var before = await ScrapeAsync(scraper);

        var stored = new[] { "M-1", "M-2", "M-3" }.Select(id => Events.DossierReceived(id, commune, procedure, At, channel: "in-person")).ToArray();
        (await feeder.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [.. stored] })).EnsureSuccessStatusCode();
        (await feeder.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [stored[0]] })).EnsureSuccessStatusCode();
        var refused = await feeder.PostAsJsonAsync("/api/v1/events", new IngestBatch
        {
            Events = [Events.DossierReceived("M-4", commune, procedure, At), Events.DossierReceived("M-5", "NO-SUCH-UNIT", procedure, At)],
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var queries = app.Services.GetRequiredService<IndicatorQueries>();
        await queries.GetAsync(app.Catalog.Units.Root.Id, queries.Resolve(KpiWindow.Today));

        var after = await ScrapeAsync(scraper);
        Assert.Equal(3, Delta("ioc_ingest_events_total", "accepted"));
        Assert.Equal(1, Delta("ioc_ingest_events_total", "duplicate"));
        Assert.Equal(2, Delta("ioc_ingest_events_total", "refused"));
        Assert.Equal(3, after.Value("ioc_ingest_batch_size_count", _source) - before.Value("ioc_ingest_batch_size_count", _source));
        Assert.Equal(6, after.Value("ioc_ingest_batch_size_sum", _source) - before.Value("ioc_ingest_batch_size_sum", _source));
        // The other instruments are exported under the names the README gives.
        Assert.Contains("ioc_ingest_batch_duration_seconds_bucket{", after.Text);
        Assert.Contains("ioc_ingest_commit_duration_seconds_bucket{", after.Text);
        Assert.Contains("ioc_query_duration_seconds_count{", after.Text);
        Assert.Contains("query=\"indicators.unit\"", after.Text);
        Assert.Contains("ioc_kpi_hub_connections{", after.Text);

        double Delta(string name, string outcome) => after.Value(name, _source, outcome) - before.Value(name, _source, outcome);
    }

    [Fact]
    public async Task HubConnections_ClosedBeforeTheScrapingAppStarted_DoNotCountBelowZero()
    {
        // A hub client of one app, connected before a second app (and its meter provider) starts, closes afterwards.
        await using var first = new IocAppFactory();
        var early = await KpiTestClient.ConnectAsync(first.ServerAddress, first.ServiceKey);
        await using var app = NewApp();
        using var scraper = Scraper(app, ScrapeKey);
        await early.DisposeAsync();

        await using var ours = await KpiTestClient.ConnectAsync(app.ServerAddress, app.ServiceKey);
        var scrape = await ScrapeAsync(scraper);

        // Counted from its own start, the second app's provider read that closing as −1 and showed no open
        // service connection while ours was open. The process's own count says at least ours.
        Assert.True(scrape.Sum("ioc_kpi_hub_connections", $"client=\"{IocRoles.Service}\"") >= 1, scrape.Text);
        Assert.All(scrape.Samples("ioc_kpi_hub_connections"), s => Assert.True(s.Value >= 0, $"{s.Labels} {s.Value}"));
    }

    [Fact]
    public async Task Metrics_WithoutTheKey_Returns401ProblemAndNoFigures()
    {
        await using var app = NewApp();
        using var anonymous = new HttpClient { BaseAddress = app.ServerAddress };
        using var wrong = Scraper(app, "not-the-scrape-key-0123456789");

        foreach (var client in new[] { anonymous, wrong })
        {
            var response = await client.GetAsync(TelemetryExtensions.MetricsPath);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("ioc_", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Metrics_WithoutAScrapeKeyConfigured_IsNotServed()
    {
        await using var app = new IocAppFactory();
        using var client = Scraper(app, ScrapeKey);

        var response = await client.GetAsync(TelemetryExtensions.MetricsPath);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task IngestBatch_IsTracedToThePublishThatCarriesIt()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == IocMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = NewApp();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        using var feeder = app.CreateApiClient(_sourceKey);

        (await feeder.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [Events.DossierReceived("T-1", commune, procedure, At, channel: "in-person")] })).EnsureSuccessStatusCode();

        var batch = Assert.Single(stopped, a => a.OperationName == "ingest.batch" && Equals(a.GetTagItem("ioc.source"), _source));
        Assert.Equal(IocMetrics.Accepted, batch.GetTagItem("ioc.outcome"));
        Assert.Contains(stopped, a => a.OperationName == "ingest.commit" && a.TraceId == batch.TraceId);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!stopped.Any(a => a.OperationName == "kpi.publish" && a.Links.Any(l => l.Context.TraceId == batch.TraceId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "No publish span links to the ingest batch's trace.");
            await Task.Delay(25);
        }
    }

    private static HttpClient Scraper(IocAppFactory app, string key)
    {
        var client = new HttpClient { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync(TelemetryExtensions.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>One answer of /metrics in Prometheus' text format: <c>name{label="value",…} number [timestamp]</c> per line.</summary>
    private sealed record Scrape(string Text)
    {
        /// <summary>The sample of <paramref name="name"/> for the source (and outcome); 0 when the series does not exist yet.</summary>
        public double Value(string name, string source, string? outcome = null) =>
            Sum(name, $"source=\"{source}\"", outcome is null ? null : $"outcome=\"{outcome}\"");

        /// <summary>The samples of <paramref name="name"/> whose labels include each of <paramref name="labels"/>, added up.</summary>
        public double Sum(string name, params string?[] labels) =>
            Samples(name).Where(s => labels.All(label => label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

        public IEnumerable<(string Labels, double Value)> Samples(string name) =>
            Text.Split('\n')
                .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
                .Select(l => (l[..(l.LastIndexOf('}') + 1)], double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)));
    }
}

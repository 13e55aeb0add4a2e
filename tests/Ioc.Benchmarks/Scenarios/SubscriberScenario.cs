using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Event to subscriber: N <c>HubConnection</c>s (service key) subscribed to the province's Today
/// stream; dossier receipts are posted one per request at a steady rate; for every POST and every
/// subscriber, the time from the POST returning to the first <c>KpiUpdated</c> whose "received
/// today" includes it. With the default coalescing window and a smaller one. Compared with a bare
/// hub in this process broadcasting messages of the same size to the same number of connections.
/// </summary>
public sealed class SubscriberScenario : IScenario
{
    public string Name => "subscriber";

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        var results = new Dictionary<(int Window, int Count), (List<double> P50, List<double> P99)>();
        var notes = new List<string>();
        var messageBytes = 0;
        foreach (var window in sizes.CoalesceWindowsMs)
        {
            var folder = context.NewWorkFolder("subscriber");
            try
            {
                await using var app = InProcessApp.Create(Path.Combine(folder, "ioc.db"), new Dictionary<string, string?> { ["Kpi:CoalesceMilliseconds"] = window.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                using var http = InProcessApp.ApiClient(app);
                var stream = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today);
                var live = new LiveEvents(app.Catalog, LiveEvents.NewPrefix("sub"));
                foreach (var count in sizes.SubscriberCounts)
                {
                    var p50s = new List<double>();
                    var p99s = new List<double>();
                    for (var run = 1; run <= context.Options.Runs; run++)
                    {
                        var subscribers = await KpiSubscriber.ConnectManyAsync(app.ServerAddress, app.ServiceKey, stream, count);
                        try
                        {
                            var (result, posted, rate, updatesPerSecond) = await MeasureAsync(http, live, subscribers, sizes.LiveEventsPerSecond, sizes.SubscriberSeconds);
                            var (p50, p99, max) = result.Percentiles;
                            p50s.Add(p50);
                            p99s.Add(p99);
                            Log.Info($"subscriber window {window} ms, {count} connections, run {run}: p50 {p50:F1} p99 {p99:F1} max {max:F0} ms over {result.Samples.Count:N0} samples; " +
                                     $"{posted} POSTs at {rate:F0}/s; {updatesPerSecond:F1} updates/s per subscriber; {result.Early:N0} early, {result.Missing:N0} missing");
                            if (run == 1)
                            {
                                notes.Add($"{window} ms/{count}: {updatesPerSecond:F1} updates/s per connection, POSTs kept {rate:F0}/s, {100.0 * result.Early / Math.Max(1, result.Samples.Count):F1} % early, {result.Missing:N0} missing");
                            }
                        }
                        finally
                        {
                            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
                        }
                    }
                    results[(window, count)] = (p50s, p99s);
                }
                if (messageBytes == 0)
                {
                    messageBytes = await SnapshotSizeAsync(app.ServerAddress, app.ServiceKey, stream);
                }
            }
            finally
            {
                BenchContext.DeleteFolder(folder);
            }
        }

        var bare = new Dictionary<int, (List<double> P50, List<double> P99)>();
        await using (var hub = await BareHub.StartAsync())
        {
            foreach (var count in sizes.SubscriberCounts)
            {
                var p50s = new List<double>();
                var p99s = new List<double>();
                for (var run = 1; run <= context.Options.Runs; run++)
                {
                    var (p50, p99, max, samples) = await hub.MeasureAsync(count, messageBytes, perSecond: 20, sizes.SubscriberSeconds);
                    p50s.Add(p50);
                    p99s.Add(p99);
                    Log.Info($"bare hub, {count} connections, run {run}: p50 {p50:F1} p99 {p99:F1} max {max:F0} ms over {samples:N0} samples ({messageBytes:N0}-byte messages)");
                }
                bare[count] = (p50s, p99s);
            }
        }

        foreach (var ((window, count), (p50s, p99s)) in results.OrderByDescending(r => r.Key.Window).ThenBy(r => r.Key.Count))
        {
            var p50 = Spread.Of(p50s);
            var p99 = Spread.Of(p99s);
            var (b50, b99) = (Spread.Of(bare[count].P50), Spread.Of(bare[count].P99));
            context.Results.Add(new ResultRow
            {
                Scenario = "event to subscriber",
                Figure = $"p50, {count:N0} connections, coalescing window {window} ms",
                Value = p50,
                Unit = "ms",
                Target = "p50 ≤ 50 ms",
                Verdict = p50.Median <= 50 ? Verdict.Met : Verdict.Missed,
                Compared = $"bare hub p50: {ResultTable.FormatSpread(b50, "ms")}",
                Ratio = ResultTable.Ratio(p50.Median, b50.Median, "bare"),
            });
            context.Results.Add(new ResultRow
            {
                Scenario = "event to subscriber",
                Figure = $"p99, {count:N0} connections, coalescing window {window} ms",
                Value = p99,
                Unit = "ms",
                Target = "p99 ≤ 300 ms",
                Verdict = p99.Median <= 300 ? Verdict.Met : Verdict.Missed,
                Compared = $"bare hub p99: {ResultTable.FormatSpread(b99, "ms")}",
                Ratio = ResultTable.Ratio(p99.Median, b99.Median, "bare"),
            });
            if (window == sizes.CoalesceWindowsMs[0] && count == sizes.SubscriberCounts[0])
            {
                context.SubscriberP99 = p99;
            }
        }
        context.Results.Note("event to subscriber",
            $"Whole app in this process (Full sync), clients in the same process over loopback WebSockets, authenticated with the service key, subscribed to the province's Today stream; " +
            $"{sizes.LiveEventsPerSecond} dossier receipts per second for {sizes.SubscriberSeconds:F0} s per run, one event per POST, posted one after another so commits follow the posting order; " +
            $"latency = first update whose 'received today' includes the event, at each subscriber, minus the POST's return; updates that overtook the response count as 0 ms (\"early\"). " +
            $"At a steady rate the coalescing window sets a floor of about half the window. Bare hub: a minimal hub in this process broadcasting a {messageBytes:N0}-byte message (the size of a Today snapshot) " +
            $"20 times a second to the same number of connections; latency from SendAsync to arrival. Per configuration: {string.Join("; ", notes)}.");
    }

    private static async Task<(LatencyResult Result, int Posted, double Rate, double UpdatesPerSecond)> MeasureAsync(HttpClient http, LiveEvents live, List<KpiSubscriber> subscribers, int perSecond, double seconds)
    {
        await ProvinceDay.AvoidMidnightAsync(TimeSpan.FromSeconds(seconds + 30));
        // Warm up: JIT, the stream's first computation, connection pools.
        var warm = new Pacer(perSecond);
        for (var i = 0; i < perSecond / 4; i++)
        {
            await warm.WaitAsync();
            await PostAsync(http, live.Received());
        }
        var baseCount = await SettleAsync(subscribers, TimeSpan.FromSeconds(30));
        foreach (var s in subscribers)
        {
            s.Reset();
        }
        var count = (int)(perSecond * seconds);
        var returned = new List<long>(count);
        var pacer = new Pacer(perSecond);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < count; k++)
        {
            await pacer.WaitAsync();
            await PostAsync(http, live.Received());
            returned.Add(Stopwatch.GetTimestamp());
        }
        var rate = pacer.Achieved;
        var deadline = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
        while (subscribers.Any(s => s.Latest < baseCount + count) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
        var elapsed = Stats.Milliseconds(start, Stopwatch.GetTimestamp()) / 1000;
        var updates = subscribers.Average(s => (double)s.Updates) / elapsed;
        var result = KpiSubscriber.Latencies(subscribers.Select(s => s.Arrivals()), baseCount, returned);
        return (result, count, rate, updates);
    }

    /// <summary>Waits until every subscriber shows the same count, and returns it.</summary>
    public static async Task<long> SettleAsync(IReadOnlyList<KpiSubscriber> subscribers, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(300);
            var max = subscribers.Max(s => s.Latest);
            if (subscribers.All(s => s.Latest == max))
            {
                await Task.Delay(300);
                if (subscribers.Max(s => s.Latest) == max)
                {
                    return max;
                }
            }
        }
        throw new TimeoutException("Subscribers did not agree on a count within the timeout.");
    }

    public static async Task PostAsync(HttpClient http, params IngestEvent[] events)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new IngestBatch { Events = [.. events] }, IngestJsonContext.Default.IngestBatch));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v1/events", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The size of a Today snapshot on the wire (JSON, as the hub's JSON protocol writes it).</summary>
    private static async Task<int> SnapshotSizeAsync(Uri server, string key, KpiStreamKey stream)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, KpiHubContract.Path), o => o.Headers[Ioc.Aggregation.Publishing.KpiServiceCredentials.Header] = key)
            .Build();
        await connection.StartAsync();
        var snapshots = await connection.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, new[] { stream });
        return JsonSerializer.SerializeToUtf8Bytes(snapshots[0], new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;
    }

    /// <summary>A minimal hub: what SignalR alone costs to fan a message of that size out to N connections on this machine.</summary>
    private sealed class BareHub : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private BareHub(WebApplication app) => _app = app;

        public static async Task<BareHub> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 1 << 20);
            var app = builder.Build();
            app.MapHub<EchoHub>("/bare");
            await app.StartAsync();
            return new BareHub(app);
        }

        public async Task<(double P50, double P99, double Max, int Samples)> MeasureAsync(int connections, int messageBytes, int perSecond, double seconds)
        {
            var url = new Uri(new Uri(_app.Urls.First()), "/bare");
            var count = (int)(perSecond * seconds);
            var sent = new long[count];
            var clients = new List<(HubConnection Connection, List<(int Seq, long At)> Arrivals)>();
            using (var gate = new SemaphoreSlim(16))
            {
                clients.AddRange(await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var connection = new HubConnectionBuilder().WithUrl(url).Build();
                        var arrivals = new List<(int Seq, long At)>(count);
                        connection.On<BareMessage>("Message", m =>
                        {
                            var at = Stopwatch.GetTimestamp();
                            lock (arrivals)
                            {
                                arrivals.Add((m.Seq, at));
                            }
                        });
                        await connection.StartAsync();
                        return (connection, arrivals);
                    }
                    finally
                    {
                        gate.Release();
                    }
                })));
            }
            try
            {
                var hub = _app.Services.GetRequiredService<IHubContext<EchoHub>>();
                var pad = new string('x', Math.Max(0, messageBytes - 40));
                for (var i = 0; i < perSecond; i++)
                {
                    await hub.Clients.All.SendAsync("Message", new BareMessage(-1, pad));
                }
                await Task.Delay(500);
                var pacer = new Pacer(perSecond);
                for (var seq = 0; seq < count; seq++)
                {
                    await pacer.WaitAsync();
                    sent[seq] = Stopwatch.GetTimestamp();
                    await hub.Clients.All.SendAsync("Message", new BareMessage(seq, pad));
                }
                var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
                while (clients.Any(c => { lock (c.Arrivals) { return !c.Arrivals.Any(a => a.Seq == count - 1); } }) && Stopwatch.GetTimestamp() < deadline)
                {
                    await Task.Delay(20);
                }
                var samples = new List<double>(count * connections);
                foreach (var (_, arrivals) in clients)
                {
                    lock (arrivals)
                    {
                        samples.AddRange(arrivals.Where(a => a.Seq >= 0).Select(a => Stats.Milliseconds(sent[a.Seq], a.At)));
                    }
                }
                var (p50, p99, max) = Stats.Latencies(samples);
                return (p50, p99, max, samples.Count);
            }
            finally
            {
                await Task.WhenAll(clients.Select(c => c.Connection.DisposeAsync().AsTask()));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class EchoHub : Hub;

    private sealed record BareMessage(int Seq, string Pad);
}

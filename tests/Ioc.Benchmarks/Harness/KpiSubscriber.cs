using System.Diagnostics;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// A third-party hub client (an LED board, another web node) subscribed to one stream: records when
/// each <c>KpiUpdated</c> arrived (Stopwatch ticks, taken first thing in the handler, after the
/// client has read and deserialized the message) and how many dossiers it says were received today.
/// </summary>
public sealed class KpiSubscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly KpiStreamKey _stream;
    private readonly Lock _gate = new();
    private List<(long At, long Received)> _arrivals = new(256);
    private long _latest;

    private KpiSubscriber(HubConnection connection, KpiStreamKey stream)
    {
        _connection = connection;
        _stream = stream;
        connection.On<KpiSnapshot>(nameof(IKpiClient.KpiUpdated), OnUpdate);
    }

    /// <summary>"Received today" in the newest update (or the subscription's snapshot).</summary>
    public long Latest => Interlocked.Read(ref _latest);

    public long Updates { get; private set; }

    public static async Task<KpiSubscriber> ConnectAsync(Uri server, string serviceKey, KpiStreamKey stream)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, KpiHubContract.Path), o => o.Headers[KpiServiceCredentials.Header] = serviceKey)
            .WithServerTimeout(TimeSpan.FromSeconds(120))
            .Build();
        var subscriber = new KpiSubscriber(connection, stream);
        await connection.StartAsync();
        var snapshots = await connection.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, new[] { stream });
        Interlocked.Exchange(ref subscriber._latest, snapshots[0].Dossiers.Received);
        return subscriber;
    }

    /// <summary>Connects many subscribers, a few at a time.</summary>
    public static async Task<List<KpiSubscriber>> ConnectManyAsync(Uri server, string serviceKey, KpiStreamKey stream, int count)
    {
        using var gate = new SemaphoreSlim(16);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await ConnectAsync(server, serviceKey, stream);
            }
            finally
            {
                gate.Release();
            }
        });
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>Forgets the arrivals so far (the start of a measured window).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _arrivals = new List<(long, long)>(256);
            Updates = 0;
        }
    }

    public List<(long At, long Received)> Arrivals()
    {
        lock (_gate)
        {
            return [.. _arrivals];
        }
    }

    private void OnUpdate(KpiSnapshot snapshot)
    {
        var at = Stopwatch.GetTimestamp();
        if (snapshot.Stream != _stream)
        {
            return;
        }
        lock (_gate)
        {
            _arrivals.Add((at, snapshot.Dossiers.Received));
            Updates++;
        }
        // Updates of one connection arrive in order; keep the highest anyway.
        var received = snapshot.Dossiers.Received;
        long seen;
        while ((seen = Interlocked.Read(ref _latest)) < received && Interlocked.CompareExchange(ref _latest, received, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>
    /// For the k-th of a run's events (k = 1…n, posted one after another), the first update at or
    /// after which "received today" reached base + k, minus the moment that event's POST returned.
    /// An update can overtake the HTTP response (the hub is told as soon as the batch commits):
    /// such latencies count as 0 and are reported as "early".
    /// </summary>
    public static LatencyResult Latencies(IEnumerable<List<(long At, long Received)>> perSubscriber, long baseCount, IReadOnlyList<long> postReturned)
    {
        var samples = new List<double>();
        long missing = 0, early = 0;
        foreach (var arrivals in perSubscriber)
        {
            var j = 0;
            for (var k = 1; k <= postReturned.Count; k++)
            {
                while (j < arrivals.Count && arrivals[j].Received < baseCount + k)
                {
                    j++;
                }
                if (j == arrivals.Count)
                {
                    missing += postReturned.Count - k + 1;
                    break;
                }
                var ms = Stats.Milliseconds(postReturned[k - 1], arrivals[j].At);
                if (ms < 0)
                {
                    early++;
                    ms = 0;
                }
                samples.Add(ms);
            }
        }
        return new LatencyResult(samples, missing, early);
    }
}

public sealed record LatencyResult(List<double> Samples, long Missing, long Early)
{
    public (double P50, double P99, double Max) Percentiles => Stats.Latencies(Samples);
}

using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Contracts;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// Posts live events (<see cref="LiveEvents"/>, one per request) to an ingest API at a steady rate
/// until disposed. A failed post (the server is down or restarting) is sent again, the same event,
/// until it is taken, as a feeding system with at-least-once delivery does: nothing is lost, and an
/// event stored just before a crash comes back as a duplicate. The pacer keeps its schedule, so the
/// events due while the server was away go out at once when it is back.
/// </summary>
public sealed class EventFeed : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;
    private long _posted;
    private long _accepted;
    private long _duplicates;
    private long _failures;

    private EventFeed(BenchContext context, Uri address, double perSecond)
    {
        var live = new LiveEvents(context.Reference.Catalog, LiveEvents.NewPrefix("feed"));
        _task = Task.Run(() => RunAsync(live, address, perSecond));
    }

    public static EventFeed Start(BenchContext context, Uri address, double perSecond) => new(context, address, perSecond);

    /// <summary>Events taken by the API (each counted once, however many attempts it needed).</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Of <see cref="Posted"/>, those the API stored as new.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Of <see cref="Posted"/>, those the API had already stored (a retry after a lost answer).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Attempts that failed (connection refused, reset, timeout, 5xx) and were sent again.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Attempts refused for good (4xx other than 429): the event was dropped.</summary>
    public long Refused { get; private set; }

    private async Task RunAsync(LiveEvents live, Uri address, double perSecond)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(Ioc.Aggregation.Ingest.IngestEndpoints.ApiKeyHeader, IocAppFactory.TestSourceKey);
        var pacer = new Pacer(perSecond);
        var lastLog = DateTimeOffset.MinValue;
        var failedSinceLog = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await pacer.WaitAsync(_stop.Token);
                var e = live.Next();
                while (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [e] }, IngestJsonContext.Default.IngestBatch, _stop.Token);
                        if (response.IsSuccessStatusCode)
                        {
                            var result = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestResult, _stop.Token);
                            Interlocked.Increment(ref _posted);
                            Interlocked.Add(ref _accepted, result?.Accepted ?? 0);
                            Interlocked.Add(ref _duplicates, result?.Duplicates ?? 0);
                            break;
                        }
                        var status = (int)response.StatusCode;
                        if (status is >= 400 and < 500 and not 429)
                        {
                            Refused++;
                            Log.Info($"feed: event {e.Id} refused with {status}: {await response.Content.ReadAsStringAsync(_stop.Token)}");
                            break;
                        }
                        throw new HttpRequestException($"Ingest answered {status}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !_stop.IsCancellationRequested))
                    {
                        Interlocked.Increment(ref _failures);
                        failedSinceLog++;
                        if (DateTimeOffset.UtcNow - lastLog > TimeSpan.FromSeconds(10))
                        {
                            Log.Info($"feed: {failedSinceLog} failed attempt(s), retrying each after 0.5 s; latest: {ex.Message}");
                            lastLog = DateTimeOffset.UtcNow;
                            failedSinceLog = 0;
                        }
                        await Task.Delay(500, _stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stop.CancelAsync();
        await _task;
        _stop.Dispose();
    }
}

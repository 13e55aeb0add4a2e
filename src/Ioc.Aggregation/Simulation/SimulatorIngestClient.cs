using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Posts the simulator's batches to the ingest API like any feeding system. The simulator is the
/// least important writer: when an operator has already acted on a ticket, the simulator's next
/// event for it is illegal, so a refused event is dropped, with every later event of the same
/// dossier or ticket, and the rest of the batch is sent again.
/// </summary>
internal sealed class SimulatorIngestClient(HttpClient http, string apiKey, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    /// <summary>Dossiers and tickets whose events the API refused: their later events are not sent.</summary>
    public HashSet<string> Dropped { get; } = new(StringComparer.Ordinal);

    public long Accepted { get; private set; }

    public long Refused { get; private set; }

    public static string EntityOf(IngestEvent e) => e.Dossier ?? e.Ticket ?? "";

    public bool IsDropped(IngestEvent e) => Dropped.Count > 0 && Dropped.Contains(EntityOf(e));

    public async Task PostAsync(List<IngestEvent> batch, CancellationToken ct)
    {
        var remaining = batch.Where(e => !IsDropped(e)).ToList();
        var backOff = TimeSpan.FromSeconds(1);
        while (remaining.Count > 0)
        {
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events")
                {
                    Content = JsonContent.Create(new IngestBatch { Events = remaining }, IngestJsonContext.Default.IngestBatch),
                };
                request.Headers.Add(IngestEndpoints.ApiKeyHeader, apiKey);
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogWarning("Simulator cannot reach the ingest API ({Error}); retrying in {Delay}", ex.Message, backOff);
                await Task.Delay(backOff, time, ct);
                backOff = Min(backOff * 2, MaxBackOff);
                continue;
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        var result = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestResult, ct);
                        Accepted += result?.Accepted ?? 0;
                        return;

                    case HttpStatusCode.BadRequest:
                        var bad = await ErrorIndexesAsync(response, ct);
                        if (bad.Count == 0 || bad.Keys.Any(i => i < 0 || i >= remaining.Count))
                        {
                            logger.LogError("Simulator batch of {Count} events refused without usable errors; dropping it", remaining.Count);
                            Refused += remaining.Count;
                            return;
                        }
                        remaining = DropRefused(remaining, bad);
                        continue;

                    case HttpStatusCode.RequestEntityTooLarge when remaining.Count > 1:
                        var half = remaining.Count / 2;
                        await PostAsync(remaining[..half], ct);
                        await PostAsync(remaining[half..], ct);
                        return;

                    case HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge:
                        logger.LogError("Simulator batch of {Count} events refused with {Status}; dropping it", remaining.Count, (int)response.StatusCode);
                        Refused += remaining.Count;
                        return;

                    default:
                        // 401 while the key registry restarts, 5xx, 503 during shutdown: wait and send again.
                        logger.LogWarning("Ingest API answered {Status} to the simulator; retrying in {Delay}", (int)response.StatusCode, backOff);
                        await Task.Delay(backOff, time, ct);
                        backOff = Min(backOff * 2, MaxBackOff);
                        continue;
                }
            }
        }
    }

    private List<IngestEvent> DropRefused(List<IngestEvent> events, IReadOnlyDictionary<int, string> bad)
    {
        // An entity's refused event and everything after it go; its earlier events in the batch were valid.
        var firstBad = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var index in bad.Keys.Order())
        {
            firstBad.TryAdd(EntityOf(events[index]), index);
        }
        foreach (var (entity, index) in firstBad.Take(5))
        {
            logger.LogInformation("Simulator drops {Entity} from event {EventId}: {Reason}", entity, events[index].Id, bad[index]);
        }
        Dropped.UnionWith(firstBad.Keys);
        var kept = new List<IngestEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (firstBad.TryGetValue(EntityOf(events[i]), out var from) && i >= from)
            {
                Refused++;
                continue;
            }
            kept.Add(events[i]);
        }
        return kept;
    }

    private static async Task<IReadOnlyDictionary<int, string>> ErrorIndexesAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.TryGetProperty("index", out var index) && index.TryGetInt32(out var i))
                    {
                        result.TryAdd(i, error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details: the caller drops the batch.
        }
        return result;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

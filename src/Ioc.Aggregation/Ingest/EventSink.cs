using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Ingest;

/// <summary>
/// Where events made by people in the web app (triage actions, phone calls recorded by operators)
/// go: through the same ingest path as every feeding system, so they are validated, stored and
/// published alike.
/// </summary>
public interface IEventSink
{
    Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestEvent> events, CancellationToken ct = default);
}

/// <summary>One process: straight into the pipeline, as source "web".</summary>
public sealed class InProcessEventSink(IngestPipeline pipeline) : IEventSink
{
    public const string SourceName = "web";

    public Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestEvent> events, CancellationToken ct = default) =>
        pipeline.IngestAsync(SourceName, events, ct);
}

/// <summary>
/// Separate aggregation service: POST to its ingest API with the web's service key, which that
/// service accepts as source "web" for ticket events.
/// </summary>
public sealed class HttpEventSink(HttpClient http, IOptions<KpiOptions> options, KpiServiceCredentials credentials) : IEventSink
{
    public async Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestEvent> events, CancellationToken ct = default)
    {
        var hub = new Uri(options.Value.HubUrl!);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, "/api/v1/events"))
        {
            Content = JsonContent.Create(new IngestBatch { Events = [.. events] }, IngestJsonContext.Default.IngestBatch),
        };
        request.Headers.Add(KpiServiceCredentials.Header, credentials.Key);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            var result = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestResult, ct);
            return new IngestOutcome(result, [], null);
        }
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var errors = problem.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => new IngestError(
                e.GetProperty("index").GetInt32(),
                e.TryGetProperty("eventId", out var id) ? id.GetString() : null,
                e.GetProperty("code").GetString() ?? "error",
                e.GetProperty("message").GetString() ?? "")).ToList()
            : [new IngestError(-1, null, "http." + (int)response.StatusCode, problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : response.ReasonPhrase ?? "")];
        return new IngestOutcome(null, errors, null);
    }
}

using System.Text.Json;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Ioc.Aggregation.Ingest;

/// <summary><c>POST /api/v1/events</c>: batches of events from feeding systems.</summary>
public static class IngestEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string RateLimiter = "ingest";

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events", PostEventsAsync)
            .WithName("PostEvents")
            .RequireRateLimiting(RateLimiter)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PostEventsAsync(HttpContext http, IngestPipeline pipeline, SourceKeyRegistry keys, CancellationToken ct)
    {
        var presented = http.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } apiKey ? apiKey : http.Request.Headers[KpiServiceCredentials.Header].ToString();
        var source = await keys.FindAsync(presented, ct);
        if (source is null)
        {
            var missing = string.IsNullOrEmpty(http.Request.Headers[ApiKeyHeader]);
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: missing ? "API key required" : "Unknown API key",
                detail: $"Send the feeding system's key in the {ApiKeyHeader} header.");
        }

        var limit = pipeline.Limits.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON expected", detail: "Send the batch as application/json.");
        }

        IngestBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync(http.Request.Body, IngestJsonContext.Default.IngestBatch, ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not valid JSON for a batch: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        if (batch?.Events is not { } events)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No events",
                detail: "The body must be an object with an 'events' array.");
        }

        var forbidden = events
            .Select((e, i) => (e, i))
            .Where(x => x.e?.Type is string t && (EventTypes.IsDossier(t) || EventTypes.IsTicket(t)) && !source.MayPost(t))
            .Select(x => new IngestError(x.i, x.e.Id, "source.forbidden", $"Source '{source.Name}' may not send {x.e.Type} events."))
            .ToList();
        if (forbidden.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Event type not allowed for this key",
                detail: $"{forbidden.Count} event(s) are of a type this source may not send; nothing was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = forbidden });
        }

        var outcome = await pipeline.IngestAsync(source.Name, events, ct);
        if (!outcome.Succeeded)
        {
            var tooLarge = outcome.Errors.Any(e => e.Code == "batch.too-large");
            return Results.Problem(
                statusCode: tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                title: tooLarge ? "Batch too large" : "Invalid events",
                detail: tooLarge ? outcome.Errors[0].Message : $"{outcome.Errors.Count} event(s) are invalid; nothing of this batch was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors });
        }
        return Results.Ok(outcome.Result);
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
            detail: $"A request body may be at most {limit:N0} bytes; split the batch.");
}

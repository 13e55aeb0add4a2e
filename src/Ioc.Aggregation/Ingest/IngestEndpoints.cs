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

    /// <summary>The key a caller presents: a feeding system's <c>X-Api-Key</c>, or a web process's service key.</summary>
    public static string PresentedKey(HttpContext http) =>
        http.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } apiKey ? apiKey : http.Request.Headers[KpiServiceCredentials.Header].ToString();

    private static async Task<IResult> PostEventsAsync(HttpContext http, IngestPipeline pipeline, SourceKeyRegistry keys, CancellationToken ct)
    {
        var source = await keys.FindAsync(PresentedKey(http), ct);
        if (source is null)
        {
            var missing = string.IsNullOrEmpty(PresentedKey(http));
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

        // Buffered, so that a body the fast reader refuses can be read again field by field.
        using var body = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(body, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        if (body.Length > limit)
        {
            return TooLarge(limit);
        }
        var read = IngestBodyReader.Read(body.GetBuffer().AsMemory(0, (int)body.Length));
        if (read.Problem is var (title, detail))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
        }
        var events = read.Events!;

        var forbidden = events
            .Select((e, i) => (e, i))
            .Where(x => x.e?.Type is string t && (EventTypes.IsDossier(t) || EventTypes.IsTicket(t) || EventTypes.IsDocument(t)) && !source.MayPost(t))
            .Select(x => new IngestError(x.i, ErrorText.ShortenId(x.e!.Id), "source.forbidden", $"Source '{source.Name}' may not send {x.e.Type} events."))
            .ToList();
        if (forbidden.Count > 0)
        {
            Telemetry.IocMetrics.RefusedBeforeIngest(source.Name, events.Count);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Event type not allowed for this key",
                detail: $"{forbidden.Count} event(s) are of a type this source may not send; nothing was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = forbidden });
        }

        var outcome = await pipeline.IngestAsync(source.Name, events, read.FieldErrors, ct);
        if (!outcome.Succeeded)
        {
            var tooLarge = outcome.Errors.Any(e => e.Code == "batch.too-large");
            // 409 only when the batch is fine but for ids already used with other content.
            var conflict = outcome.Errors.All(e => e.Code == IngestSession.IdConflict);
            return Results.Problem(
                statusCode: tooLarge ? StatusCodes.Status413PayloadTooLarge : conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                title: tooLarge ? "Batch too large" : conflict ? "Event id already used" : "Invalid events",
                detail: tooLarge ? outcome.Errors[0].Message
                    : conflict ? $"{outcome.Errors.Count} event id(s) were stored before with other content; nothing of this batch was stored."
                    : $"{outcome.Errors.Count} event(s) are invalid; nothing of this batch was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors });
        }
        return Results.Ok(outcome.Result);
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
            detail: $"A request body may be at most {limit:N0} bytes; split the batch.");
}

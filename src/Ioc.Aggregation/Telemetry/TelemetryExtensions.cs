using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ioc.Aggregation.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: IOC's own instruments (<see cref="IocMetrics"/>) with ASP.NET Core's,
/// the HTTP client's and the runtime's, scraped by Prometheus at <c>/metrics</c> with a key, and sent to
/// an OTLP collector (metrics and traces) when one is configured. Without either setting nothing is
/// collected at all.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddIocTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var scrape = !string.IsNullOrEmpty(options.ScrapeKey);
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        if (!scrape && !otlp)
        {
            return builder;
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(m =>
            {
                m.AddMeter(IocMetrics.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (scrape)
                {
                    // Every scrape collects afresh: Prometheus asks every few seconds, and a cached answer
                    // would hide a batch stored a moment before.
                    m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
                if (otlp)
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint!));
                }
            });
        if (otlp)
        {
            // Traces only go somewhere with a collector; Prometheus takes metrics alone.
            telemetry.WithTracing(t => t
                .AddSource(IocMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint!)));
        }
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus, only with <c>Authorization: Bearer</c> and the scrape key (401
    /// otherwise, as problem details); without a key configured, no such endpoint (404).
    /// </summary>
    public static WebApplication MapIocTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (string.IsNullOrEmpty(options.ScrapeKey))
        {
            return app;
        }
        var key = new ScrapeKey(options.ScrapeKey);
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (key.Matches(http.Request.Headers.Authorization.ToString()))
            {
                await next(http);
                return;
            }
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Scrape key required",
                detail: "Send the key of Telemetry:ScrapeKey as Authorization: Bearer KEY.").ExecuteAsync(http);
        }), optionsName: null);
        return app;
    }
}

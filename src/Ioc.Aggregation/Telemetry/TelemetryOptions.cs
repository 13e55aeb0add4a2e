using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Telemetry;

/// <summary>Metrics and traces for operations (<c>Telemetry</c> section). Nothing leaves the machine unless configured here.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Shortest scrape key accepted: a key short enough to guess would open the figures to anyone who can reach the port.</summary>
    public const int MinScrapeKeyLength = 24;

    /// <summary>
    /// The key Prometheus presents to read <c>/metrics</c> (header <c>Authorization: Bearer KEY</c>).
    /// Empty: no <c>/metrics</c> at all (404).
    /// </summary>
    public string? ScrapeKey { get; set; }

    /// <summary>An OpenTelemetry collector (OTLP over gRPC, e.g. http://127.0.0.1:4317) that receives traces and metrics. Empty: none are sent.</summary>
    public string? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ScrapeKey) && ScrapeKey.Trim().Length < MinScrapeKeyLength)
        {
            yield return new ValidationResult($"Telemetry:ScrapeKey must be at least {MinScrapeKeyLength} characters (or empty for no /metrics).", [nameof(ScrapeKey)]);
        }
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"Telemetry:OtlpEndpoint must be an absolute http(s) address, not '{OtlpEndpoint}'.", [nameof(OtlpEndpoint)]);
        }
    }
}

using Ioc.Aggregation.Access;

namespace Ioc.Aggregation.Telemetry;

/// <summary>The key Prometheus presents for <c>/metrics</c>, as an <c>Authorization: Bearer</c> header.</summary>
public sealed class ScrapeKey(string key)
{
    private const string Scheme = "Bearer ";

    private readonly HashedSecret _key = new(key.Trim());

    public bool Matches(string? authorization) =>
        authorization is { Length: > 0 } a
        && a.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && _key.Matches(a[Scheme.Length..].Trim());
}

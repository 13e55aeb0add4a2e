using System.Security.Cryptography;
using Ioc.Aggregation.Access;

namespace Ioc.Aggregation.Telemetry;

/// <summary>The key Prometheus presents for <c>/metrics</c>, as an <c>Authorization: Bearer</c> header.</summary>
public sealed class ScrapeKey(string key)
{
    private const string Scheme = "Bearer ";

    // Hashes of equal length, compared in constant time: neither the key's content nor its length leaks through timing.
    private readonly byte[] _hash = Convert.FromHexString(KeyHashing.Hash(key.Trim()));

    public bool Matches(string? authorization) =>
        authorization is { Length: > 0 } a
        && a.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(_hash, Convert.FromHexString(KeyHashing.Hash(a[Scheme.Length..].Trim())));
}

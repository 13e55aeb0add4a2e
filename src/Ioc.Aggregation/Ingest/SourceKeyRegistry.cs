using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Ingest;

/// <summary>An authenticated feeding system.</summary>
public sealed record IngestSource(string Name, IReadOnlySet<string> Allow)
{
    public bool MayPost(string eventType) => Allow.Contains(eventType.Split('.')[0]);
}

/// <summary>
/// The API keys of feeding systems: from configuration, plus keys registered at run time (the
/// demo simulator gets a fresh random key at each start, so no key is ever committed). Keys are
/// kept as SHA-256 hashes and compared in constant time.
/// </summary>
public sealed class SourceKeyRegistry
{
    private readonly ConcurrentDictionary<string, IngestSource> _byHash = new(StringComparer.Ordinal);

    public SourceKeyRegistry(IOptions<IngestLimits> options)
    {
        foreach (var s in options.Value.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Key)))
        {
            Register(s.Name, s.Key, s.Allow);
        }
    }

    public void Register(string name, string key, IEnumerable<string> allow) =>
        _byHash[Hash(key)] = new IngestSource(name, allow.ToHashSet(StringComparer.Ordinal));

    /// <summary>Registers a new random key for an in-process source and returns it.</summary>
    public string RegisterGenerated(string name, IEnumerable<string> allow)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Register(name, key, allow);
        return key;
    }

    public IngestSource? Find(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        return _byHash.TryGetValue(Hash(key), out var source) ? source : null;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

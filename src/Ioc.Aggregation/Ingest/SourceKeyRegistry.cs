using System.Collections.Concurrent;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Publishing;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Ingest;

/// <summary>An authenticated feeding system.</summary>
public sealed record IngestSource(string Name, IReadOnlySet<string> Allow)
{
    public bool MayPost(string eventType) => Allow.Contains(eventType.Split('.')[0]);
}

/// <summary>
/// Finds the feeding system behind an API key: keys made by admins (database, hashed, revocable),
/// keys from configuration (bootstrap, tests), and keys registered at run time (the demo simulator
/// gets a fresh random one at each start, so no key is ever committed). Database keys are cached
/// and reloaded after a change in this process or every 30 seconds for changes made elsewhere.
/// </summary>
public sealed class SourceKeyRegistry
{
    private static readonly long ReloadAfterMs = 30_000;

    private readonly ConcurrentDictionary<string, IngestSource> _fixed = new(StringComparer.Ordinal);
    private readonly SourceKeyStore _store;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, IngestSource>? _database;
    private long _loadedAtMs;

    public SourceKeyRegistry(IOptions<IngestLimits> options, SourceKeyStore store, KpiServiceCredentials service)
    {
        _store = store;
        // Web processes post what people do (triage, recorded calls) with their service key.
        Register(InProcessEventSink.SourceName, service.Key, ["ticket"]);
        store.Changed += () => _database = null;
        foreach (var s in options.Value.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Key)))
        {
            Register(s.Name, s.Key, s.AllowedFamilies);
        }
    }

    public void Register(string name, string key, IEnumerable<string> allow) =>
        _fixed[KeyHashing.Hash(key)] = new IngestSource(name, allow.ToHashSet(StringComparer.Ordinal));

    /// <summary>Registers a new random key for an in-process source and returns it.</summary>
    public string RegisterGenerated(string name, IEnumerable<string> allow)
    {
        var key = KeyHashing.NewKey("sim");
        Register(name, key, allow);
        return key;
    }

    public async ValueTask<IngestSource?> FindAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }
        var hash = KeyHashing.Hash(key);
        if (_fixed.TryGetValue(hash, out var source))
        {
            return source;
        }
        var database = _database;
        if (database is null || Environment.TickCount64 - Interlocked.Read(ref _loadedAtMs) > ReloadAfterMs)
        {
            database = await ReloadAsync(ct);
        }
        return database.GetValueOrDefault(hash);
    }

    private async Task<Dictionary<string, IngestSource>> ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            if (_database is { } fresh && Environment.TickCount64 - Interlocked.Read(ref _loadedAtMs) <= ReloadAfterMs)
            {
                return fresh;
            }
            var rows = await _store.ActiveByHashAsync(ct);
            var map = rows.ToDictionary(kv => kv.Key, kv => new IngestSource(kv.Value.Name, kv.Value.Allow.Split(',').ToHashSet(StringComparer.Ordinal)), StringComparer.Ordinal);
            Interlocked.Exchange(ref _loadedAtMs, Environment.TickCount64);
            _database = map;
            return map;
        }
        finally
        {
            _reload.Release();
        }
    }
}

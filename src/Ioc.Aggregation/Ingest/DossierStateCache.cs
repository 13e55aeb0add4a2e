using Ioc.Aggregation.Storage;
using Ioc.Domain.Dossiers;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Ingest;

/// <summary>
/// Open dossiers' states, kept by the single writer so that most events (a pause, a completion)
/// are validated without reading the database. It holds open dossiers only, at most
/// <see cref="Limit"/> of them (the newest received when it loads, then those that open while there
/// is room): a code it does not hold is new, finished or beyond the limit, and ingest asks the
/// database. Another connection's commit (a CSV backfill in another process) changes SQLite's
/// data_version, which empties the cache.
/// </summary>
public sealed class DossierStateCache(int limit)
{
    private Dictionary<string, DossierState>? _open;
    private long _dataVersion = -1;

    /// <summary>Most states held: the memory this cache may take grows with the province's open dossiers, not beyond this.</summary>
    public int Limit { get; } = limit;

    public int Count => _open?.Count ?? 0;

    public bool TryGet(string code, out DossierState state)
    {
        if (_open is not null && _open.TryGetValue(code, out var s))
        {
            state = s;
            return true;
        }
        state = null!;
        return false;
    }

    /// <summary>Loads the open dossiers if needed; drops everything first if another connection wrote since the last check.</summary>
    public void Refresh(SqliteConnection connection)
    {
        using (var version = connection.CreateCommand())
        {
            version.CommandText = "PRAGMA data_version";
            var current = (long)version.ExecuteScalar()!;
            if (current != _dataVersion)
            {
                _open = null;
                _dataVersion = current;
            }
        }
        if (_open is not null)
        {
            return;
        }
        var open = new Dictionary<string, DossierState>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        // The newest first: they are the likeliest to have events coming.
        cmd.CommandText = $"{StateStore.DossierSelect} WHERE Status IN ({(int)DossierStatus.Received}, {(int)DossierStatus.InProcessing}, {(int)DossierStatus.AwaitingSupplement}) ORDER BY ReceivedAt DESC LIMIT @limit";
        cmd.Parameters.AddWithValue("@limit", Limit);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var s = StateStore.ReadDossier(r);
            open[s.Code] = s;
        }
        _open = open;
    }

    /// <summary>After a commit: the states written become the cache's truth.</summary>
    public void Apply(IEnumerable<DossierState> committed)
    {
        if (_open is null)
        {
            return;
        }
        foreach (var s in committed)
        {
            if (s.IsOpen)
            {
                if (_open.Count < Limit || _open.ContainsKey(s.Code))
                {
                    _open[s.Code] = s;
                }
            }
            else
            {
                _open.Remove(s.Code);
            }
        }
    }

    public void Invalidate() => _open = null;
}

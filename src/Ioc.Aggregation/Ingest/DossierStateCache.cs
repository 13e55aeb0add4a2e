using Ioc.Aggregation.Storage;
using Ioc.Domain.Dossiers;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Ingest;

/// <summary>
/// The open dossiers' states, kept by the single writer so that most events (a pause, a completion)
/// are validated without reading the database. It holds exactly the open dossiers: a code it does
/// not hold is new or finished, and ingest asks the database. Another connection's commit (a CSV
/// backfill in another process) changes SQLite's data_version, which empties the cache.
/// </summary>
public sealed class DossierStateCache
{
    private Dictionary<string, DossierState>? _open;
    private long _dataVersion = -1;

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
        cmd.CommandText = $"{StateStore.DossierSelect} WHERE Status IN ({(int)DossierStatus.Received}, {(int)DossierStatus.InProcessing}, {(int)DossierStatus.AwaitingSupplement})";
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
                _open[s.Code] = s;
            }
            else
            {
                _open.Remove(s.Code);
            }
        }
    }

    public void Invalidate() => _open = null;
}

using System.Collections.Concurrent;
using Ioc.Contracts;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// Which hub connections watch which streams. The publisher computes snapshots only for streams
/// somebody watches, and a connection's subscriptions vanish with it.
/// </summary>
public sealed class KpiStreamRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<KpiStreamKey>> _byConnection = [];
    private readonly Dictionary<KpiStreamKey, int> _watchers = [];
    private readonly ConcurrentDictionary<int, KpiWindow[]> _windowsByUnit = new();

    public void Add(string connectionId, IEnumerable<KpiStreamKey> keys)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var set))
            {
                _byConnection[connectionId] = set = [];
            }
            foreach (var key in keys.Where(set.Add))
            {
                _watchers[key] = _watchers.GetValueOrDefault(key) + 1;
                Reindex(key.UnitId);
            }
        }
    }

    public void Remove(string connectionId, IEnumerable<KpiStreamKey> keys)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var set))
            {
                foreach (var key in keys.Where(set.Remove))
                {
                    Release(key);
                }
            }
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (_byConnection.Remove(connectionId, out var set))
            {
                foreach (var key in set)
                {
                    Release(key);
                }
            }
        }
    }

    public bool IsSubscribed(string connectionId, KpiStreamKey key)
    {
        lock (_lock)
        {
            return _byConnection.TryGetValue(connectionId, out var set) && set.Contains(key);
        }
    }

    /// <summary>Windows of a unit that at least one connection watches.</summary>
    public IReadOnlyList<KpiWindow> WindowsOf(int unitId) => _windowsByUnit.GetValueOrDefault(unitId) ?? [];

    public IReadOnlyList<int> WatchedUnits => [.. _windowsByUnit.Keys];

    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    private void Release(KpiStreamKey key)
    {
        var left = _watchers.GetValueOrDefault(key) - 1;
        if (left <= 0)
        {
            _watchers.Remove(key);
        }
        else
        {
            _watchers[key] = left;
        }
        Reindex(key.UnitId);
    }

    private void Reindex(int unitId)
    {
        var windows = _watchers.Keys.Where(k => k.UnitId == unitId).Select(k => k.Window).ToArray();
        if (windows.Length == 0)
        {
            _windowsByUnit.TryRemove(unitId, out _);
        }
        else
        {
            _windowsByUnit[unitId] = windows;
        }
    }

    public static string GroupName(KpiStreamKey key) => $"kpi:{key.UnitId}:{key.Window}";

    public const string TicketsGroup = "tickets";
}

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// Decides when a changed key is published: at once if it has not been published within the
/// window, otherwise at the end of the window, with every change in between merged. A burst of
/// thousands of events thus becomes one update per window per key. Not thread-safe: the
/// publisher's single loop owns it. Time is passed in, so tests drive it with a fake clock.
/// </summary>
public sealed class UpdateCoalescer<TKey>(TimeSpan window) where TKey : notnull
{
    private readonly Dictionary<TKey, DateTimeOffset> _due = [];
    private readonly Dictionary<TKey, DateTimeOffset> _lastSent = [];

    public int Pending => _due.Count;

    public void MarkDirty(TKey key, DateTimeOffset now)
    {
        if (_due.ContainsKey(key))
        {
            return;
        }
        _due[key] = _lastSent.TryGetValue(key, out var last) && now - last < window ? last + window : now;
    }

    /// <summary>Keys due now; they count as sent at <paramref name="now"/>.</summary>
    public List<TKey> TakeDue(DateTimeOffset now)
    {
        var result = new List<TKey>();
        foreach (var (key, due) in _due)
        {
            if (due <= now)
            {
                result.Add(key);
            }
        }
        foreach (var key in result)
        {
            _due.Remove(key);
            _lastSent[key] = now;
        }
        return result;
    }

    public DateTimeOffset? NextDue => _due.Count == 0 ? null : _due.Values.Min();

    /// <summary>Forget keys not sent for a long time, so that the map does not grow with every unit ever touched.</summary>
    public void Trim(DateTimeOffset now)
    {
        foreach (var key in _lastSent.Where(kv => now - kv.Value > window * 4).Select(kv => kv.Key).ToList())
        {
            _lastSent.Remove(key);
        }
    }
}

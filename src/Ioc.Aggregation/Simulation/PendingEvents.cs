using Ioc.Contracts;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Generated events waiting for their time, earliest first; events with the same time leave in
/// the order they came, so a dossier's events stay in their own order.
/// </summary>
internal sealed class PendingEvents
{
    private readonly PriorityQueue<IngestEvent, (long Ticks, long Order)> _queue = new();
    private long _order;

    public int Count => _queue.Count;

    public void AddRange(IEnumerable<IngestEvent> events)
    {
        foreach (var e in events)
        {
            _queue.Enqueue(e, (e.OccurredAt!.Value.UtcTicks, _order++));
        }
    }

    /// <summary>Takes the earliest event if it lies before <paramref name="before"/>.</summary>
    public bool TryTake(DateTimeOffset before, out IngestEvent e)
    {
        if (_queue.TryPeek(out var next, out var priority) && priority.Ticks < before.UtcTicks)
        {
            _queue.Dequeue();
            e = next;
            return true;
        }
        e = null!;
        return false;
    }
}

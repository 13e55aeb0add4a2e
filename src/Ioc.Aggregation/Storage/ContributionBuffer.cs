using Ioc.Domain.Indicators;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// Collects one entity's (day, measure, delta) triples and cancels what the old and the new state
/// have in common, so that only real changes fan out to the unit scopes.
/// </summary>
internal sealed class ContributionBuffer : ITicketDeltaSink
{
    private readonly Dictionary<(int Day, int Measure), int> _deltas = [];
    private readonly Dictionary<(int Day, int Hours), int> _answerTimes = [];

    public void Add(int dayNumber, int measure, int delta)
    {
        _deltas.TryGetValue((dayNumber, measure), out var v);
        _deltas[(dayNumber, measure)] = v + delta;
    }

    public void AddAnswerTime(int dayNumber, int hoursBucket, int delta)
    {
        _answerTimes.TryGetValue((dayNumber, hoursBucket), out var v);
        _answerTimes[(dayNumber, hoursBucket)] = v + delta;
    }

    public IEnumerable<(int Day, int Measure, int Delta)> Deltas =>
        _deltas.Where(kv => kv.Value != 0).Select(kv => (kv.Key.Day, kv.Key.Measure, kv.Value));

    public IEnumerable<(int Day, int Hours, int Delta)> AnswerTimes =>
        _answerTimes.Where(kv => kv.Value != 0).Select(kv => (kv.Key.Day, kv.Key.Hours, kv.Value));

    public bool IsEmpty => !_deltas.Values.Any(v => v != 0) && !_answerTimes.Values.Any(v => v != 0);

    public void Clear()
    {
        _deltas.Clear();
        _answerTimes.Clear();
    }
}

namespace Ioc.Aggregation.Hotline;

/// <summary>A word (or word pair) that pushed the prediction towards its label, with how strongly (log-odds).</summary>
public sealed record Evidence(string Words, double Weight);

/// <summary>The most likely label of a text, how sure the model is, the runner-up, and the words that decided it.</summary>
public sealed record LabelPrediction(int Label, double Probability, int? RunnerUp, double RunnerUpProbability, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// Multinomial naive Bayes over a ticket's distinct words and word pairs, learned incrementally
/// from triaged tickets. Small, fast to (re)train on a year of tickets, and explainable: each
/// word's log-odds for the winning label against all others is the reason shown to the operator.
/// Thread-safe: learning and predicting may run at once.
/// </summary>
public sealed class TicketClassifier
{
    /// <summary>Additive smoothing: unseen words must not veto a label.</summary>
    private const double Alpha = 0.5;

    private const int MaxEvidence = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _labelIndex = [];
    private readonly List<int> _labels = [];
    private readonly List<int> _documents = [];
    private readonly List<long> _featureTotals = [];
    private readonly Dictionary<string, List<int>> _counts = new(StringComparer.Ordinal);
    private int _totalDocuments;

    public int Documents
    {
        get
        {
            lock (_gate)
            {
                return _totalDocuments;
            }
        }
    }

    public int Vocabulary
    {
        get
        {
            lock (_gate)
            {
                return _counts.Count;
            }
        }
    }

    public IReadOnlyDictionary<int, int> DocumentsPerLabel
    {
        get
        {
            lock (_gate)
            {
                return _labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => _documents[x.i]);
            }
        }
    }

    public void Learn(string text, int label) => Learn(TicketTokens.Of(text), label);

    public void Learn(IReadOnlyList<TicketToken> tokens, int label)
    {
        lock (_gate)
        {
            if (!_labelIndex.TryGetValue(label, out var li))
            {
                li = _labels.Count;
                _labelIndex[label] = li;
                _labels.Add(label);
                _documents.Add(0);
                _featureTotals.Add(0);
            }
            _documents[li]++;
            _totalDocuments++;
            foreach (var t in tokens)
            {
                if (!_counts.TryGetValue(t.Feature, out var perLabel))
                {
                    _counts[t.Feature] = perLabel = [];
                }
                while (perLabel.Count <= li)
                {
                    perLabel.Add(0);
                }
                perLabel[li]++;
                _featureTotals[li]++;
            }
        }
    }

    /// <summary>How many learned texts contain the feature (for weighting rare words in similarity).</summary>
    public int DocumentFrequency(string feature)
    {
        lock (_gate)
        {
            return _counts.TryGetValue(feature, out var perLabel) ? perLabel.Sum() : 0;
        }
    }

    public LabelPrediction? Predict(string text) => Predict(TicketTokens.Of(text));

    public LabelPrediction? Predict(IReadOnlyList<TicketToken> tokens)
    {
        lock (_gate)
        {
            var n = _labels.Count;
            if (n == 0)
            {
                return null;
            }
            var vocabulary = Math.Max(1, _counts.Count);
            var scores = new double[n];
            var known = tokens.Where(t => _counts.ContainsKey(t.Feature)).ToList();
            for (var li = 0; li < n; li++)
            {
                var score = Math.Log((_documents[li] + 1.0) / (_totalDocuments + n));
                var denominator = Math.Log(_featureTotals[li] + Alpha * vocabulary);
                foreach (var t in known)
                {
                    score += Math.Log(Count(t.Feature, li) + Alpha) - denominator;
                }
                scores[li] = score;
            }
            var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
            var max = scores[order[0]];
            var sum = scores.Sum(s => Math.Exp(s - max));
            var best = order[0];
            var second = n > 1 ? order[1] : -1;
            return new LabelPrediction(
                _labels[best],
                1.0 / sum,
                second >= 0 ? _labels[second] : null,
                second >= 0 ? Math.Exp(scores[second] - max) / sum : 0,
                EvidenceFor(best, known, vocabulary));
        }
    }

    /// <summary>Each known feature's log-odds for the winner against every other label pooled; the strongest, without words repeated inside a chosen pair.</summary>
    private List<Evidence> EvidenceFor(int winner, List<TicketToken> known, int vocabulary)
    {
        var othersTotal = _featureTotals.Sum() - _featureTotals[winner];
        var weighed = new List<(TicketToken Token, double Weight)>();
        foreach (var t in known)
        {
            var mine = Count(t.Feature, winner);
            if (mine == 0)
            {
                continue;
            }
            var others = _counts[t.Feature].Sum() - mine;
            var weight = Math.Log((mine + Alpha) / (_featureTotals[winner] + Alpha * vocabulary))
                         - Math.Log((others + Alpha) / (othersTotal + Alpha * vocabulary));
            if (weight > 0)
            {
                weighed.Add((t, weight));
            }
        }
        var chosen = new List<Evidence>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (token, weight) in weighed.OrderByDescending(w => w.Weight))
        {
            var parts = token.Feature.Split(' ');
            if (parts.All(covered.Contains))
            {
                continue;
            }
            chosen.Add(new Evidence(token.Surface, weight));
            covered.UnionWith(parts);
            if (chosen.Count == MaxEvidence)
            {
                break;
            }
        }
        return chosen;
    }

    private int Count(string feature, int labelIndex) =>
        _counts.TryGetValue(feature, out var perLabel) && labelIndex < perLabel.Count ? perLabel[labelIndex] : 0;
}

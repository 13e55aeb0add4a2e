namespace Ioc.Benchmarks.Harness;

/// <summary>The median of several runs, with the smallest and largest run.</summary>
public sealed record Spread(double Median, double Min, double Max, int Runs)
{
    public static Spread Of(IReadOnlyCollection<double> runs)
    {
        if (runs.Count == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN, 0);
        }
        var sorted = runs.Order().ToArray();
        return new Spread(Stats.Percentile(sorted, 50), sorted[0], sorted[^1], sorted.Length);
    }

    public bool IsEmpty => Runs == 0;
}

public static class Stats
{
    /// <summary>Linear interpolation between closest ranks (what numpy and most tools do by default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = percent / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static (double P50, double P99, double Max) Latencies(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? (double.NaN, double.NaN, double.NaN) : (Percentile(sorted, 50), Percentile(sorted, 99), sorted[^1]);
    }

    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}

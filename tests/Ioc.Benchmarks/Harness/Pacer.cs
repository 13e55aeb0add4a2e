using System.Diagnostics;

namespace Ioc.Benchmarks.Harness;

/// <summary>Keeps a steady rate: the k-th tick is due at start + k / rate; late ticks go at once (no catch-up burst beyond that).</summary>
public sealed class Pacer(double perSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _ticks;

    public async Task WaitAsync(CancellationToken ct = default)
    {
        var due = _start + (long)(_ticks++ * Stopwatch.Frequency / perSecond);
        var wait = Stats.Milliseconds(Stopwatch.GetTimestamp(), due);
        if (wait > 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait - 1.5), ct);
        }
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(50);
        }
    }

    /// <summary>The rate actually kept so far.</summary>
    public double Achieved => _ticks <= 1 ? perSecond : (_ticks - 1) / Stats.Milliseconds(_start, Stopwatch.GetTimestamp()) * 1000;
}

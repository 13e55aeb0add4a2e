using System.Diagnostics;

namespace Ioc.Aggregation.Ingest;

/// <summary>
/// Where ingest spends its time, by phase, summed since start: the benchmark prints it so that a
/// slow phase shows without attaching a profiler. Two timestamps per phase and batch; no allocation.
/// </summary>
public static class IngestTimings
{
    public enum Phase
    {
        Dedupe,
        LoadStates,
        Validate,
        WriteEvents,
        WriteStates,
        Project,
        WriteRollups,
        Commit,
    }

    private static readonly long[] Ticks = new long[Enum.GetValues<Phase>().Length];

    public static long Start() => Stopwatch.GetTimestamp();

    public static void Stop(Phase phase, long start) => Interlocked.Add(ref Ticks[(int)phase], Stopwatch.GetTimestamp() - start);

    public static IReadOnlyDictionary<Phase, TimeSpan> Snapshot() =>
        Enum.GetValues<Phase>().ToDictionary(p => p, p => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref Ticks[(int)p])));

    public static void Reset() => Array.Clear(Ticks);
}

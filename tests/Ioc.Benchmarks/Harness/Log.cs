using System.Diagnostics;

namespace Ioc.Benchmarks.Harness;

/// <summary>Progress goes to stderr with the time since start, so that stdout carries only the table.</summary>
public static class Log
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly Lock Gate = new();

    public static TimeSpan Elapsed => Clock.Elapsed;

    public static void Info(string message)
    {
        lock (Gate)
        {
            Console.Error.WriteLine($"[{Clock.Elapsed:hh\\:mm\\:ss}] {message}");
        }
    }
}

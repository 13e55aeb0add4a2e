using System.Globalization;
using System.Runtime.InteropServices;

namespace Ioc.Benchmarks.Harness;

/// <summary>What the figures were measured on, read from /proc and the runtime.</summary>
public static class Machine
{
    public static IReadOnlyList<string> Describe(BenchOptions options, DateTimeOffset started, TimeSpan elapsed)
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } m
            ? long.Parse(m.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : 0;
        var os = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = ReadLines("/proc/sys/kernel/osrelease").FirstOrDefault() ?? "";
        return
        [
            $"Machine: {cpu}, {Environment.ProcessorCount} cores, {memKb / 1024.0 / 1024.0:F1} GiB RAM, {os} (kernel {kernel}), {RuntimeInformation.FrameworkDescription}.",
            $"Run: {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {options.Mode} sizes, {options.Runs} runs per figure, {elapsed.TotalMinutes:F0} min in all; load average at start {LoadAverage()}.",
        ];
    }

    public static string LoadAverage() => ReadLines("/proc/loadavg").FirstOrDefault() is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "n/a";

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}

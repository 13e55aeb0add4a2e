using System.Diagnostics;
using System.Globalization;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// A server's managed heap, to see what the objects of open pages are. <c>--gcdump</c>: dotnet-gcdump
/// (<c>dotnet tool install -g dotnet-gcdump</c>), small files that <c>dotnet-gcdump report &lt;file&gt;</c> lists by type,
/// but sampled: their totals do not add up at a few hundred KiB per page. <c>--dump</c>: dotnet-dump's heap dumps, a few
/// hundred MB each, exact with <c>dotnet-dump analyze &lt;file&gt; -c "dumpheap -stat -live"</c>. Either sets up a session
/// inside the server, so the memory figures of a run with dumps are for reading the dumps only.
/// </summary>
public static class HeapDump
{
    public static async Task CollectAsync(BenchOptions options, int processId, string name)
    {
        var pid = processId.ToString(CultureInfo.InvariantCulture);
        if (options.GcDumpDirectory is { } gcdumps)
        {
            Directory.CreateDirectory(gcdumps);
            await RunToolAsync("dotnet-gcdump", ["collect", "-p", pid, "-o", Path.Combine(gcdumps, name + ".gcdump")]);
        }
        if (options.DumpDirectory is { } dumps)
        {
            Directory.CreateDirectory(dumps);
            await RunToolAsync("dotnet-dump", ["collect", "-p", pid, "--type", "Heap", "-o", Path.Combine(dumps, name + ".dmp")]);
        }
    }

    private static async Task RunToolAsync(string name, string[] arguments)
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", name);
        var psi = new ProcessStartInfo(File.Exists(installed) ? installed : name, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{name} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Log.Info(process.ExitCode == 0 ? $"{name}: {string.Join(' ', arguments)}" : $"{name} failed ({process.ExitCode}): {output.Trim()}");
    }
}

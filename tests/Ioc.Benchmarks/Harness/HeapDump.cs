using System.Diagnostics;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// A server's managed heap written by dotnet-gcdump (a global tool: <c>dotnet tool install -g dotnet-gcdump</c>), to see
/// what the objects of open pages are: <c>dotnet-gcdump report &lt;file&gt;</c> lists them by type. Collecting sets up an
/// event session inside the server, so the memory figures of a run with dumps are for reading the dumps only.
/// </summary>
public static class HeapDump
{
    public static async Task CollectAsync(string? directory, int processId, string name)
    {
        if (directory is null)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name + ".gcdump");
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var psi = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump", ["collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Log.Info(process.ExitCode == 0 ? $"heap of pid {processId} written to {file}" : $"dotnet-gcdump failed ({process.ExitCode}): {output.Trim()}");
    }
}

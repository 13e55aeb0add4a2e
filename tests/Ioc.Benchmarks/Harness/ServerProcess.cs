using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>Memory of a server process: GC heap and bytes allocated so far (from the probe inside it) and what the kernel says.</summary>
public sealed record MemorySample(long GcHeapBytes, long GcCommittedBytes, long RssBytes, int OpenFiles, int Gen2Collections, long AllocatedBytes)
{
    public static double MiB(double bytes) => bytes / (1024.0 * 1024.0);
}

/// <summary>
/// A server running as its own process from a <c>dotnet publish</c> folder outside the project (so
/// static web assets are served and its RSS is its own), in the Development environment, with the
/// benchmark's memory probe loaded as a startup hook. Stopped by its process id.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    // Servers still running when the benchmark stops (Ctrl+C, a crash) are stopped by their process id.
    private static readonly List<Process> Running = [];

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        Console.CancelKeyPress += (_, _) => StopAll();
    }

    private readonly Process _process;
    private readonly int _probePort;

    private ServerProcess(Process process, Uri address, int probePort, string logFile)
    {
        _process = process;
        Address = address;
        _probePort = probePort;
        LogFile = logFile;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public string LogFile { get; }

    /// <summary>Publishes a project (Release) into the data folder, once per benchmark run.</summary>
    public static async Task<string> PublishAsync(BenchContext context, string project, string name)
    {
        var output = Path.Combine(context.Options.DataDirectory, "publish", name);
        if (context.Published.Contains(output))
        {
            return output;
        }
        Log.Info($"Publishing {project} to {output}");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        var psi = new ProcessStartInfo("dotnet", ["publish", Path.Combine(TestPaths.RepositoryRoot, project), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed: {await stdout}{await stderr}");
        }
        context.Published.Add(output);
        return output;
    }

    /// <param name="port">The loopback port to listen on (a restarted server keeps its address); a free one when null.</param>
    /// <param name="logName">Name of the log file in the work folder (the server's stdout and stderr); dll-port.log when null.</param>
    public static async Task<ServerProcess> StartAsync(BenchContext context, string publishFolder, string dll, IReadOnlyDictionary<string, string> environment, string readyPath,
        int? port = null, string? logName = null)
    {
        var probe = await PublishAsync(context, "tests/Ioc.Benchmarks/MemoryProbe/Ioc.Benchmarks.MemoryProbe.csproj", "memory-probe");
        port ??= FreePort();
        var probePort = FreePort();
        var logFile = Path.Combine(context.WorkDirectory, logName ?? $"{Path.GetFileNameWithoutExtension(dll)}-{port}.log");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path.Combine(publishFolder, dll));
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_STARTUP_HOOKS"] = Path.Combine(probe, "Ioc.Benchmarks.MemoryProbe.dll");
        psi.Environment["IOC_BENCH_PROBE_PORT"] = probePort.ToString(CultureInfo.InvariantCulture);
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi)!;
        lock (Running)
        {
            Running.Add(process);
        }
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), probePort, logFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode} at start; see {logFile}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(server.Address, readyPath));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{dll} did not answer {readyPath} within 3 minutes; see {logFile}");
            }
            await Task.Delay(250);
        }
        return server;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Stops the server: SIGTERM and a graceful shutdown (up to <paramref name="grace"/>, then SIGKILL)
    /// when <paramref name="graceful"/>, else SIGKILL at once, as a crash or an OOM kill would. Returns when it has exited.
    /// </summary>
    public async Task StopAsync(bool graceful, TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        if (graceful && await SignalAsync(_process.Id, "TERM"))
        {
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                Log.Info($"pid {_process.Id} did not stop within {grace.TotalSeconds:F0} s of SIGTERM; killing it");
            }
        }
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    private static async Task<bool> SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }

    /// <summary>GC heap (after a full compacting collection when <paramref name="fullGc"/>), RSS and open file descriptors.</summary>
    public async Task<MemorySample> SampleAsync(bool fullGc)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _probePort);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream);
        await using var writer = new StreamWriter(stream) { AutoFlush = true };
        await writer.WriteLineAsync(fullGc ? "gc" : "stats");
        var parts = ((await reader.ReadLineAsync()) ?? throw new InvalidOperationException("The memory probe did not answer.")).Split(' ');
        var (rss, files) = KernelView(_process.Id);
        return new MemorySample(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), rss, files,
            int.Parse(parts[4], CultureInfo.InvariantCulture), long.Parse(parts[5], CultureInfo.InvariantCulture));
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status and the number of entries in /proc/&lt;pid&gt;/fd.</summary>
    public static (long RssBytes, int OpenFiles) KernelView(int pid)
    {
        long rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                break;
            }
        }
        return (rss, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        lock (Running)
        {
            Running.Remove(_process);
        }
        _process.Dispose();
    }

    private static void StopAll()
    {
        lock (Running)
        {
            foreach (var p in Running.Where(p => !p.HasExited))
            {
                p.Kill(entireProcessTree: false);
            }
            Running.Clear();
        }
    }
}

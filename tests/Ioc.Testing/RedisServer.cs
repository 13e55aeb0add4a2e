using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Ioc.Testing;

/// <summary>
/// Debian's redis-server on a free loopback port, as the KPI hub's backplane of a several-node layout:
/// no persistence (the backplane only relays messages), its files in the caller's folder, stopped by
/// its process id on dispose or when the test host or benchmark exits. The tests and the benchmarks
/// start it the same way; a test that keeps every server's output for its failure message starts it
/// from <see cref="Arguments"/> itself.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Path = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value of the apps' <c>Redis:Configuration</c> setting.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    /// <summary>Throws with what to do when Debian's redis-server is not installed.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: run tests/run.sh, which installs Debian's redis-server.");
        }
    }

    /// <summary>redis-server's command line: loopback only, this port, no snapshots or append-only file, its files in <paramref name="folder"/>.</summary>
    public static string[] Arguments(int port, string folder) =>
        ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder];

    public static async Task<RedisServer> StartAsync(string folder)
    {
        EnsureInstalled();
        var port = IocAppFactory.FreePort();
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in Arguments(port, folder))
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        // Read and drop its output, so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisServer(process, port);
        AppDomain.CurrentDomain.ProcessExit += redis.OnExit;
        try
        {
            await redis.WaitUntilListeningAsync();
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
        return redis;
    }

    private async Task WaitUntilListeningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} at start.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    private void OnExit(object? sender, EventArgs e)
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
    }

    /// <summary>Kills the server (SIGKILL), as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        await KillAsync();
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Text;

namespace Ioc.BrowserTests.MultiNode;

/// <summary>
/// A server of the multi-node layout (a web node, the aggregation service, redis-server, nginx) as its own
/// process on loopback, so that a test can kill exactly it by its id as a crash or a pulled plug would.
/// Its output is kept for the failure message.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    public static NodeProcess Start(string name, string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new NodeProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start."));
    }

    /// <summary>An IOC host (<c>Ioc.Web.dll</c> or <c>Ioc.AggregationService.dll</c> beside the tests) with settings on its command line.</summary>
    public static NodeProcess Ioc(string name, string dll, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, dll) };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        return Start(name, "dotnet", arguments, workingDirectory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
    }

    /// <summary>Waits until <paramref name="url"/> answers with a success status; fails with the process's output when it exits or never answers.</summary>
    public async Task WaitUntilAnswersAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {url} answered:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not answer {url} within {timeout}:\n{Output}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL, as a crash would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The two-process deployment of README "Two processes", both published and on free loopback ports
/// with one SQLite file: the aggregation service (ingest API, rollups, KPI hub and, when asked, the
/// demo simulator's live feed) and the web process with <c>Kpi:HubUrl</c> pointing at it. The
/// aggregation service can be stopped and started again on the same port while the web process
/// stays up, which cuts the web process's shared hub connection.
/// </summary>
public sealed class SplitServer : IAsyncDisposable
{
    public const string ServiceKey = "bench-soak-kpi-service-key-0123456789";

    private readonly BenchContext _context;
    private readonly string _aggregationPublish;
    private readonly Dictionary<string, string> _aggregationEnvironment;
    private readonly int _aggregationPort;

    private SplitServer(BenchContext context, string folder, string aggregationPublish, Dictionary<string, string> aggregationEnvironment, int aggregationPort, ServerProcess aggregation)
    {
        _context = context;
        Folder = folder;
        _aggregationPublish = aggregationPublish;
        _aggregationEnvironment = aggregationEnvironment;
        _aggregationPort = aggregationPort;
        Aggregation = aggregation;
        AggregationLogs.Add(aggregation.LogFile);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "ioc.db");

    /// <summary>The current aggregation service process (a new one after each restart); null while it is down.</summary>
    public ServerProcess? Aggregation { get; private set; }

    public Uri AggregationAddress => new($"http://127.0.0.1:{_aggregationPort}/");

    public ServerProcess Web { get; private set; } = null!;

    /// <summary>How many times the aggregation service has been started (1 after <see cref="StartAsync"/>).</summary>
    public int Generation { get; private set; } = 1;

    public List<string> AggregationLogs { get; } = [];

    /// <param name="simulator">Run the demo simulator in the aggregation service: <see cref="BenchSizes.SoakHistoryDays"/> of history (0: today's events up to now), then the live feed.</param>
    public static async Task<SplitServer> StartAsync(BenchContext context, bool simulator)
    {
        var aggregationPublish = await ServerProcess.PublishAsync(context, "src/Ioc.AggregationService/Ioc.AggregationService.csproj", "aggregation");
        var webPublish = await ServerProcess.PublishAsync(context, "src/Ioc.Web/Ioc.Web.csproj", "web");
        var folder = context.NewWorkFolder("split");
        var database = new Dictionary<string, string> { ["Database__Path"] = Path.Combine(folder, "ioc.db") };
        var environment = IocServerSettings.Aggregation(database, ServiceKey);
        environment["Simulator__Enabled"] = simulator ? "true" : "false";
        // By default only the live part: today's events up to now on the first start; after a restart
        // the simulator resumes from its last stored event, as it does in production.
        environment["Simulator__HistoryDays"] = context.Sizes.SoakHistoryDays.ToString(CultureInfo.InvariantCulture);
        environment["Simulator__DemoDataDirectory"] = TestPaths.DemoData;
        // The harness feed's "bench" events share the database: without this the simulator
        // would refuse to resume after a restart, as it refuses any database with a real source.
        environment["Simulator__AllowOutsideDemoData"] = "true";
        // The simulator's progress lines (caught up, resumed) are Information.
        environment["Logging__LogLevel__Ioc.Aggregation.Simulation"] = "Information";
        var port = ServerProcess.FreePort();
        var aggregation = await ServerProcess.StartAsync(context, aggregationPublish, "Ioc.AggregationService.dll", environment, "/", port, "aggregation-1.log");
        var server = new SplitServer(context, folder, aggregationPublish, environment, port, aggregation);
        try
        {
            server.Web = await ServerProcess.StartAsync(context, webPublish, "Ioc.Web.dll", IocServerSettings.WebNode(database, server.AggregationAddress, ServiceKey), "/health", logName: "web.log");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stops the aggregation service (SIGTERM and a graceful shutdown, or SIGKILL) and returns when it has exited.</summary>
    public async Task StopAggregationAsync(bool graceful)
    {
        if (Aggregation is not { } current)
        {
            return;
        }
        await current.StopAsync(graceful, TimeSpan.FromSeconds(30));
        Aggregation = null;
        await current.DisposeAsync();
    }

    /// <summary>Starts the aggregation service again on the same port and database; returns when it answers.</summary>
    public async Task StartAggregationAsync()
    {
        Generation++;
        var started = Stopwatch.StartNew();
        var log = $"aggregation-{Generation.ToString(CultureInfo.InvariantCulture)}.log";
        while (true)
        {
            try
            {
                Aggregation = await ServerProcess.StartAsync(_context, _aggregationPublish, "Ioc.AggregationService.dll", _aggregationEnvironment, "/", _aggregationPort, log);
                AggregationLogs.Add(Aggregation.LogFile);
                return;
            }
            catch (InvalidOperationException ex) when (started.Elapsed < TimeSpan.FromMinutes(2))
            {
                // E.g. the port still held for a moment: try again.
                Log.Info($"aggregation service did not start ({ex.Message}); trying again");
                await Task.Delay(1000);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The web process first: it must not see its hub go away while it is being measured no more.
        if (Web is not null)
        {
            await Web.DisposeAsync();
        }
        if (Aggregation is not null)
        {
            await Aggregation.DisposeAsync();
        }
        BenchContext.DeleteFolder(Folder);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"web {Web.Address} (pid {Web.ProcessId}), aggregation {AggregationAddress} (pid {Aggregation?.ProcessId})");
}

using System.Globalization;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The several-node layout of the deployment guide (docs/deploy/nginx-ioc-nodes.conf) on loopback,
/// without nginx (the benchmark opens each node's pages directly): redis-server as the KPI hub's
/// backplane, the aggregation service (ingest API, rollups, hub) and web nodes with <c>Kpi:HubUrl</c>
/// pointing at it, all published and every one its own process on one database. Whatever was started
/// is stopped on dispose, by process id, also when the start failed halfway.
/// </summary>
public sealed class NodeLayout : IAsyncDisposable
{
    public const string ServiceKey = "bench-nodes-kpi-service-key-0123456789";

    private readonly string _folder;
    private readonly List<ServerProcess> _webNodes = [];
    private RedisServer? _redis;

    private NodeLayout(string folder) => _folder = folder;

    public ServerProcess Aggregation { get; private set; } = null!;

    public IReadOnlyList<ServerProcess> WebNodes => _webNodes;

    public static async Task<NodeLayout> StartAsync(BenchContext context, BenchDatabase database, int webNodes)
    {
        var aggregationPublish = await ServerProcess.PublishAsync(context, "src/Ioc.AggregationService/Ioc.AggregationService.csproj", "aggregation");
        var webPublish = await ServerProcess.PublishAsync(context, "src/Ioc.Web/Ioc.Web.csproj", "web");
        var layout = new NodeLayout(context.NewWorkFolder("nodes"));
        var tag = database.Label.ToLowerInvariant();
        try
        {
            layout._redis = await RedisServer.StartAsync(layout._folder);
            var aggregation = IocServerSettings.Aggregation(database.Environment, ServiceKey);
            aggregation["Redis__Configuration"] = layout._redis.Configuration;
            layout.Aggregation = await ServerProcess.StartAsync(context, aggregationPublish, "Ioc.AggregationService.dll", aggregation, "/", logName: $"nodes-{tag}-aggregation.log");
            // One after the other: the first node creates the demo accounts, the next ones find them.
            for (var i = 0; i < webNodes; i++)
            {
                var name = ((char)('a' + i)).ToString(CultureInfo.InvariantCulture);
                layout._webNodes.Add(await ServerProcess.StartAsync(context, webPublish, "Ioc.Web.dll",
                    IocServerSettings.WebNode(database.Environment, layout.Aggregation.Address, ServiceKey), "/health", logName: $"nodes-{tag}-web-{name}.log"));
            }
        }
        catch
        {
            await layout.DisposeAsync();
            throw;
        }
        return layout;
    }

    public async ValueTask DisposeAsync()
    {
        // The web nodes first: they must not see their hub go away while they are still being read.
        foreach (var node in _webNodes)
        {
            await node.DisposeAsync();
        }
        if (Aggregation is not null)
        {
            await Aggregation.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        BenchContext.DeleteFolder(_folder);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"aggregation {Aggregation.Address} (pid {Aggregation.ProcessId}), redis pid {_redis?.ProcessId}, web nodes {string.Join(", ", _webNodes.Select(n => $"{n.Address} (pid {n.ProcessId})"))}");
}

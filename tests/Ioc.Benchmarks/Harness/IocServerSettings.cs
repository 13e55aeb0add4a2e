using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// Environment of the IOC server processes in the benchmarks' several-process layouts (README "Two
/// processes" and the several-node guide): each gets the shared database, the reference files and the
/// KPI hub's service key; the aggregation service takes the harness's ingest source, the web nodes
/// follow its hub through <c>Kpi:HubUrl</c>. Callers add what their layout needs on top.
/// </summary>
public static class IocServerSettings
{
    /// <summary>The aggregation service: ingest API (the harness's "bench" source, no rate limit worth the name), rollups and the KPI hub; no demo simulator.</summary>
    public static Dictionary<string, string> Aggregation(IEnumerable<KeyValuePair<string, string>> database, string serviceKey) => new(database)
    {
        ["ReferenceData__Directory"] = TestPaths.ReferenceData,
        ["Kpi__ServiceKey"] = serviceKey,
        ["Ingest__Sources__0__Name"] = "bench",
        ["Ingest__Sources__0__Key"] = IocAppFactory.TestSourceKey,
        // The default 6,000 requests per minute per key would throttle the harness's feeds.
        ["Ingest__RequestsPerMinutePerKey"] = "1000000",
        ["Simulator__Enabled"] = "false",
    };

    /// <summary>A web node: pages only, its live figures from the aggregation service's hub; the demo accounts (password <see cref="IocAppFactory.DemoPassword"/>) for signing in.</summary>
    public static Dictionary<string, string> WebNode(IEnumerable<KeyValuePair<string, string>> database, Uri aggregation, string serviceKey) => new(database)
    {
        ["ReferenceData__Directory"] = TestPaths.ReferenceData,
        ["Kpi__HubUrl"] = new Uri(aggregation, "/hubs/kpi").ToString(),
        ["Kpi__ServiceKey"] = serviceKey,
        ["Simulator__Enabled"] = "false",
        ["Demo__Enabled"] = "true",
        ["Demo__Password"] = IocAppFactory.DemoPassword,
    };
}

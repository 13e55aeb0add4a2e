extern alias aggregationservice;

using Ioc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using AggregationProgram = aggregationservice::Program;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>
/// The separate aggregation service (ingest, rollups, hub) on a free port of its own. Kestrel is
/// chosen in the constructor: a factory derived with WithWebHostBuilder ignores it and takes :5000.
/// </summary>
public sealed class AggregationHost : WebApplicationFactory<AggregationProgram>
{
    private readonly string _database;
    private readonly string _serviceKey;
    private readonly (string Key, string Value)[] _settings;

    public AggregationHost(string database, string serviceKey, params (string Key, string Value)[] settings)
        : this(0, database, serviceKey, settings)
    {
    }

    /// <summary>On a given port: the service coming back where the web process expects it, after it was stopped.</summary>
    public AggregationHost(int port, string database, string serviceKey, params (string Key, string Value)[] settings)
    {
        _database = database;
        _serviceKey = serviceKey;
        _settings = settings;
        UseKestrel(port);
    }

    public Uri Address => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Path", _database);
        builder.UseSetting("ReferenceData:Directory", TestPaths.ReferenceData);
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Kpi:ServiceKey", _serviceKey);
        builder.UseSetting("Ingest:Sources:0:Name", "test");
        builder.UseSetting("Ingest:Sources:0:Key", IocAppFactory.TestSourceKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The whole app (web, aggregation, hub) in this process on a real Kestrel port, on the real clock,
/// with the production default <c>Database:Synchronous=Full</c> (the test factory's default is Normal).
/// </summary>
public static class InProcessApp
{
    public static IocAppFactory Create(string databasePath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new IocAppFactory(databasePath: databasePath) { UseManualClock = false }
            .With("Database:Synchronous", "Full")
            .With("Logging:LogLevel:Default", "Warning")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Warning")
            // The app's log goes to stderr with the progress; stdout is the table's.
            .With("Logging:Console:LogToStandardErrorThreshold", "Trace")
            // The default 6,000 requests per minute per key would cap a catching-up source at 100 batches a second.
            .With("Ingest:RequestsPerMinutePerKey", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.With(key, value);
        }
        return app;
    }

    /// <summary>An HTTP client for the ingest API with the configured test source's key.</summary>
    public static HttpClient ApiClient(IocAppFactory app) => ApiClient(app.ServerAddress);

    /// <summary>An HTTP client for the ingest API of a server at <paramref name="address"/> (in this process or its own) with the test source's key.</summary>
    public static HttpClient ApiClient(Uri address)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(10),
        };
        client.DefaultRequestHeaders.Add(Ioc.Aggregation.Ingest.IngestEndpoints.ApiKeyHeader, IocAppFactory.TestSourceKey);
        return client;
    }
}

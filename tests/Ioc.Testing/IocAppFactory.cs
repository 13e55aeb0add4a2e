using System.Net.Http.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Ioc.Testing;

/// <summary>
/// The whole app (web, aggregation, hub) on a real Kestrel port with its own SQLite file (or PostgreSQL
/// database, <see cref="OnProviderAsync"/>) and a manual clock: what a browser or a SignalR client talks to. Each instance is independent.
/// </summary>
public class IocAppFactory : WebApplicationFactory<Program>
{
    public const string TestSourceKey = "test-source-key-0123456789abcdef";

    private readonly TempFolder? _folder;
    private readonly Dictionary<string, string?> _settings = [];
    private PostgresDatabase? _postgres;

    /// <param name="port">0 for any free port; a fixed port lets a test restart the server where browsers expect it.</param>
    /// <param name="databasePath">A database that outlives this instance (restarts); by default a fresh one in a temp folder.</param>
    public IocAppFactory(int port = 0, string? databasePath = null)
    {
        UseKestrel(port);
        if (databasePath is null)
        {
            _folder = TestPaths.NewTempFolder();
            databasePath = _folder.File("ioc.db");
        }
        DatabasePath = databasePath;
    }

    /// <summary>A port that was free a moment ago, for tests that restart a server on the same port.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ManualTimeProvider Time { get; } = new(IngestHarness.DefaultNow);

    /// <summary>When false the app runs on the real clock (for tests that wait on timers).</summary>
    public bool UseManualClock { get; init; } = true;

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string DatabasePath { get; }

    /// <summary>Database:Provider of this app: SQLite unless <see cref="OnProviderAsync"/> chose PostgreSQL.</summary>
    public string Provider => _postgres is null ? Ioc.Data.DatabaseOptions.Sqlite : Ioc.Data.DatabaseOptions.PostgreSql;

    /// <summary>
    /// Runs this app on <paramref name="provider"/>: SQLite's file as by default, or a fresh migrated database on the
    /// test process's PostgreSQL cluster (like <see cref="ProviderHost"/>), dropped with the app. Call before the server starts.
    /// </summary>
    public async Task<IocAppFactory> OnProviderAsync(string provider)
    {
        if (provider == Ioc.Data.DatabaseOptions.PostgreSql && _postgres is null)
        {
            _postgres = await PostgresCluster.Shared.CreateDatabaseAsync();
        }
        return this;
    }

    /// <summary>The settings that point another host or process at this app's database.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings => _postgres is null
        ? new Dictionary<string, string?> { ["Database:Path"] = DatabasePath }
        : new Dictionary<string, string?>
        {
            ["Database:Provider"] = Ioc.Data.DatabaseOptions.PostgreSql,
            ["Database:ConnectionString"] = _postgres.ConnectionString,
        };

    /// <summary>Extra settings; set before the server starts.</summary>
    public IocAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Log providers added to the app's logging (e.g. one that captures entries for a test); set before the server starts.</summary>
    public List<ILoggerProvider> LoggerProviders { get; } = [];

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/. Starts the server on first use.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public ReferenceCatalog Catalog => Services.GetRequiredService<ReferenceCatalog>();

    /// <summary>The key this app's hub accepts from web processes (random per start in one-process mode).</summary>
    public string ServiceKey => Services.GetRequiredService<Ioc.Aggregation.Publishing.KpiServiceCredentials>().Key;

    /// <summary>Password of the demo accounts, which every test app seeds.</summary>
    public const string DemoPassword = "Demo@2026ioc";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Synchronous", "Normal");
        foreach (var (key, value) in DatabaseSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("ReferenceData:Directory", TestPaths.ReferenceData);
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Ingest:Sources:0:Name", "test");
        builder.UseSetting("Ingest:Sources:0:Key", TestSourceKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (LoggerProviders.Count > 0)
        {
            builder.ConfigureLogging(logging =>
            {
                foreach (var provider in LoggerProviders)
                {
                    logging.AddProvider(provider);
                }
            });
        }
        if (UseManualClock)
        {
            builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton(new Ioc.Domain.Time.ProvinceClock(Time))));
        }
        // Identity's 100,000 PBKDF2 rounds cost about 0.1 s of a core per hash here: five demo accounts at every start
        // and every sign-in, hundreds of times in a suite bound by its two cores. The hash format, and every check
        // against it, stay the same; only the work factor stored in each hash is lower.
        builder.ConfigureTestServices(s => s.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>Posts events through the public API with the test source's key.</summary>
    public async Task<HttpResponseMessage> PostEventsAsync(params IngestEvent[] events)
    {
        using var client = CreateApiClient();
        return await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [.. events] }, IngestJsonContext.Default.IngestBatch);
    }

    public HttpClient CreateApiClient(string? key = TestSourceKey)
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(IngestEndpoints.ApiKeyHeader, key);
        }
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder?.Dispose();
            // Dispose is synchronous here (WebApplicationFactory's DisposeAsync ends in it too); the drop takes milliseconds.
            _postgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _postgres = null;
        }
    }
}

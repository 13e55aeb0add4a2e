using Ioc.Aggregation;
using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Benchmarks.Data;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The aggregation core (data, ingest pipeline, queries, backfill) on a given SQLite file, without a
/// web server and without starting hosted services: what the backfill command and the query
/// services run on. The database is migrated and the reference files synced on open.
/// </summary>
public sealed class DataHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DataHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ReferenceCatalog Catalog => Services.GetRequiredService<ReferenceCatalog>();

    public WorkingCalendar Calendar => Services.GetRequiredService<WorkingCalendar>();

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public IngestPipeline Pipeline => Services.GetRequiredService<IngestPipeline>();

    public IndicatorQueries Indicators => Services.GetRequiredService<IndicatorQueries>();

    public DossierQueries Dossiers => Services.GetRequiredService<DossierQueries>();

    public CsvBackfill Backfill => Services.GetRequiredService<CsvBackfill>();

    /// <param name="synchronous">SQLite synchronous mode; the app's default is Full.</param>
    /// <param name="now">A frozen clock (for comparisons that must not depend on the second); the system clock otherwise.</param>
    public static Task<DataHost> OpenAsync(string databasePath, string synchronous = "Full", DateTimeOffset? now = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        return OpenAsync(new Dictionary<string, string?>
        {
            ["Database:Path"] = databasePath,
            ["Database:Synchronous"] = synchronous,
        }, now);
    }

    /// <summary>The same over any database the <c>Database:*</c> settings name (SQLite or PostgreSQL).</summary>
    public static async Task<DataHost> OpenAsync(IReadOnlyDictionary<string, string?> database, DateTimeOffset? now = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ReferenceData:Directory"] = TestPaths.ReferenceData });
        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (now is DateTimeOffset frozen)
        {
            builder.Services.AddSingleton(new ProvinceClock(new FixedTimeProvider(frozen)));
        }
        builder.AddIocData();
        builder.AddIocAggregation();
        var host = builder.Build();
        await host.Services.InitializeIocDatabaseAsync();
        // The server indexes dossier codes within seconds of starting (hosted services do not run here);
        // SQLite's code index only: PostgreSQL's lists search codes through a trigram index kept by the server.
        if (!host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.IsPostgreSql)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            if (await host.Services.GetRequiredService<DossierCodeIndexer>().IndexAsync() is var indexed and > 0)
            {
                Log.Info($"Indexed {indexed:N0} dossier codes in {started.Elapsed.TotalSeconds:F1} s");
            }
        }
        return new DataHost(host);
    }

    /// <summary>Runs a maintenance command (<c>backfill</c>, <c>rebuild</c>) exactly as <c>dotnet Ioc.Web.dll backfill …</c> does.</summary>
    public Task<int> RunCommandAsync(string[] args, TextWriter output) => IocCommands.RunAsync(args, Services, output);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

using Ioc.Aggregation;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ioc.Testing;

/// <summary>
/// The aggregation core on a real SQLite file in a temp folder, without a web server: for tests of
/// ingest, rollups and queries. Reference data are the repository's files unless a folder is given.
/// </summary>
public sealed class IngestHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _folder;

    private IngestHarness(IHost host, TempFolder folder, ManualTimeProvider time)
    {
        _host = host;
        _folder = folder;
        Time = time;
    }

    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 20, 12, 0, 0, ProvinceTime.Offset);

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public IngestPipeline Pipeline => Services.GetRequiredService<IngestPipeline>();

    public IndicatorQueries Queries => Services.GetRequiredService<IndicatorQueries>();

    public ReferenceCatalog Catalog => Services.GetRequiredService<ReferenceCatalog>();

    public WorkingCalendar Calendar => Services.GetRequiredService<WorkingCalendar>();

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public string DatabasePath => Database.FilePath;

    public static async Task<IngestHarness> CreateAsync(DateTimeOffset? now = null, string? referenceDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var folder = TestPaths.NewTempFolder();
        var time = new ManualTimeProvider(now ?? DefaultNow);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = folder.File("ioc.db"),
            ["Database:Synchronous"] = "Normal",
            ["ReferenceData:Directory"] = referenceDirectory ?? TestPaths.ReferenceData,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddSingleton(new ProvinceClock(time));
        builder.Services.AddLogging();
        builder.AddIocData();
        builder.AddIocAggregation();
        var host = builder.Build();
        await host.Services.InitializeIocDatabaseAsync();
        return new IngestHarness(host, folder, time);
    }

    public Task<IngestOutcome> IngestAsync(params IngestEvent[] events) => Pipeline.IngestAsync("test", events);

    public Task<IngestOutcome> IngestAsync(IReadOnlyList<IngestEvent> events) => Pipeline.IngestAsync("test", events);

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Task.Yield();
        _folder.Dispose();
    }
}

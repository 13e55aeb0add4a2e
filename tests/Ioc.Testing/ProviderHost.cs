using Ioc.Aggregation;
using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Storage.PostgreSql;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Domain.Time;
using Ioc.Web.Features.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ioc.Testing;

/// <summary>
/// The app's services over one database provider, built but not started: what goes through EF Core
/// (migrations, reference data, accounts, keys, audit, alerts), the indicator queries and the ingest writer,
/// run by provider tests against SQLite and PostgreSQL alike. The hosted services (demo feed, hotline
/// trainer, code indexer) are not started here: tests that need them build or start them themselves.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    /// <summary>Both providers, for a test's <c>[MemberData]</c>.</summary>
    public static IReadOnlyList<string> Providers { get; } = [DatabaseOptions.Sqlite, DatabaseOptions.PostgreSql];

    private readonly WebApplication _app;
    private readonly TempFolder _folder;
    private readonly PostgresDatabase? _postgres;

    private ProviderHost(string provider, WebApplication app, TempFolder folder, PostgresDatabase? postgres)
    {
        Provider = provider;
        _app = app;
        _folder = folder;
        _postgres = postgres;
    }

    public string Provider { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The settings that point a host at this database (for another host on the same data).</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>A fresh, migrated database of <paramref name="provider"/> with the repository's reference data loaded.</summary>
    /// <param name="now">The app's clock, fixed (default: <see cref="IngestHarness.DefaultNow"/>).</param>
    public static async Task<ProviderHost> StartAsync(string provider, string? referenceDirectory = null, DateTimeOffset? now = null)
    {
        var folder = TestPaths.NewTempFolder();
        PostgresDatabase? postgres = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["Database:Synchronous"] = "Normal",
                ["ReferenceData:Directory"] = referenceDirectory ?? TestPaths.ReferenceData,
            };
            if (provider == DatabaseOptions.PostgreSql)
            {
                postgres = await PostgresCluster.Shared.CreateDatabaseAsync();
                settings["Database:ConnectionString"] = postgres.ConnectionString;
            }
            else
            {
                settings["Database:Path"] = folder.File("ioc.db");
            }
            var app = Build(settings, new ProvinceClock(new ManualTimeProvider(now ?? IngestHarness.DefaultNow)));
            var host = new ProviderHost(provider, app, folder, postgres) { DatabaseSettings = settings };
            await app.Services.InitializeIocDatabaseAsync();
            return host;
        }
        catch
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The services of the app over <paramref name="settings"/>, not started and not initialised.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, ProvinceClock? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        // Only the data layer's services are used: the ingest sink and others that a whole app adds are absent.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = false);
        builder.AddIocData();
        builder.AddIocIndicators();
        builder.AddIocIngestWriter();
        builder.AddIocAccounts();
        return builder.Build();
    }

    /// <summary>
    /// One batch of rollup deltas through each provider's writer, in one transaction: SQLite's prepared
    /// upsert per row, PostgreSQL's upsert from arrays. The rows written.
    /// </summary>
    public int WriteRollups(IEnumerable<RollupDeltas> tables, AnswerTimeDeltas? answers = null)
    {
        if (Provider == DatabaseOptions.PostgreSql)
        {
            using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
            connection.Open();
            using var tx = connection.BeginTransaction();
            var n = tables.Sum(t => PostgreSqlRollupUpsert.Write(connection, tx, t)) + (answers is null ? 0 : PostgreSqlRollupUpsert.Write(connection, tx, answers));
            tx.Commit();
            return n;
        }
        using var sqlite = Services.GetRequiredService<SqliteDatabase>().Open();
        using var transaction = sqlite.BeginTransaction();
        using var statements = new WriterStatements(sqlite);
        var written = tables.Sum(t => t.WriteTo(statements)) + (answers?.WriteTo(statements) ?? 0);
        transaction.Commit();
        return written;
    }

    /// <summary>Reads the database directly, as a check independent of the code under test.</summary>
    public async Task<T> ReadAsync<T>(Func<IocDbContext, Task<T>> read)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        _folder.Dispose();
    }
}

using Ioc.Data.Reference;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ioc.Data;

/// <summary>Holds the catalogue once <see cref="DataExtensions.InitializeIocDatabaseAsync"/> has loaded it.</summary>
public sealed class CatalogHolder
{
    private ReferenceCatalog? _catalog;

    /// <summary>A unit moved or merged under another parent at this start: the rollups of its old and new ancestors must be recomputed.</summary>
    public bool TreeChanged { get; set; }

    /// <summary>Whether <see cref="Catalog"/> is there yet (options built before start-up ask without throwing).</summary>
    public bool IsLoaded => _catalog is not null;

    public ReferenceCatalog Catalog
    {
        get => _catalog ?? throw new InvalidOperationException("The database has not been initialized; call InitializeIocDatabaseAsync at start-up.");
        set => _catalog = value;
    }
}

public static class DataExtensions
{
    public static IHostApplicationBuilder AddIocData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // SQLite's own type on SQLite alone: the provider is read from the validated options when first resolved.
        builder.Services.AddSingleton(sp => sp.UsesPostgreSql()
            ? throw new InvalidOperationException(
                "The SQLite database was asked for while Database:Provider is PostgreSQL: a SQLite-only path (backup, the WAL checkpointer, SQLite's code index) must check the provider first.")
            : new SqliteDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>()));
        builder.Services.AddSingleton<Ioc.Data.PostgreSql.PostgreSqlDatabase>();
        // The readers ported to both providers ask for this; the SQLite-only ones take SqliteDatabase on SQLite alone.
        builder.Services.AddSingleton<IQueryDatabase>(sp => sp.UsesPostgreSql()
            ? sp.GetRequiredService<Ioc.Data.PostgreSql.PostgreSqlDatabase>()
            : sp.GetRequiredService<SqliteDatabase>());
        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        builder.Services.AddPooledDbContextFactory<IocDbContext>((sp, o) =>
        {
            if (sp.UsesPostgreSql())
            {
                o.UseNpgsql(sp.GetRequiredService<Ioc.Data.PostgreSql.PostgreSqlDatabase>().DataSource, PostgreSqlMigrations);
                return;
            }
            var db = sp.GetRequiredService<SqliteDatabase>();
            o.UseSqlite(db.ConnectionString).AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>());
        });
        builder.Services.AddSingleton<CatalogHolder>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<CatalogHolder>().Catalog);
        builder.Services.AddSingleton(sp => ReferenceFiles.ReadCalendar(ReferenceDirectory(sp)));
        builder.Services.AddSingleton(sp => ReferenceFiles.ReadScoreCard(ReferenceDirectory(sp)));
        return builder;
    }

    /// <summary>
    /// Checks the reference files, applies migrations and brings the files into the database. Call
    /// once before serving. Bad reference data throws <see cref="ReferenceDataException"/> with every
    /// problem before anything is written, not even a migration.
    /// </summary>
    public static async Task<ReferenceCatalog> InitializeIocDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var directory = ReferenceDirectory(services);
        ReferenceValidator.EnsureValid(directory);
        var factory = services.GetRequiredService<IDbContextFactory<IocDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        var (catalog, treeChanged) = await ReferenceDataLoader.SyncAsync(db, directory, ct);
        var holder = services.GetRequiredService<CatalogHolder>();
        holder.Catalog = catalog;
        holder.TreeChanged = treeChanged;
        // Fail at start, not at the first event, when the calendar or the score card file is broken.
        services.GetRequiredService<WorkingCalendar>();
        services.GetRequiredService<ScoreCardDefinition>();
        return catalog;
    }

    /// <summary>
    /// Opens an existing database without changing it (no migration, no reference data): for
    /// commands that only read. False, with the reason written, when it is missing or not migrated.
    /// </summary>
    public static async Task<bool> OpenIocDatabaseAsIsAsync(this IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        var path = services.DescribeDatabase();
        if (!await services.IocDatabaseExistsAsync(ct))
        {
            output.WriteLine($"There is no database at {path}.");
            return false;
        }
        var factory = services.GetRequiredService<IDbContextFactory<IocDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            output.WriteLine($"The database at {path} needs migrations that this command does not apply; start the server once (or run rebuild without --check).");
            return false;
        }
        services.GetRequiredService<CatalogHolder>().Catalog = await ReferenceDataLoader.LoadCatalogAsync(db, ct);
        services.GetRequiredService<WorkingCalendar>();
        services.GetRequiredService<ScoreCardDefinition>();
        return true;
    }

    /// <summary>Whether Database:Provider is PostgreSQL; SQLite otherwise (the default).</summary>
    public static bool UsesPostgreSql(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgreSql;

    /// <summary>
    /// The same, read from the settings while services are registered, for services that exist for one provider
    /// only (the options are not built yet then).
    /// </summary>
    public static bool UsesPostgreSql(this Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] == DatabaseOptions.PostgreSql;

    /// <summary>The database in use as commands print it: SQLite's file, or PostgreSQL's database and server (never the password).</summary>
    public static string DescribeDatabase(this IServiceProvider services) => services.UsesPostgreSql()
        ? services.GetRequiredService<Ioc.Data.PostgreSql.PostgreSqlDatabase>().Description
        : services.GetRequiredService<SqliteDatabase>().FilePath;

    /// <summary>
    /// Whether an IOC database is there, for commands that must not make one out of a mistyped name: SQLite's
    /// file exists; PostgreSQL's database answers and has had migrations applied (EF Core's migrate would create
    /// a missing PostgreSQL database, as SQLite would create a missing file).
    /// </summary>
    public static async Task<bool> IocDatabaseExistsAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (!services.UsesPostgreSql())
        {
            return File.Exists(services.GetRequiredService<SqliteDatabase>().FilePath);
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) && (await db.Database.GetAppliedMigrationsAsync(ct)).Any();
    }

    public static Task<ReferenceCatalog> InitializeIocDatabaseAsync(this WebApplication app, CancellationToken ct = default) =>
        app.Services.InitializeIocDatabaseAsync(ct);

    /// <summary>
    /// Npgsql with the PostgreSQL migrations, which live in their own assembly: EF Core keeps one
    /// migrations set per provider, both generated from <see cref="IocDbContext"/>'s one model.
    /// </summary>
    public static DbContextOptionsBuilder UseIocPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, PostgreSqlMigrations);

    private static void PostgreSqlMigrations(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder o) =>
        o.MigrationsAssembly(PostgreSqlMigrationsAssembly);

    /// <summary>The assembly holding the PostgreSQL migrations (src/Ioc.Data.PostgreSql).</summary>
    public const string PostgreSqlMigrationsAssembly = "Ioc.Data.PostgreSql";

    /// <summary>The reference directory in use, resolved like the database path.</summary>
    public static string ReferenceDirectory(IServiceProvider sp) =>
        DataPaths.Resolve(sp.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.Directory);
}

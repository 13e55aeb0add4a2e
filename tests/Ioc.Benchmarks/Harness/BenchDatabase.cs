using Ioc.Data;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// A fresh database of one provider for one run, as production would be set up: a SQLite file in a
/// work folder with <c>synchronous=FULL</c>, or a new migrated database on a PostgreSQL cluster of the
/// run's own (<see cref="PostgresCluster.StartDurable"/>: fsync and synchronous commit on). Apps get it
/// through <c>Database:*</c> settings only; the file or the database is removed on dispose.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly PostgresDatabase? _postgres;

    private BenchDatabase(string provider, string folder, PostgresDatabase? postgres, Dictionary<string, string?> settings)
    {
        Provider = provider;
        _folder = folder;
        _postgres = postgres;
        Settings = settings;
    }

    public string Provider { get; }

    /// <summary>"SQLite" or "PostgreSQL", for tables and logs.</summary>
    public string Label => Provider == DatabaseOptions.PostgreSql ? "PostgreSQL" : "SQLite";

    /// <summary>The <c>Database:*</c> settings that point an app at this database (configuration keys, with colons).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The same settings as environment variables, for a server started as its own process.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment =>
        Settings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value!));

    /// <param name="cluster">Needed for <see cref="DatabaseOptions.PostgreSql"/>.</param>
    public static async Task<BenchDatabase> CreateAsync(BenchContext context, string provider, PostgresCluster? cluster)
    {
        var folder = context.NewWorkFolder("db");
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (provider == DatabaseOptions.PostgreSql)
        {
            var postgres = await (cluster ?? throw new ArgumentNullException(nameof(cluster), "PostgreSQL needs the run's cluster.")).CreateDatabaseAsync();
            settings["Database:ConnectionString"] = postgres.ConnectionString;
            return new BenchDatabase(provider, folder, postgres, settings);
        }
        settings["Database:Path"] = Path.Combine(folder, "ioc.db");
        settings["Database:Synchronous"] = "Full";
        return new BenchDatabase(provider, folder, null, settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        BenchContext.DeleteFolder(_folder);
    }
}

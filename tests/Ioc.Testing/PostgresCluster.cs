using System.Diagnostics;
using System.Globalization;
using Ioc.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ioc.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for the provider tests, like the browser tests' Chromium: Debian's
/// binaries (tests/run.sh installs <c>postgresql</c> when missing), <c>initdb</c> into a temp folder and
/// a server on a free loopback port, started once per test process and removed when it ends. Each test
/// gets its own database, copied from a migrated template (a copy takes milliseconds; migrating takes seconds).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Template = "ioc_template";

    private static readonly Lazy<PostgresCluster> SharedCluster = new(() => Start(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);

    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; one copy at a time.
    private readonly SemaphoreSlim _creating = new(1, 1);
    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly int _port;
    private bool _disposed;

    private PostgresCluster(string bin, string dataDirectory, int port)
    {
        _bin = bin;
        _dataDirectory = dataDirectory;
        _port = port;
    }

    /// <summary>The cluster of this test process, started on first use (two to three seconds, plus the template's migrations).</summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    /// <summary>
    /// A cluster of its own with PostgreSQL's durable defaults (fsync, synchronous commit, full-page writes),
    /// for benchmarks that compare it with SQLite's <c>synchronous=FULL</c>; stopped on dispose.
    /// </summary>
    public static PostgresCluster StartDurable() => Start(durable: true);

    /// <summary>Where Debian puts the server binaries (the newest major version present), or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;

    /// <summary>A connection string for a database on this cluster.</summary>
    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Database = database,
        Pooling = pooling,
        // Tests run in parallel, each with its own pool: keep each pool small.
        MaxPoolSize = 20,
    }.ToString();

    /// <summary>A new, migrated, empty database; dropped when the returned handle is disposed.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var name = "ioc_" + Guid.NewGuid().ToString("N")[..16];
        await _creating.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        }
        finally
        {
            _creating.Release();
        }
        return new PostgresDatabase(this, name);
    }

    internal async Task DropAsync(string name)
    {
        if (_disposed)
        {
            return;
        }
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(name)));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgresCluster Start(bool durable)
    {
        var bin = BinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL is missing (no /usr/lib/postgresql/<version>/bin/initdb): run tests/run.sh, which installs Debian's postgresql.");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ioc-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = IocAppFactory.FreePort();
        var cluster = new PostgresCluster(bin, dataDirectory, port);
        try
        {
            // Trust on loopback only (the server listens on 127.0.0.1 alone); durability off unless asked for: the cluster dies with the tests.
            cluster.Run("initdb", "-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            cluster.StartServerWithWatchdog(durable);
            cluster.WaitUntilReady();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
            cluster.MigrateTemplate();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The test host is often killed rather than ended (no dispose, no ProcessExit), sometimes with its whole
    /// process tree: a small shell, detached from this process's tree, runs the server, stops it as soon as
    /// this process is gone and deletes its folder once it has stopped.
    /// </summary>
    private void StartServerWithWatchdog(bool durable)
    {
        var d = _dataDirectory;
        var watchdog =
            $"'{_bin}/postgres' -D '{d}' -p {_port} -h 127.0.0.1 -k '{d}' " +
            (durable ? "-c shared_buffers=256MB " : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off ") + "-c max_connections=300 " +
            $">'{d}/server.log' 2>&1 & pg=$!; " +
            $"while [ -d /proc/{Environment.ProcessId} ] && kill -0 $pg 2>/dev/null; do sleep 1; done; " +
            $"kill -QUIT $pg 2>/dev/null; wait $pg; rm -rf '{d}'";
        using var process = Process.Start(Command("sh", "-c", $"( {watchdog} ) </dev/null >/dev/null 2>&1 &"))!;
        process.WaitForExit();
    }

    private void WaitUntilReady()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                connection.Open();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
        }
    }

    private void MigrateTemplate()
    {
        ExecuteAsync($"CREATE DATABASE {Template}").GetAwaiter().GetResult();
        var options = new DbContextOptionsBuilder<IocDbContext>();
        // No pooling: a connection left open on the template would make every copy of it fail.
        options.UseIocPostgreSql(ConnectionString(Template, pooling: false));
        using var db = new IocDbContext(options.Options);
        db.Database.Migrate();
    }

    /// <summary>Runs a server program (initdb, pg_ctl) to its end; throws with its output and the server's log when it fails.</summary>
    private void Run(string program, params string[] arguments)
    {
        var start = Command(Path.Combine(_bin, program), arguments);
        using var process = Process.Start(start)!;
        // pg_ctl's server inherits the pipes: read to the end only what pg_ctl itself writes before it exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 90 s.");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_dataDirectory, "server.log");
            throw new InvalidOperationException(
                $"{program} failed ({process.ExitCode}): {(error.IsCompleted ? error.Result : "")} {(output.IsCompleted ? output.Result : "")}" +
                (File.Exists(log) ? "\n" + File.ReadAllText(log) : ""));
        }
    }

    /// <summary>
    /// A command line; initdb and postgres refuse to run as root, so as root (CI, this machine) it runs as
    /// Debian's <c>postgres</c> user, which the package creates.
    /// </summary>
    private static ProcessStartInfo Command(string program, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // The watchdog deletes the folder once the server has stopped.
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            NpgsqlConnection.ClearAllPools();
            Run("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        }
        else if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

/// <summary>One test's database on the <see cref="PostgresCluster"/>; dropped on dispose.</summary>
public sealed class PostgresDatabase(PostgresCluster cluster, string name) : IAsyncDisposable
{
    public string Name => name;

    public string ConnectionString => cluster.ConnectionString(name);

    public ValueTask DisposeAsync() => new(cluster.DropAsync(name));
}

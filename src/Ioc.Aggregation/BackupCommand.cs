using Ioc.Data;
using Ioc.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation;

/// <summary>
/// <c>backup &lt;file&gt; [--force]</c>: an online copy of the database while the server runs. It only
/// reads, so unlike rebuild or backfill it does not need the database alone.
/// </summary>
public static class BackupCommand
{
    /// <summary>Exit code when the database to copy does not exist (EX_NOINPUT).</summary>
    public const int NoDatabase = 66;

    /// <summary>Exit code when the target exists and --force was not given (EX_CANTCREAT).</summary>
    public const int TargetExists = 73;

    /// <summary>Exit code on PostgreSQL, whose own tool makes the backup (EX_UNAVAILABLE).</summary>
    public const int NotThisProvider = 69;

    /// <summary>The one line <c>backup</c> answers on PostgreSQL.</summary>
    public const string PostgreSqlRefusal =
        "Refused: backup copies IOC's SQLite file, and Database:Provider is PostgreSQL; back the database up with PostgreSQL's own pg_dump (e.g. pg_dump --format=custom --file=ioc.dump <database>). Nothing was written.";

    public static int Run(CommandLine line, IServiceProvider services, TextWriter output)
    {
        if (services.UsesPostgreSql())
        {
            output.WriteLine(PostgreSqlRefusal);
            return NotThisProvider;
        }
        var database = services.GetRequiredService<SqliteDatabase>().FilePath;
        output.WriteLine($"Database: {database}");
        var files = line.Words.Skip(1).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (files.Count != 1)
        {
            output.WriteLine("Usage: backup <file> [--force]");
            return IocCommands.Usage;
        }
        var target = Path.GetFullPath(files[0]);
        if (!File.Exists(database))
        {
            output.WriteLine($"There is no database at {database}; nothing was written.");
            return NoDatabase;
        }
        if (string.Equals(target, Path.GetFullPath(database), StringComparison.Ordinal))
        {
            output.WriteLine("Refused: the backup file is the database itself.");
            return IocCommands.Usage;
        }
        var force = line.Flag("--force");
        if (File.Exists(target) && !force)
        {
            output.WriteLine($"Refused: {target} exists. Choose another name or add --force to replace it.");
            return TargetExists;
        }
        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            output.WriteLine($"Refused: the folder {Path.GetDirectoryName(target)} does not exist.");
            return TargetExists;
        }
        BackupResult result;
        try
        {
            result = OnlineBackup.Write(database, target, overwrite: force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            output.WriteLine($"Backup failed; no file was written under {target}: {ex.Message}");
            return 1;
        }
        output.WriteLine($"Backup written: {result.File}: {result.Bytes / 1048576.0:F1} MiB ({result.Bytes:N0} bytes) in {result.Elapsed.TotalSeconds:F2} s.");
        return 0;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Data.Sqlite;

/// <summary>
/// Who holds a database file: every running server keeps a shared lock on <c>&lt;database&gt;.lock</c>
/// for its lifetime, and a maintenance command that writes (rebuild, backfill, user-add) needs the
/// lock alone. SQLite itself would let the command in and make the server's ingest wait or fail
/// behind a long transaction. The lock is an OS advisory lock (flock), so a server killed with
/// kill -9 releases it with its process.
/// </summary>
public sealed class DatabaseLease : IDisposable
{
    private readonly FileStream _lock;

    private DatabaseLease(FileStream held) => _lock = held;

    public static string LockPath(string databasePath) => databasePath + ".lock";

    /// <summary>A server's share of the database; several servers (web and aggregation processes) may hold one each.</summary>
    public static DatabaseLease Share(string databasePath) =>
        new(Open(databasePath, FileShare.ReadWrite));

    /// <summary>
    /// A server's share of its database while it serves, so that a maintenance command cannot write under it;
    /// null on PostgreSQL, which has no file to lock and needs none: the server orders concurrent writers
    /// itself (row locks, and the ingest store's advisory lock, which every ingest transaction on any node
    /// or command takes).
    /// </summary>
    public static DatabaseLease? ShareWhileServing(IServiceProvider services) =>
        services.UsesPostgreSql() ? null : Share(services.GetRequiredService<SqliteDatabase>().FilePath);

    /// <summary>The database for one command alone, or null while a server holds it.</summary>
    public static DatabaseLease? TryTakeAlone(string databasePath)
    {
        try
        {
            return new DatabaseLease(Open(databasePath, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Read access only: .NET takes a shared flock for any sharing mode but None, and an exclusive one for None.
    private static FileStream Open(string databasePath, FileShare share)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var path = LockPath(databasePath);
        if (!File.Exists(path))
        {
            using (File.Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, share);
    }

    public void Dispose() => _lock.Dispose();
}

using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Ioc.Data.Sqlite;

public sealed record BackupResult(string File, long Bytes, TimeSpan Elapsed);

/// <summary>
/// A consistent copy of a live database with SQLite's online backup API: one read transaction over
/// the whole copy, so the server keeps ingesting (WAL lets it write beside a reader) and the copy is
/// the database as of one instant. It is written under a temporary name in the target's folder and
/// renamed at the end, so the final name never holds half a backup.
/// </summary>
public static class OnlineBackup
{
    public static BackupResult Write(string databasePath, string target, bool overwrite)
    {
        var clock = Stopwatch.StartNew();
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            // ReadWrite without Create: a mistyped path must not leave an empty database behind.
            using (var source = Open(databasePath, SqliteOpenMode.ReadWrite))
            using (var copy = Open(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                source.BackupDatabase(copy);
                // WAL like the live file: a server starts only on a WAL database (EF Core's existence check
                // opens it read-only, where the pragma cannot switch modes). Closing the last connection
                // checkpoints and removes the copy's -wal, so the file stays self-contained.
                using var cmd = copy.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode=WAL;";
                cmd.ExecuteNonQuery();
            }
            File.Move(temporary, target, overwrite);
            return new BackupResult(target, new FileInfo(target).Length, clock.Elapsed);
        }
        finally
        {
            File.Delete(temporary);
            foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
            {
                File.Delete(temporary + suffix);
            }
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: the files must be closed before the rename and when the command ends.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        // A checkpoint of the server may hold the WAL index for a moment; wait instead of failing.
        cmd.CommandText = "PRAGMA busy_timeout=10000;";
        cmd.ExecuteNonQuery();
        return connection;
    }
}

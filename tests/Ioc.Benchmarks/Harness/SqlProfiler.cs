using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// Times every SQL statement the app runs, without changing the app: SQLite's profile hook is set
/// on pooled connections of the app's connection string, which the app's own Open() then takes
/// from the pool. Statements are grouped by their text with numbers and IN-lists folded. The hook
/// keys a statement by the address and first bytes of its text and turns it into a string only
/// the first time, so that it costs well under a microsecond per statement.
/// </summary>
public sealed partial class SqlProfiler
{
    private readonly ConcurrentDictionary<(nint Address, ulong Head), Entry> _raw = new();
    private readonly List<SqliteConnection> _hooked = [];

    public sealed class Entry(string sample)
    {
        public string Sample { get; } = sample;

        public long Count;

        public long Nanoseconds;
    }

    private IEnumerable<(string Key, Entry Entry)> Grouped =>
        _raw.Values.GroupBy(e => Normalize(e.Sample)).Select(g =>
        {
            var merged = new Entry(g.First().Sample) { Count = g.Sum(e => e.Count), Nanoseconds = g.Sum(e => e.Nanoseconds) };
            return (g.Key, merged);
        });

    /// <summary>Hooks <paramref name="connections"/> pooled connections (one more than the app will hold at once).</summary>
    public void Attach(string connectionString, int connections = 4)
    {
        var opened = new List<SqliteConnection>();
        for (var i = 0; i < connections; i++)
        {
            var c = new SqliteConnection(connectionString);
            c.Open();
            SQLitePCL.raw.sqlite3_profile(c.Handle, OnStatement, null!);
            opened.Add(c);
        }
        // Closing returns them, hooked, to the pool that the app's connections come from.
        foreach (var c in opened)
        {
            c.Dispose();
        }
        lock (_hooked)
        {
            _hooked.AddRange(opened);
        }
    }

    /// <summary>
    /// Hooks one connection that is already open and held, not pooled: the ingest writer's, which the host opened
    /// (indexing dossier codes) before any pooled connection could be hooked.
    /// </summary>
    public void Hook(SqliteConnection connection) => SQLitePCL.raw.sqlite3_profile(connection.Handle, OnStatement, null!);

    public void Reset() => _raw.Clear();

    public IReadOnlyList<(string Statement, Entry Entry)> Top(int count) =>
        [.. Grouped.OrderByDescending(g => g.Entry.Nanoseconds).Take(count)];

    public double TotalMilliseconds => _raw.Values.Sum(e => e.Nanoseconds) / 1e6;

    public long Statements => _raw.Values.Sum(e => e.Count);

    private void OnStatement(object user, SQLitePCL.utf8z sql, long nanoseconds)
    {
        ref readonly var first = ref sql.GetPinnableReference();
        var address = Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref Unsafe.AsRef(in first));
        // The address alone could be reused by a later statement: add its first bytes.
        ulong head = 14695981039346656037UL;
        for (var i = 0; i < 48; i++)
        {
            var b = Unsafe.Add(ref Unsafe.AsRef(in first), i);
            if (b == 0)
            {
                break;
            }
            head = (head ^ b) * 1099511628211UL;
        }
        var key = (address, head);
        if (!_raw.TryGetValue(key, out var entry))
        {
            var text = sql.utf8_to_string();
            entry = _raw.GetOrAdd(key, _ => new Entry(text));
        }
        Interlocked.Increment(ref entry.Count);
        Interlocked.Add(ref entry.Nanoseconds, nanoseconds);
    }

    public static string Normalize(string sql)
    {
        var s = InList().Replace(sql, "IN (…)");
        s = Numbers().Replace(s, "#");
        s = Spaces().Replace(s, " ").Trim();
        return s.Length > 400 ? s[..400] + "…" : s;
    }

    /// <summary>SQLite's plan for a statement seen by the profiler (parameters unbound: the plan does not depend on them).</summary>
    public static string Plan(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (Match m in Parameter().Matches(sql))
        {
            if (!cmd.Parameters.Contains(m.Value))
            {
                cmd.Parameters.AddWithValue(m.Value, 0);
            }
        }
        using var r = cmd.ExecuteReader();
        var lines = new List<string>();
        while (r.Read())
        {
            lines.Add(r.GetString(3));
        }
        return string.Join(" / ", lines);
    }

    [GeneratedRegex(@"IN \((?:[^()]|\([^()]*\))*\)", RegexOptions.IgnoreCase)]
    private static partial Regex InList();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[@$][A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}

using System.Data.Common;
using Ioc.Aggregation.Storage;
using Ioc.Data;

namespace Ioc.Aggregation.Rebuild;

/// <summary>
/// The rebuild's comparison of its scratch rollup tables with the live ones, and their swap, in the SQL of either
/// provider. SQLite's text is exactly the rebuild's before PostgreSQL came; PostgreSQL's differs only in quoted
/// names and named subqueries (<see cref="SqlDialect"/>).
/// </summary>
internal sealed class ScratchRollups(DbConnection connection, DbTransaction transaction, SqlDialect sql)
{
    /// <summary>What the scratch copy of a rollup table is called: the live name with this before it.</summary>
    public const string Prefix = "rebuild_";

    /// <summary>The rollup tables with measures (answer times have their own shape).</summary>
    public static readonly RollupTable[] Tables = [RollupTable.Dossiers, RollupTable.Tickets, RollupTable.Documents];

    /// <summary>Every rollup table as name, key columns and measure columns: the answer-time histogram's one measure is its count.</summary>
    private static readonly (string Name, string[] Keys, string[] Measures)[] All =
    [
        .. Tables.Select(t => (t.Name, t.KeyColumns, t.Measures)),
        (AnswerTimeDeltas.TableName, ["UnitId", "Dimension", "DimensionValue", "Grain", "Period", "Hours"], ["Count"]),
    ];

    /// <summary>The live rollup tables' names, each with a scratch copy.</summary>
    public static IEnumerable<string> Names => All.Select(t => t.Name);

    public long Differences()
    {
        long differences = 0;
        foreach (var (name, keys, measures) in All)
        {
            var (live, scratch) = (RollupTable.NonZeroSelect(sql, name, keys, measures), RollupTable.NonZeroSelect(sql, Prefix + name, keys, measures));
            differences += Convert.ToInt64(Scalar(
                $"SELECT (SELECT COUNT(*) FROM {sql.Derived($"{live} EXCEPT {scratch}", "a")}) + (SELECT COUNT(*) FROM {sql.Derived($"{scratch} EXCEPT {live}", "b")})"),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        return differences;
    }

    public void Replace()
    {
        foreach (var (name, keys, measures) in All)
        {
            var columns = Columns(keys.Concat(measures));
            Execute($"DELETE FROM {sql.Name(name)}; INSERT INTO {sql.Name(name)} ({columns}) SELECT {columns} FROM {sql.Name(Prefix + name)};");
        }
    }

    public void Execute(string text)
    {
        using var command = Command(text);
        command.ExecuteNonQuery();
    }

    private string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(sql.Name));

    private object? Scalar(string text)
    {
        using var command = Command(text);
        return command.ExecuteScalar();
    }

    private DbCommand Command(string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }
}

using Ioc.Domain.Indicators;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// Describes a rollup table: its key columns and its measure columns (named after a measure enum).
/// Writers and readers build their SQL from it, so a new measure is one enum member and one column.
/// </summary>
public sealed class RollupTable
{
    private RollupTable(string name, string[] keys, string[] measures, Func<int, bool> isDelta)
    {
        // Upserts name the measures they touch by a bit mask in an int (UpsertSql): 31 measures at most.
        if (measures.Length > 31)
        {
            throw new InvalidOperationException($"{name} has {measures.Length} measures; the upsert mask holds 31. Widen the mask before adding more.");
        }
        Name = name;
        KeyColumns = keys;
        Measures = measures;
        DeltaMeasures = [.. Enumerable.Range(0, measures.Length).Where(isDelta)];
        FlowMeasures = [.. Enumerable.Range(0, measures.Length).Where(i => !isDelta(i))];
    }

    public static RollupTable Dossiers { get; } = new(
        "DossierRollups", ["UnitId", "ProcedureId", "Grain", "Period"],
        Enum.GetNames<DossierMeasure>(), i => DossierMeasures.IsDelta((DossierMeasure)i));

    public static RollupTable Tickets { get; } = new(
        "TicketRollups", ["UnitId", "Dimension", "DimensionValue", "Grain", "Period"],
        Enum.GetNames<TicketMeasure>(), i => i == (int)TicketMeasure.OpenDelta);

    public static RollupTable Documents { get; } = new(
        "DocumentRollups", ["UnitId", "Grain", "Period"],
        Enum.GetNames<Domain.Documents.DocumentMeasure>(), i => Domain.Documents.DocumentMeasures.IsDelta((Domain.Documents.DocumentMeasure)i));

    public string Name { get; }

    public string[] KeyColumns { get; }

    public string[] Measures { get; }

    public int[] DeltaMeasures { get; }

    public int[] FlowMeasures { get; }

    public int Width => Measures.Length;

    /// <summary>A table of the same shape (for rebuilds), with the key as its primary key.</summary>
    public string CreateSql(string tableName) =>
        $"CREATE TABLE {tableName} ({string.Join(", ", KeyColumns.Select(k => k + " INTEGER NOT NULL").Concat(Measures.Select(m => m + " INTEGER NOT NULL DEFAULT 0")))}, " +
        $"PRIMARY KEY ({string.Join(", ", KeyColumns)})) WITHOUT ROWID";

    /// <summary>Rows where some measure is not zero: ingest can leave rows whose deltas cancelled out.</summary>
    public string NonZeroSelect(string tableName) => NonZeroSelect(Data.SqlDialect.Sqlite, tableName, KeyColumns, Measures);

    /// <summary>The rows of <paramref name="tableName"/> where some of <paramref name="measures"/> is not zero, in <paramref name="sql"/>'s spelling.</summary>
    public static string NonZeroSelect(Data.SqlDialect sql, string tableName, IEnumerable<string> keys, IEnumerable<string> measures) =>
        $"SELECT {string.Join(", ", keys.Concat(measures).Select(sql.Name))} FROM {sql.Name(tableName)} WHERE {string.Join(" OR ", measures.Select(m => sql.Name(m) + " <> 0"))}";

    /// <summary>
    /// An upsert that adds the measures in <paramref name="mask"/> (bit i = measure i) and leaves the
    /// others alone: a row touched by a batch changes a handful of its measures, and binding only those
    /// is much cheaper than binding all. Parameters: @k0… for the key, @m{i} for each measure in the mask.
    /// </summary>
    public string UpsertSql(string tableName, int mask)
    {
        var measures = Enumerable.Range(0, Width).Where(i => (mask & (1 << i)) != 0).ToList();
        var columns = KeyColumns.Concat(measures.Select(i => Measures[i]));
        var parameters = KeyColumns.Select((_, i) => $"@k{i}").Concat(measures.Select(i => $"@m{i}")).ToArray();
        var updates = string.Join(", ", measures.Select(i => $"{Measures[i]} = {Measures[i]} + excluded.{Measures[i]}"));
        return $"INSERT INTO {tableName} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) " +
               $"ON CONFLICT ({string.Join(", ", KeyColumns)}) DO UPDATE SET {updates}";
    }
}

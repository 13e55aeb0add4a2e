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

    public string Name { get; }

    public string[] KeyColumns { get; }

    public string[] Measures { get; }

    public int[] DeltaMeasures { get; }

    public int[] FlowMeasures { get; }

    public int Width => Measures.Length;

    /// <summary>A table of the same shape (for rebuilds), with the key as its primary key.</summary>
    public string CreateSql(string tableName) =>
        $"CREATE TABLE {tableName} ({string.Join(", ", KeyColumns.Select(k => k + " INTEGER NOT NULL").Concat(Measures.Select(m => m + " INTEGER NOT NULL")))}, " +
        $"PRIMARY KEY ({string.Join(", ", KeyColumns)})) WITHOUT ROWID";

    /// <summary>Rows where some measure is not zero: ingest can leave rows whose deltas cancelled out.</summary>
    public string NonZeroSelect(string tableName) =>
        $"SELECT {string.Join(", ", KeyColumns.Concat(Measures))} FROM {tableName} WHERE {string.Join(" OR ", Measures.Select(m => m + " <> 0"))}";

    public string UpsertSql(string? tableName = null)
    {
        var columns = KeyColumns.Concat(Measures).ToArray();
        var values = string.Join(", ", columns.Select((_, i) => $"@c{i}"));
        var updates = string.Join(", ", Measures.Select(m => $"{m} = {m} + excluded.{m}"));
        return $"INSERT INTO {tableName ?? Name} ({string.Join(", ", columns)}) VALUES ({values}) " +
               $"ON CONFLICT ({string.Join(", ", KeyColumns)}) DO UPDATE SET {updates}";
    }
}

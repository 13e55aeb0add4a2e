using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Data.Sqlite;
using Ioc.Domain.Indicators;

namespace Ioc.Aggregation.Alerts;

/// <summary>Hotline counts per day for ticket-spike rules, straight from the day rollups (one indexed range per day).</summary>
public sealed class AlertReadings(SqliteDatabase database)
{
    /// <summary>Tickets received on each day in the subtree of <paramref name="unitId"/>, of one category or commune (or all).</summary>
    public async Task<IReadOnlyList<long>> TicketsReceivedAsync(int unitId, TicketDimension dimension, int value, IReadOnlyList<DateOnly> days, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var p = new Dictionary<string, object> { ["@u"] = unitId, ["@d"] = (int)dimension, ["@v"] = value };
        var result = new List<long>(days.Count);
        foreach (var day in days)
        {
            var rows = RollupReader.Sum(c, SqlDialect.Sqlite, RollupTable.Tickets, "UnitId = @u AND Dimension = @d AND DimensionValue = @v", "DimensionValue", new DayRange(day, day), p);
            result.Add(rows.TryGetValue(value, out var row) ? row[(int)TicketMeasure.Received] : 0);
        }
        return result;
    }
}

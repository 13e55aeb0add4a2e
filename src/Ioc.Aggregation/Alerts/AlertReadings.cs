using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Indicators;

namespace Ioc.Aggregation.Alerts;

/// <summary>Hotline counts per day for ticket-spike rules, straight from the day rollups (one indexed range per day).</summary>
public sealed class AlertReadings(IQueryDatabase database)
{
    /// <summary>Tickets received on each day in the subtree of <paramref name="unitId"/>, of one category or commune (or all).</summary>
    public async Task<IReadOnlyList<long>> TicketsReceivedAsync(int unitId, TicketDimension dimension, int value, IReadOnlyList<DateOnly> days, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var d = database.Dialect;
        var p = new Dictionary<string, object> { ["@u"] = unitId, ["@d"] = (int)dimension, ["@v"] = value };
        var key = $"{d.Name("UnitId")} = @u AND {d.Name("Dimension")} = @d AND {d.Name("DimensionValue")} = @v";
        var result = new List<long>(days.Count);
        foreach (var day in days)
        {
            var rows = RollupReader.Sum(c, d, RollupTable.Tickets, key, "DimensionValue", new DayRange(day, day), p);
            result.Add(rows.TryGetValue(value, out var row) ? row[(int)TicketMeasure.Received] : 0);
        }
        return result;
    }
}

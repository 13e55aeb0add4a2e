using System.ComponentModel.DataAnnotations;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;

namespace Ioc.Web.Features.Overview;

/// <summary>The overview's "today" panel (<c>Dashboard:Attention</c>).</summary>
public sealed class AttentionOptions
{
    public const string Section = "Dashboard:Attention";

    /// <summary>How many units each list names.</summary>
    [Range(1, 20)]
    public int Count { get; set; } = 5;

    /// <summary>A unit is ranked only with at least this many dossiers finished since 1 January: two late dossiers out of three say little.</summary>
    [Range(1, 10_000)]
    public int MinimumFinished { get; set; } = 10;
}

/// <param name="Change">On-time rate today minus yesterday, in parts of one (0.012 = +1,2 điểm %).</param>
public sealed record UnitMove(Unit Unit, Rate Now, double? Change);

/// <summary>The weakest units by on-time rate since 1 January, and those whose rate moved most since yesterday's close.</summary>
public sealed record Attention(IReadOnlyList<UnitMove> Weakest, IReadOnlyList<UnitMove> Movers, int Ranked);

/// <summary>
/// Finds the units a leader should look at first: one list across departments, agencies and communes,
/// each shown with its kind, because the on-time rate means the same for each and a leader scans one
/// list. "Since yesterday" compares the rate since 1 January up to today with the same up to
/// yesterday, so the day's completions and new delays show as a move.
/// </summary>
public sealed class AttentionQuery(IndicatorQueries indicators)
{
    public async Task<Attention> ComputeAsync(AttentionOptions options, CancellationToken ct = default)
    {
        var today = indicators.Today;
        var units = indicators.Catalog.Units.All.Where(u => u.ParentId is not null && u.IsActiveOn(today)).ToList();
        var ids = units.Select(u => u.Id).ToList();
        var yearStart = new DateOnly(today.Year, 1, 1);
        var now = await indicators.GetManyAsync(ids, new DayRange(yearStart, today), ct);
        var before = today > yearStart ? await indicators.GetManyAsync(ids, new DayRange(yearStart, today.AddDays(-1)), ct) : null;

        var rows = new List<UnitMove>();
        for (var i = 0; i < units.Count; i++)
        {
            var rate = now[i].Dossiers.OnTimeRate;
            if (now[i].Dossiers.Finished < options.MinimumFinished || rate.Value is null)
            {
                continue;
            }
            var previous = before?[i].Dossiers.OnTimeRate.Value;
            rows.Add(new UnitMove(units[i], rate, previous is double p ? rate.Value - p : null));
        }
        var weakest = rows.OrderBy(r => r.Now.Value).ThenBy(r => r.Unit.Code, StringComparer.Ordinal).Take(options.Count).ToList();
        var movers = rows.Where(r => r.Change is double c && Math.Abs(c) >= 0.0005)
            .OrderByDescending(r => Math.Abs(r.Change!.Value)).ThenBy(r => r.Unit.Code, StringComparer.Ordinal).Take(options.Count).ToList();
        return new Attention(weakest, movers, rows.Count);
    }
}

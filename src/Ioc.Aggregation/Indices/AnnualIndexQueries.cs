using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Indices;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Indices;

/// <summary>A unit's result in one year with its place among its siblings of the same kind on that index and year.</summary>
/// <param name="Rank">Null when the unit has no score that year (a level alone is not ranked) or has no siblings (the province).</param>
/// <param name="Of">How many siblings of its kind had a score.</param>
public sealed record UnitIndexYear(AnnualIndexResult Result, int? Rank, int Of);

/// <summary>One index of a unit, its years newest first.</summary>
public sealed record UnitIndexHistory(AnnualIndex Index, IReadOnlyList<UnitIndexYear> Years);

/// <summary>A child and its result (null: none that year) in a ranking of one index and year.</summary>
public sealed record ChildIndexResult(Unit Unit, AnnualIndexResult? Result);

/// <summary>
/// What a report says of one kind of children on one index and year: "trung bình các đơn vị đạt
/// 90,766/100 điểm", "19/19 đơn vị đạt từ 80 điểm trở lên".
/// </summary>
/// <param name="Average">Mean score of the units with a score, or null.</param>
/// <param name="Max">The maximum when all of them share one, else null.</param>
/// <param name="Scored">Units with a score.</param>
/// <param name="ReachingTarget">Units at or above <see cref="AnnualIndexQueries.TargetShare"/> of their maximum.</param>
public sealed record IndexGroupSummary(UnitKindGroup Group, double? Average, double? Max, int Scored, int ReachingTarget);

/// <summary>The children of a unit ranked on one index and year, each kind group apart, with each group's summary.</summary>
public sealed record ChildrenIndexRanking(AnnualIndex Index, int Year, IReadOnlyList<RankedUnit<ChildIndexResult>> Rows, IReadOnlyList<IndexGroupSummary> Summaries);

/// <summary>
/// Yearly indices as pages and walls show them. Ranks come from <see cref="UnitRanking"/>, like every
/// other ranking of IOC: siblings of the same kind only, ties share a rank, no score no rank.
/// </summary>
public sealed class AnnualIndexQueries(AnnualIndexStore store, ReferenceCatalog catalog)
{
    /// <summary>The share of the maximum a report counts as reached: "đạt từ 80 điểm trở lên" of 100.</summary>
    public const double TargetShare = 0.8;

    /// <summary>Every index the unit has results for, each year ranked among its siblings of the same kind.</summary>
    public async Task<IReadOnlyList<UnitIndexHistory>> HistoryAsync(int unitId, CancellationToken ct = default)
    {
        var unit = catalog.Units[unitId];
        var siblings = unit.ParentId is int parent
            ? catalog.Units.Children(parent).Where(u => UnitRanking.GroupOf(u.Kind) == UnitRanking.GroupOf(unit.Kind)).ToList()
            : [unit];
        var results = await store.ForUnitsAsync([.. siblings.Select(u => u.Id)], ct);
        var history = new List<UnitIndexHistory>();
        foreach (var index in AnnualIndex.All)
        {
            var own = results.Where(r => r.UnitId == unitId && r.Index == index.Code).OrderByDescending(r => r.Year).ToList();
            if (own.Count == 0)
            {
                continue;
            }
            var years = own.Select(r =>
            {
                if (unit.ParentId is null)
                {
                    return new UnitIndexYear(r, null, 0);
                }
                var ranked = RankSiblings(siblings, results.Where(x => x.Index == index.Code && x.Year == r.Year).ToList());
                var mine = ranked.First(x => x.Item.Unit.Id == unitId);
                return new UnitIndexYear(r, mine.Rank, mine.Of);
            }).ToList();
            history.Add(new UnitIndexHistory(index, years));
        }
        return history;
    }

    /// <summary>Indices and years for which some child of the unit has a result, newest first per index.</summary>
    public async Task<IReadOnlyList<(AnnualIndex Index, IReadOnlyList<int> Years)>> ChildYearsAsync(int unitId, CancellationToken ct = default)
    {
        var children = catalog.Units.Children(unitId).Select(u => u.Id).ToList();
        if (children.Count == 0)
        {
            return [];
        }
        var results = await store.ForUnitsAsync(children, ct);
        return [.. AnnualIndex.All
            .Select(i => (i, (IReadOnlyList<int>)[.. results.Where(r => r.Index == i.Code).Select(r => r.Year).Distinct().OrderDescending()]))
            .Where(x => x.Item2.Count > 0)];
    }

    /// <summary>The children of <paramref name="unitId"/> ranked on one index and year, kind group by kind group.</summary>
    public async Task<ChildrenIndexRanking> ChildrenAsync(int unitId, AnnualIndex index, int year, CancellationToken ct = default)
    {
        var children = catalog.Units.Children(unitId).ToList();
        var results = (await store.ForUnitsAsync([.. children.Select(u => u.Id)], ct)).Where(r => r.Index == index.Code && r.Year == year).ToList();
        // Units retired before the year had no part in it; those with a result that year are listed whatever became of them since.
        var shown = children.Where(u => u.IsActiveOn(new DateOnly(year, 1, 1)) || results.Any(r => r.UnitId == u.Id)).ToList();
        var rows = UnitRanking.RankByGroup(shown.Select(u => new ChildIndexResult(u, results.FirstOrDefault(r => r.UnitId == u.Id))),
            c => c.Unit.Kind, c => c.Result?.Score, c => c.Unit.Name);
        var summaries = rows.GroupBy(r => UnitRanking.GroupOf(r.Item.Unit.Kind)).Select(g =>
        {
            var scored = g.Select(r => r.Item.Result).OfType<AnnualIndexResult>().Where(r => r.Score is not null).ToList();
            var maxes = scored.Select(r => r.Max).Distinct().ToList();
            return new IndexGroupSummary(g.Key, scored.Count > 0 ? scored.Average(r => r.Score!.Value) : null, maxes is [double max] ? max : null,
                scored.Count, scored.Count(r => r.Share >= TargetShare));
        }).Where(s => s.Scored > 0).ToList();
        return new ChildrenIndexRanking(index, year, rows, summaries);
    }

    /// <summary>
    /// Units of some kinds ranked on one index in its newest year among them (the wall's scene): the
    /// year and the ranking, or null when none of them has a result.
    /// </summary>
    public async Task<(int Year, IReadOnlyList<RankedUnit<ChildIndexResult>> Ranked)?> LatestRankingAsync(AnnualIndex index, IReadOnlyCollection<UnitKind> kinds, CancellationToken ct = default)
    {
        var units = catalog.Units.All.Where(u => kinds.Contains(u.Kind)).ToList();
        var ids = units.Select(u => u.Id).ToList();
        if (await store.LatestYearAsync(index.Code, ids, ct) is not int year)
        {
            return null;
        }
        var results = (await store.ForUnitsAsync(ids, ct)).Where(r => r.Index == index.Code && r.Year == year).ToList();
        var shown = units.Where(u => u.IsActiveOn(new DateOnly(year, 1, 1)) || results.Any(r => r.UnitId == u.Id));
        return (year, UnitRanking.Rank(shown.Select(u => new ChildIndexResult(u, results.FirstOrDefault(r => r.UnitId == u.Id))), c => c.Result?.Score, c => c.Unit.ShortName));
    }

    private static IReadOnlyList<RankedUnit<ChildIndexResult>> RankSiblings(IReadOnlyList<Unit> siblings, IReadOnlyList<AnnualIndexResult> results) =>
        UnitRanking.Rank(siblings.Select(u => new ChildIndexResult(u, results.FirstOrDefault(r => r.UnitId == u.Id))), c => c.Result?.Score, c => c.Unit.Name);
}

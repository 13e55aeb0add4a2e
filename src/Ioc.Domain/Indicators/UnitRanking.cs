using Ioc.Domain.Units;

namespace Ioc.Domain.Indicators;

/// <summary>Units that are ranked against each other: a department is compared with departments, a commune with communes.</summary>
public enum UnitKindGroup
{
    Province,
    /// <summary>Sở, ban, ngành and vertical agencies with one-stop desks.</summary>
    Departments,
    /// <summary>Huyện (older data).</summary>
    Districts,
    /// <summary>Xã, phường, đặc khu.</summary>
    Communes,
}

/// <summary>A unit's place in a ranking; <paramref name="Rank"/> is null for a unit without data, which is never ranked.</summary>
/// <param name="Of">How many units of its group were ranked (had data).</param>
public sealed record RankedUnit<T>(T Item, int? Rank, int Of);

/// <summary>
/// The one ranking of units used by the unit page, its exports and the wall, so that "Hạng 3/18" means
/// the same everywhere: units only against units of the same kind group; a unit without data is listed
/// last, unranked, never as 0; equal values share a rank ("1, 2, 2, 4"); equal values are listed by name.
/// </summary>
public static class UnitRanking
{
    public static UnitKindGroup GroupOf(UnitKind kind) => kind switch
    {
        UnitKind.Department or UnitKind.Agency => UnitKindGroup.Departments,
        UnitKind.District => UnitKindGroup.Districts,
        UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone => UnitKindGroup.Communes,
        _ => UnitKindGroup.Province,
    };

    /// <summary>Ranks units that are already of one group (the wall's scenes choose their kinds themselves).</summary>
    public static IReadOnlyList<RankedUnit<T>> Rank<T>(IEnumerable<T> items, Func<T, double?> value, Func<T, string> name, bool higherIsBetter = true)
    {
        var list = items.Select(i => (Item: i, Value: value(i))).ToList();
        var ranked = list.Where(x => x.Value is not null)
            .OrderBy(x => higherIsBetter ? -x.Value!.Value : x.Value!.Value)
            .ThenBy(x => name(x.Item), StringComparer.Ordinal)
            .ToList();
        var result = new List<RankedUnit<T>>(list.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Value == ranked[i - 1].Value ? result[i - 1].Rank : i + 1;
            result.Add(new RankedUnit<T>(ranked[i].Item, rank, ranked.Count));
        }
        result.AddRange(list.Where(x => x.Value is null).OrderBy(x => name(x.Item), StringComparer.Ordinal).Select(x => new RankedUnit<T>(x.Item, null, ranked.Count)));
        return result;
    }

    /// <summary>Ranks siblings within their kind groups: each unit's rank is among the units of its own group only.</summary>
    public static IReadOnlyList<RankedUnit<T>> RankByGroup<T>(IEnumerable<T> items, Func<T, UnitKind> kind, Func<T, double?> value, Func<T, string> name, bool higherIsBetter = true) =>
    [
        .. items.GroupBy(i => GroupOf(kind(i))).OrderBy(g => g.Key).SelectMany(g => Rank(g, value, name, higherIsBetter)),
    ];
}

using Ioc.Contracts;

namespace Ioc.Web.Features.Wall;

/// <summary>One ranked unit, with its place in the whole ranking.</summary>
/// <param name="Rank">Null for a unit without data: listed last, not ranked.</param>
public sealed record RankedUnit(int? Rank, int UnitId, string Name, Rate Rate);

/// <summary>What a ranking scene shows: units (of any ranking: indicators, yearly indices), and where some are left out, how many.</summary>
public sealed record RankingView<T>(IReadOnlyList<T> Top, int Hidden, IReadOnlyList<T> Bottom, int Page, int Pages);

/// <summary>
/// Lays a ranking out at the wall's one reading size: as many rows as fit (<see cref="Capacity"/>),
/// never smaller text. A longer ranking shows its top and bottom with the count of the rest, or
/// one page at a time.
/// </summary>
public static class RankingLayout
{
    /// <summary>Rows in one column at the reading size (4,2 % of the screen height each, see wall.css).</summary>
    public const int RowsPerColumn = 12;

    public const int Columns = 2;

    public const int Capacity = RowsPerColumn * Columns;

    public static int PageCount(int units) => Math.Max(1, (units + Capacity - 1) / Capacity);

    public static RankingView<T> Lay<T>(IReadOnlyList<T> ranked, RankingOverflow overflow, int page = 0)
    {
        if (ranked.Count <= Capacity)
        {
            return new(ranked, 0, [], 0, 1);
        }
        if (overflow == RankingOverflow.Pages)
        {
            var pages = PageCount(ranked.Count);
            var current = ((page % pages) + pages) % pages;
            return new([.. ranked.Skip(current * Capacity).Take(Capacity)], 0, [], current, pages);
        }
        // One row goes to "… và N đơn vị khác": the first column is the top, the second ends with the bottom.
        var top = RowsPerColumn;
        var bottom = Capacity - top - 1;
        return new([.. ranked.Take(top)], ranked.Count - top - bottom, [.. ranked.Skip(ranked.Count - bottom)], 0, 1);
    }
}

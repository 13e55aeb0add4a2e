using Ioc.Aggregation.Indices;
using Ioc.Domain.Indicators;
using Ioc.Domain.Indices;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Indices;

/// <summary>Yearly results are ranked like every other figure: among siblings of the same kind, ties shared, no score no rank.</summary>
public sealed class AnnualIndexRankingTests
{
    private static AnnualIndexResult Par(IngestHarness h, string code, double? score, int year = 2025, string? level = null) =>
        new(year, h.Catalog.Units.FindByCode(code)!.Id, AnnualIndex.Par.Code, score, 100, level, null, null, [], null);

    private static async Task<IngestHarness> WithResultsAsync(params Func<IngestHarness, AnnualIndexResult>[] results)
    {
        var h = await IngestHarness.CreateAsync();
        await h.Services.GetRequiredService<AnnualIndexStore>().ReplaceAsync([.. results.Select(r => r(h))]);
        return h;
    }

    [Fact]
    public async Task History_TiesShareARankAndCommunesAreNotDepartmentsPeers()
    {
        await using var h = await WithResultsAsync(
            h => Par(h, "H49.03", 95), h => Par(h, "H49.04", 91.5), h => Par(h, "H49.07", 91.5), h => Par(h, "H49.02", 88),
            h => Par(h, "H49.X07090", 99), h => Par(h, "H49.05", null, level: "Tốt"), h => Par(h, "H49.03", 89, year: 2024));
        var queries = h.Services.GetRequiredService<AnnualIndexQueries>();

        var justice = (await queries.HistoryAsync(h.Catalog.Units.FindByCode("H49.03")!.Id)).Single();
        var finance = (await queries.HistoryAsync(h.Catalog.Units.FindByCode("H49.04")!.Id)).Single();
        var construction = (await queries.HistoryAsync(h.Catalog.Units.FindByCode("H49.07")!.Id)).Single();
        var interior = (await queries.HistoryAsync(h.Catalog.Units.FindByCode("H49.02")!.Id)).Single();
        var trade = (await queries.HistoryAsync(h.Catalog.Units.FindByCode("H49.05")!.Id)).Single();

        // The ward's 99 is among communes, not departments: the justice department leads its own kind.
        Assert.Equal([(2025, 1, 4), (2024, 1, 1)], justice.Years.Select(y => (y.Result.Year, y.Rank!.Value, y.Of)));
        Assert.Equal((2, 4), (finance.Years[0].Rank, finance.Years[0].Of));
        Assert.Equal((2, 4), (construction.Years[0].Rank, construction.Years[0].Of));
        Assert.Equal((4, 4), (interior.Years[0].Rank, interior.Years[0].Of));
        // A class without a score is shown, not ranked.
        Assert.Equal((null, "Tốt"), (trade.Years[0].Rank, trade.Years[0].Result.Level));
    }

    [Fact]
    public async Task Children_RankedByKindWithTheReportsAverageAndCountAtTarget()
    {
        await using var h = await WithResultsAsync(
            h => Par(h, "H49.03", 95), h => Par(h, "H49.04", 85), h => Par(h, "H49.02", 75),
            h => Par(h, "H49.X07090", 90), h => Par(h, "H49.X07093", 70));
        var queries = h.Services.GetRequiredService<AnnualIndexQueries>();
        var root = h.Catalog.Units.Root.Id;

        var ranking = await queries.ChildrenAsync(root, AnnualIndex.Par, 2025);

        // Each kind has its own summary: a department's average is not pulled by the communes.
        Assert.Equal(
        [
            new IndexGroupSummary(UnitKindGroup.Departments, 85, 100, 3, 2),
            new IndexGroupSummary(UnitKindGroup.Communes, 80, 100, 2, 1),
        ], ranking.Summaries);
        var departments = ranking.Rows.Where(r => r.Item.Unit.Kind == UnitKind.Department).ToList();
        Assert.Equal(["H49.03", "H49.04", "H49.02"], departments.Where(r => r.Rank is not null).Select(r => r.Item.Unit.Code));
        Assert.All(departments, r => Assert.Equal(3, r.Of));
        Assert.Equal(12, departments.Count(r => r.Rank is null));
        var communes = ranking.Rows.Where(r => r.Item.Unit.IsLocal && r.Rank is not null).ToList();
        Assert.Equal([("H49.X07090", 1, 2), ("H49.X07093", 2, 2)], communes.Select(r => (r.Item.Unit.Code, r.Rank!.Value, r.Of)));
    }

    [Fact]
    public async Task LatestRanking_TheNewestYearOfTheseKindsOnly()
    {
        await using var h = await WithResultsAsync(
            h => Par(h, "H49.03", 95, year: 2024), h => Par(h, "H49.04", 85, year: 2025), h => Par(h, "H49.X07090", 90, year: 2026));
        var queries = h.Services.GetRequiredService<AnnualIndexQueries>();

        var latest = await queries.LatestRankingAsync(AnnualIndex.Par, [UnitKind.Department, UnitKind.Agency]);

        Assert.NotNull(latest);
        Assert.Equal(2025, latest.Value.Year);
        Assert.Equal(("H49.04", 1, 1), (latest.Value.Ranked[0].Item.Unit.Code, latest.Value.Ranked[0].Rank!.Value, latest.Value.Ranked[0].Of));
        Assert.Null(await queries.LatestRankingAsync(AnnualIndex.Dti, [UnitKind.Department]));
    }
}

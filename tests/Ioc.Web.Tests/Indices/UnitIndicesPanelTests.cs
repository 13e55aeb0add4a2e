using Bunit;
using Ioc.Aggregation.Indices;
using Ioc.Domain.Indices;
using Ioc.Domain.Units;
using Ioc.Testing;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Indices;
using Ioc.Web.Features.Wall;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Indices;

/// <summary>Yearly results on a real database, rendered as a department head, a leader and the wall read them.</summary>
public abstract class IndicesRenderingTests(string culture) : IocTestContext(culture), IAsyncLifetime
{
    private IngestHarness? _harness;

    protected IngestHarness H => _harness!;

    protected Unit UnitOf(string code) => H.Catalog.Units.FindByCode(code)!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _harness = await IngestHarness.CreateAsync();
        var root = H.Catalog.Units.Root.Id;
        AnnualIndexResult Par(string code, double score, IReadOnlyList<IndexComponent>? groups = null, string? level = null) =>
            new(2025, UnitOf(code).Id, "PAR", score, 100, level, null, null, groups ?? [], "QĐ 100/QĐ-UBND");
        await H.Services.GetRequiredService<AnnualIndexStore>().ReplaceAsync(
        [
            Par("H49.03", 90.766, [new("Cải cách thủ tục hành chính", 12.5, 14), new("Tác động của cải cách hành chính", 18, 20)], "Xuất sắc"),
            Par("H49.02", 78.5),
            new(2025, UnitOf("H49.X07090").Id, "DTI", 812.4, 1000, "nâng cao", null, null, [], null),
            new(2025, UnitOf("H49.X07093").Id, "DTI", 812.4, 1000, "nâng cao", null, null, [], null),
            new(2025, UnitOf("H49.X07081").Id, "DTI", null, null, "không xếp hạng", null, null, [], null),
            new(2023, root, "PAR", 92.18, 100, null, 1, 63, [], "Bộ Nội vụ"),
            new(2022, root, "DTI", 0.7024, 1, null, 3, 63, [], "Bộ TT&TT"),
        ]);
        Services.AddSingleton(H.Services.GetRequiredService<AnnualIndexQueries>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}

public sealed class UnitIndicesPanelTests() : IndicesRenderingTests("vi-VN")
{
    [Fact]
    public void Department_ScoreGroupsAndRankAmongDepartmentsInViVn()
    {
        var panel = Render<UnitIndicesPanel>(p => p.Add(x => x.Unit, UnitOf("H49.03")));

        var row = panel.WaitForElement("[data-index-history='PAR'] tr[data-year='2025']");
        Assert.Equal("90,766/100", row.QuerySelector("[data-score]")!.TextContent);
        Assert.Equal("1/2", row.QuerySelector("[data-rank]")!.TextContent);
        Assert.Equal("Xuất sắc", row.QuerySelector("[data-level]")!.TextContent);
        Assert.Contains("12,5/14", row.QuerySelector("[data-components]")!.TextContent);
        Assert.Contains("Hạng trong sở, ban, ngành", panel.Find("[data-index-history='PAR'] thead").TextContent);
        var interior = Render<UnitIndicesPanel>(p => p.Add(x => x.Unit, UnitOf("H49.02")));
        Assert.Equal("2/2", interior.WaitForElement("[data-index-history='PAR'] [data-rank]").TextContent);
    }

    [Fact]
    public void Province_NationalRanksAndChildrenRankedWithTheReportsSentence()
    {
        var panel = Render<UnitIndicesPanel>(p => p.Add(x => x.Unit, H.Catalog.Units.Root));

        panel.WaitForElement("[data-national-ranks]");
        Assert.Equal("1/63", panel.Find("[data-national='PAR'] [data-year='2023'] [data-national-rank]").TextContent);
        Assert.Equal("92,18/100", panel.Find("[data-national='PAR'] [data-year='2023'] [data-national-score]").TextContent);
        Assert.Equal("3/63", panel.Find("[data-national='DTI'] [data-year='2022'] [data-national-rank]").TextContent);
        Assert.Equal("0,7024/1", panel.Find("[data-national='DTI'] [data-year='2022'] [data-national-score]").TextContent);
        Assert.Empty(panel.FindAll("[data-index-history]"));

        // The first index with children's results is PAR 2025; DTI is one click away.
        Assert.Equal("Sở, ban, ngành: trung bình 84,633/100 điểm; 1/2 đơn vị đạt từ 80 % điểm tối đa trở lên", panel.Find("[data-children-summary]").TextContent);
        panel.Find("[data-choose-index='DTI']").Click();
        var ranks = panel.FindAll("[data-children-ranking='DTI'] tr[data-child]").Select(r => (r.GetAttribute("data-child"), r.QuerySelector("[data-rank]")!.TextContent, r.QuerySelector("[data-score]")!.TextContent, r.QuerySelector("[data-level]")!.TextContent)).ToList();
        // Ties share a rank; a unit with only a level is listed, unranked.
        Assert.Contains(("H49.X07090", "1/2", "812,4/1.000", "nâng cao"), ranks);
        Assert.Contains(("H49.X07093", "1/2", "812,4/1.000", "nâng cao"), ranks);
        Assert.Contains(("H49.X07081", "—", "—", "không xếp hạng"), ranks);
    }

    [Fact]
    public void UnitWithoutResults_SaysHowResultsArrive()
    {
        var panel = Render<UnitIndicesPanel>(p => p.Add(x => x.Unit, UnitOf("H49.A01")));

        Assert.Contains("indices import", panel.WaitForElement("[data-no-indices]").TextContent);
    }

    [Fact]
    public void WallScene_CommunesRankedOnDtiAtReadingSize()
    {
        var scene = new WallScene { Key = "dti", Title = "DTI", Kind = WallSceneKind.Indices, Indicator = "DTI", UnitKinds = [UnitKind.Commune, UnitKind.Ward, UnitKind.SpecialZone] };

        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        var wall = Render<WallIndices>(p => p.Add(x => x.Scene, scene).Add(x => x.Thresholds, new KpiThresholds()));

        wall.WaitForElement("[data-index-year='2025']");
        var rows = wall.FindAll("[data-rank-unit]").Take(3).Select(r => (r.GetAttribute("data-rank"), r.QuerySelector("[data-rank-value]")!.TextContent)).ToList();
        // The tie shares first place; the next commune has no result and no rank.
        Assert.Equal([("1", "812,4"), ("1", "812,4"), (null, "—")], rows);
        Assert.Equal("54", wall.Find("[data-ranking]").GetAttribute("data-ranking-total"));
    }
}

public sealed class UnitIndicesPanelEnglishTests() : IndicesRenderingTests("en-US")
{
    [Fact]
    public void Department_EnglishNumbersAndTexts()
    {
        var panel = Render<UnitIndicesPanel>(p => p.Add(x => x.Unit, UnitOf("H49.03")));

        var row = panel.WaitForElement("[data-index-history='PAR'] tr[data-year='2025']");
        Assert.Equal("90.766/100", row.QuerySelector("[data-score]")!.TextContent);
        Assert.Contains("Rank among departments and agencies", panel.Find("[data-index-history='PAR'] thead").TextContent);
        Assert.Equal("Public Administration Reform Index (PAR INDEX)", panel.Find("h2").TextContent);
    }
}

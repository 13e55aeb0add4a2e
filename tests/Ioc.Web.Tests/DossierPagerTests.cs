using Bunit;
using Ioc.Aggregation.Dossiers;
using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Testing;
using Ioc.Web.Features.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests;

/// <summary>The dossier list's count and pager, exact below the count limit and "hơn 10.000" beyond it.</summary>
public sealed class DossierPagerTests : IocTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 10, 0, 0, ProvinceTime.Offset);

    public DossierPagerTests() : base("vi-VN")
    {
        Services.AddSingleton(new ProvinceClock(new ManualTimeProvider(Now)));
        Services.AddSingleton(ReferenceFiles.ReadCalendar(TestPaths.ReferenceData));
    }

    private static IReadOnlyList<DossierRow> Rows(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new DossierRow(
            new DossierListRow($"HS-{i:D3}", 1, 1, DossierChannel.Online, DossierStatus.Completed, Now.AddDays(-10), TimeLimit.WorkingDays(3), null, Now.AddDays(-5), 0, true, false),
            "Xã", "1", "Thủ tục")),
    ];

    private IRenderedComponent<DossierTable> RenderTable(int total, bool exact, int page) => Render<DossierTable>(p => p
        .Add(x => x.Filter, new DossierFilter(1))
        .Add(x => x.Rows, Rows(25))
        .Add(x => x.Total, total)
        .Add(x => x.TotalIsExact, exact)
        .Add(x => x.PageNumber, page)
        .Add(x => x.PageSize, 25)
        .Add(x => x.Procedures, [])
        .Add(x => x.ExportHref, "/export")
        .Add(x => x.DossierHref, c => "/dossiers/" + c));

    [Fact]
    public void DossierTable_CountBelowTheLimit_ShowsTheExactCountAndPages()
    {
        var table = RenderTable(1_234, exact: true, page: 2);
        Assert.Equal("1.234 hồ sơ", table.Find("[data-dossier-total]").TextContent);
        Assert.Equal("Trang 2/50", table.Find("[data-pager-text]").TextContent);
    }

    [Fact]
    public void DossierTable_CountBeyondTheLimit_SaysMoreThanAndOffersTheNextPage()
    {
        var table = RenderTable(DossierQueries.CountLimit, exact: false, page: 400);
        Assert.Equal("hơn 10.000 hồ sơ", table.Find("[data-dossier-total]").TextContent);
        Assert.Equal("Trang 400/hơn 400", table.Find("[data-pager-text]").TextContent);
        // The page after the 400th is reachable; a "last page" is not offered, as nobody counted it.
        Assert.Contains(table.FindAll("[data-pager] button[aria-label='Next page']"), b => !b.HasAttribute("disabled"));
        Assert.Empty(table.FindAll("[data-pager] button[aria-label='Last page']"));
    }
}

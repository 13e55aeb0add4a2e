using Bunit;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using Ioc.Web.Features.Units;

namespace Ioc.Web.Tests;

/// <summary>The children table as a department head uses it: filter by name, sort by a column, page through.</summary>
public sealed class TableTests : IocTestContext
{
    private static ChildRow Row(int id, string name, long received, long onTime, long finished) =>
        new(id, name, UnitKind.Commune,
            KpiCalculator.Dossiers(Flows(received, onTime, finished), new long[DossierMeasures.Count]),
            KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>()), 0, 82, id, 30);

    private static long[] Flows(long received, long onTime, long finished)
    {
        var f = new long[DossierMeasures.Count];
        f[(int)DossierMeasure.Received] = received;
        f[(int)DossierMeasure.Finished] = finished;
        f[(int)DossierMeasure.FinishedOnTime] = onTime;
        return f;
    }

    private static readonly IReadOnlyList<ChildRow> Rows =
    [
        .. Enumerable.Range(1, 30).Select(i => Row(i, i % 3 == 0 ? $"Phường Hải {i}" : $"Xã Đồng {i}", received: 100 + i, onTime: i, finished: 30)),
    ];

    private IRenderedComponent<ChildrenTable> RenderTable() => Render<ChildrenTable>(p => p
        .Add(x => x.Rows, Rows)
        .Add(x => x.ExportHref, "/export/units/1/children?w=year")
        .Add(x => x.UnitHref, id => $"/units/{id}"));

    private static IReadOnlyList<string> Names(IRenderedComponent<ChildrenTable> table) =>
        [.. table.FindAll("[data-unit-link]").Select(a => a.TextContent)];

    [Fact]
    public void ChildrenTable_FirstPage_ShowsTwentyFiveRowsInRankOrder()
    {
        var table = RenderTable();
        var names = Names(table);
        Assert.Equal(25, names.Count);
        Assert.Equal("Xã Đồng 1", names[0]);
    }

    [Fact]
    public void ChildrenTable_FilterWithoutDiacritics_KeepsMatchingUnitsOnly()
    {
        var table = RenderTable();
        table.Find("input[data-filter=children]").Input("hai");
        var names = Names(table);
        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.StartsWith("Phường Hải", n));
    }

    [Fact]
    public void ChildrenTable_SortByOnTimeRate_PutsTheBestFirstOnSecondClick()
    {
        var table = RenderTable();
        var onTimeHeader = table.FindAll(".mud-table-sort-label").First(h => h.TextContent.Contains("Tỷ lệ đúng hạn"));
        onTimeHeader.Click();
        Assert.Equal("Xã Đồng 1", Names(table)[0]);
        table.FindAll(".mud-table-sort-label").First(h => h.TextContent.Contains("Tỷ lệ đúng hạn")).Click();
        Assert.Equal("Phường Hải 30", Names(table)[0]);
    }

    [Fact]
    public void ChildrenTable_NextPage_ShowsTheRemainingRows()
    {
        var table = RenderTable();
        table.Find("button[aria-label='Next page']").Click();
        var names = Names(table);
        Assert.Equal(5, names.Count);
        Assert.Equal("Xã Đồng 26", names[0]);
    }
}

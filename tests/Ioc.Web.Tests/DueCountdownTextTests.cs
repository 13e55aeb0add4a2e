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

/// <summary>The dossier list's countdown column, in the unit each kind of limit is stated in (Mon 09/03/2026 10:00).</summary>
public sealed class DueCountdownTextTests : IocTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 10, 0, 0, ProvinceTime.Offset);
    private static readonly WorkingCalendar Calendar = ReferenceFiles.ReadCalendar(TestPaths.ReferenceData);

    public DueCountdownTextTests() : this("vi-VN")
    {
    }

    private DueCountdownTextTests(string culture) : base(culture)
    {
        Services.AddSingleton(new ProvinceClock(new ManualTimeProvider(Now)));
        Services.AddSingleton(Calendar);
    }

    private static DossierRow Row(string code, TimeLimit limit, DateTimeOffset receivedAt)
    {
        var due = new DueDateRule(Calendar).Due(limit, receivedAt, []);
        var overdue = due is DossierDue d && !d.IsMetBy(Now);
        return new DossierRow(new DossierListRow(code, 1, 1, DossierChannel.InPerson, DossierStatus.InProcessing, receivedAt, limit, due, null, 0, null, overdue), "Xã", "1", "Thủ tục");
    }

    private static readonly IReadOnlyList<DossierRow> Rows =
    [
        Row("WD", TimeLimit.WorkingDays(3), new(2026, 3, 6, 9, 0, 0, ProvinceTime.Offset)),    // due Wed 11/03: Tue, Wed left
        Row("CD", TimeLimit.CalendarDays(5), new(2026, 3, 7, 9, 0, 0, ProvinceTime.Offset)),   // due Thu 12/03: 3 days left
        Row("H", TimeLimit.Hours(8), new(2026, 3, 9, 8, 0, 0, ProvinceTime.Offset)),           // due Tue 10/03 8:30: 1½ h + 3½ h today + 1 h tomorrow
        Row("WI", TimeLimit.WithinDay, new(2026, 3, 9, 8, 0, 0, ProvinceTime.Offset)),         // due today 17:00
        Row("NO", TimeLimit.None, new(2026, 3, 2, 8, 0, 0, ProvinceTime.Offset)),
        Row("LATE", TimeLimit.Hours(1), new(2026, 3, 9, 7, 30, 0, ProvinceTime.Offset)),       // due 8:30: 1 h 30 overdue
        Row("H24", TimeLimit.Hours(24), new(2026, 3, 9, 8, 0, 0, ProvinceTime.Offset)),        // due Thu 12/03 9:30: 22 office hours = 2 days of 7½ h + 7 h
        Row("H15", TimeLimit.Hours(15), new(2026, 3, 6, 16, 0, 0, ProvinceTime.Offset)),       // due Tue 10/03 16:00: 11½ office hours = 1 working day and 4 h
        Row("SOON", TimeLimit.Hours(3), new(2026, 3, 9, 7, 30, 0, ProvinceTime.Offset)),       // due 10:30: 30 minutes left
    ];

    private string Countdown(IRenderedComponent<DossierTable> table, string code) =>
        table.Find($"tr[data-dossier='{code}']").QuerySelectorAll("td")[^1].TextContent.Trim();

    private IRenderedComponent<DossierTable> RenderTable() => Render<DossierTable>(p => p
        .Add(x => x.Filter, new DossierFilter(1))
        .Add(x => x.Rows, Rows)
        .Add(x => x.Total, Rows.Count)
        .Add(x => x.Procedures, [])
        .Add(x => x.ExportHref, "/export")
        .Add(x => x.DossierHref, c => "/dossiers/" + c));

    [Fact]
    public void DossierTable_EachKindOfLimit_CountsDownInItsOwnUnit()
    {
        var table = RenderTable();
        Assert.Equal("còn 2 ngày làm việc", Countdown(table, "WD"));
        Assert.Equal("còn 3 ngày", Countdown(table, "CD"));
        Assert.Equal("còn 6 giờ hành chính", Countdown(table, "H"));
        // A working day is 7½ office hours, never 24: officials read days first, then office hours.
        Assert.Equal("còn 2 ngày làm việc 7 giờ hành chính", Countdown(table, "H24"));
        Assert.Equal("còn 1 ngày làm việc 4 giờ hành chính", Countdown(table, "H15"));
        Assert.Equal("còn 30 phút hành chính", Countdown(table, "SOON"));
        Assert.Equal("trong ngày", Countdown(table, "WI"));
        Assert.Equal("không quy định thời hạn", Countdown(table, "NO"));
        Assert.Equal("quá hạn 1 giờ hành chính", Countdown(table, "LATE"));
    }

    [Fact]
    public void DossierTable_NoLimit_ShowsNoDueDateAndIsNotMarkedOverdue()
    {
        var row = RenderTable().Find("tr[data-dossier='NO']");
        Assert.DoesNotContain("overdue", row.ClassName ?? "");
        Assert.Contains("không quy định thời hạn", row.TextContent);
    }

    public sealed class English : IocTestContext
    {
        public English() : base("en-US")
        {
            Services.AddSingleton(new ProvinceClock(new ManualTimeProvider(Now)));
            Services.AddSingleton(Calendar);
        }

        [Fact]
        public void DossierTable_EachKindOfLimit_CountsDownInEnglish()
        {
            var table = Render<DossierTable>(p => p
                .Add(x => x.Filter, new DossierFilter(1))
                .Add(x => x.Rows, Rows)
                .Add(x => x.Total, Rows.Count)
                .Add(x => x.Procedures, [])
                .Add(x => x.ExportHref, "/export")
                .Add(x => x.DossierHref, c => "/dossiers/" + c));
            string Text(string code) => table.Find($"tr[data-dossier='{code}']").QuerySelectorAll("td")[^1].TextContent.Trim();
            Assert.Equal("2 working days left", Text("WD"));
            Assert.Equal("3 days left", Text("CD"));
            Assert.Equal("6 office hours left", Text("H"));
            Assert.Equal("2 working days 7 office hours left", Text("H24"));
            Assert.Equal("within the day", Text("WI"));
            Assert.Equal("no time limit", Text("NO"));
            Assert.Equal("overdue by 1 office hours", Text("LATE"));
        }
    }
}

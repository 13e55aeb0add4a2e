using System.Text;
using Ioc.Contracts;
using Ioc.Domain.Units;
using Ioc.Testing;
using MiniExcelLibs;

namespace Ioc.Web.Tests.Hotline;

/// <summary>The queue's export over HTTP on a real app: the page's filters, every row, reporters as the role sees them, formulas guarded.</summary>
public sealed class QueueExportTests(QueueExportTests.Tickets fixture) : IClassFixture<QueueExportTests.Tickets>
{
    private readonly IocAppFactory _app = fixture.App;

    /// <summary>One app for the class: two tickets, one routed to the Department of Justice.</summary>
    public sealed class Tickets : IAsyncLifetime
    {
        public IocAppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            var app = App;
            var at = IngestHarness.DefaultNow;
            var justice = app.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Name.Contains("Tư pháp", StringComparison.Ordinal));
            var commune = app.Catalog.Units.All.First(u => u.IsLocal);
            (await app.PostEventsAsync(
                Events.TicketCreated("PA-1", at.AddHours(-3), text: "Chứng thực bản sao bị hẹn lại nhiều lần", commune: commune.Code, reporterName: "Nguyễn Văn An", reporterPhone: "0912345678"),
                Events.TicketCreated("PA-2", at.AddHours(-2), channel: "zalo", text: "=HYPERLINK(\"http://x\") đèn đường hỏng ở ngõ 5", commune: commune.Code, reporterName: "Trần Thị Bình", reporterPhone: "0987654321"),
                Events.Ticket(EventTypes.TicketRouted, "PA-1", at.AddHours(-1), e => { e.Category = "thu-tuc-hanh-chinh"; e.Unit = justice.Code; }))).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Csv_HotlineStaffAllTickets_EveryRowReporterInClearFormulaGuarded()
    {
        using var staff = await SignedInClient.AsAsync(_app.ServerAddress, "tongdai");

        var csv = Encoding.UTF8.GetString(await staff.Http.GetByteArrayAsync("/export/hotline?view=all&format=csv"));

        Assert.Contains("PA-1", csv, StringComparison.Ordinal);
        Assert.Contains("PA-2", csv, StringComparison.Ordinal);
        Assert.Contains("0912345678", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.StartsWith("Mã phiếu", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_FilteredByChannel_OnlyThoseRows()
    {
        using var staff = await SignedInClient.AsAsync(_app.ServerAddress, "tongdai");

        var xlsx = await staff.Http.GetByteArrayAsync("/export/hotline?view=all&channel=zalo&format=xlsx");

        using var stream = new MemoryStream(xlsx);
        var codes = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r["Mã phiếu"] as string).ToList();
        Assert.Equal(["PA-2"], codes);
    }

    [Fact]
    public async Task Csv_DepartmentHead_OwnUnitsTicketsOnlyReporterMasked()
    {
        using var head = await SignedInClient.AsAsync(_app.ServerAddress, "giamdoc.sotuphap");

        var csv = Encoding.UTF8.GetString(await head.Http.GetByteArrayAsync("/export/hotline?view=all&format=csv"));

        Assert.Contains("PA-1", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("PA-2", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", csv, StringComparison.Ordinal);
        Assert.Contains("09xx xxx 678", csv, StringComparison.Ordinal);
    }
}

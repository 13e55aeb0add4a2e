using System.Net;
using System.Text;
using Ioc.Aggregation.Documents;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;
using Ioc.Web.Features.Documents;
using Ioc.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Documents;

/// <summary>
/// The documents tab, a document's page and the export, as a leader and as a department head: the figures
/// and their lists agree, the file holds the list's rows, and a head sees his own unit's documents only.
/// </summary>
public sealed class DocumentPagesTests : IAsyncLifetime
{
    private const string Subject = "V/v đôn đốc xử lý văn bản quá hạn <b>khẩn</b>";
    private readonly IocAppFactory _app = new();
    private Unit _justice = null!;
    private Unit _other = null!;

    public async Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        var departments = _app.Catalog.Units.All.Where(u => u.Kind == UnitKind.Department).ToList();
        _justice = departments.First(u => u.Name.Contains("Tư pháp", StringComparison.Ordinal));
        _other = departments.First(u => u.Id != _justice.Id && !_app.Catalog.Units.IsWithin(u.Id, _justice.Id));
        var at = IngestHarness.DefaultNow.AddDays(-4);
        var events = new List<IngestEvent>();
        for (var i = 0; i < 6; i++)
        {
            // Due two days after receipt; the odd ones are processed a day late, the first two never (overdue now).
            var code = $"VBDEN-TP-{i}";
            events.Add(new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentReceived, OccurredAt = at.AddMinutes(i), Document = code, Unit = _justice.Code,
                Electronic = i != 5, InterConnected = i % 2 == 0, DueAt = at.AddDays(2), Subject = Subject });
            if (i >= 2)
            {
                events.Add(new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentProcessed, OccurredAt = at.AddDays(i % 2 == 0 ? 1 : 3), Document = code });
            }
        }
        events.Add(new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentIssued, OccurredAt = at, Document = "VBDI-TP-1", Unit = _justice.Code, Electronic = true, DigitallySigned = true });
        events.Add(new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentReceived, OccurredAt = at, Document = "VBDEN-KHAC-1", Unit = _other.Code, Electronic = true });
        (await _app.PostEventsAsync([.. events])).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string[] CsvCodes(byte[] bytes) =>
        [.. Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0])];

    [Fact]
    public async Task Export_EachView_HoldsAsManyRowsAsItsFigure()
    {
        using var leader = await SignedInClient.AsAsync(_app.ServerAddress, "lanhdao");
        var queries = _app.Services.GetRequiredService<DocumentQueries>();
        var range = KpiWindows.Resolve(KpiWindow.Month, ProvinceTime.LocalDate(IngestHarness.DefaultNow));
        var kpis = await queries.GetAsync(_justice.Id, range);
        Assert.Equal((6L, 1L, 4L, 2L, 2L), (kpis.Received, kpis.Issued, kpis.Processed, kpis.Open, kpis.Overdue));
        Assert.Equal(new Rate(2, 4), kpis.OnTimeRate);
        Assert.Equal(new Rate(6, 7), kpis.ElectronicRate);

        foreach (var (view, figure) in new[] { ("received", kpis.Received), ("issued", kpis.Issued), ("processed", kpis.Processed), ("open", kpis.Open), ("overdue", kpis.Overdue) })
        {
            var csv = CsvCodes(await leader.Http.GetByteArrayAsync($"/export/units/{_justice.Id}/documents?format=csv&w=month&dview={view}"));
            Assert.Equal((view, figure), (view, (long)csv.Length));
        }
        var overdue = CsvCodes(await leader.Http.GetByteArrayAsync($"/export/units/{_justice.Id}/documents?format=csv&w=month&dview=overdue"));
        Assert.Equal(["VBDEN-TP-0", "VBDEN-TP-1"], overdue.Order());
        var xlsx = await leader.Http.GetAsync($"/export/units/{_justice.Id}/documents?format=xlsx&w=month");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        var bad = await leader.Http.GetAsync($"/export/units/{_justice.Id}/documents?format=csv&w=month&dview=everything");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("dview=everything", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DocumentsTab_ShowsFiguresAndTheOverdueListWithTextAsText()
    {
        using var leader = await SignedInClient.AsAsync(_app.ServerAddress, "lanhdao");
        var html = await leader.Http.GetStringAsync($"/units/{_justice.Id}?w=month&tab=documents&dview=overdue");
        Assert.Contains("data-kpi=\"documents-overdue\"", html);
        Assert.Contains("data-document=\"VBDEN-TP-0\"", html);
        Assert.Contains("data-document=\"VBDEN-TP-1\"", html);
        Assert.DoesNotContain("data-document=\"VBDEN-TP-2\"", html);
        Assert.DoesNotContain("<b>khẩn</b>", html);

        var page = await leader.Http.GetStringAsync("/documents/VBDEN-TP-3?w=month");
        Assert.Contains("data-document-code", page);
        Assert.Contains("Trễ hạn", page);
        Assert.Contains("&lt;b&gt;khẩn&lt;/b&gt;", page);
    }

    [Fact]
    public async Task DepartmentHead_SeesOwnDocumentsOnly()
    {
        using var head = await SignedInClient.AsAsync(_app.ServerAddress, "giamdoc.sotuphap");
        Assert.Equal(HttpStatusCode.OK, (await head.Http.GetAsync("/documents/VBDEN-TP-0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.Http.GetAsync("/documents/VBDEN-KHAC-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.Http.GetAsync("/documents/VBDEN-KHONG-CO")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.Http.GetAsync($"/export/units/{_other.Id}/documents?format=csv&w=month")).StatusCode);
        var own = CsvCodes(await head.Http.GetByteArrayAsync($"/export/units/{_justice.Id}/documents?format=csv&w=month"));
        Assert.Equal(6, own.Length);
        Assert.DoesNotContain("VBDEN-KHAC-1", own);
    }

    [Fact]
    public void DocumentTexts_HaveEnglish()
    {
        var texts = DocumentText.Columns.Select(c => c.Header)
            .Concat(Enum.GetValues<DocumentListView>().Select(DocumentText.ViewName))
            .Concat(Enum.GetValues<Domain.Documents.DocumentStatus>().Select(DocumentText.Status))
            .Concat(Enum.GetValues<Domain.Documents.DocumentDirection>().Select(DocumentText.Direction))
            .Concat(["Điện tử", "Giấy", "Đúng hạn", "Trễ hạn", "Quá hạn", "Văn bản điện tử hôm nay"]);
        Assert.All(texts, t => Assert.True(UiText.EnglishEntries.ContainsKey(t), $"No English for '{t}'."));
    }
}

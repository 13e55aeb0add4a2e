using System.Net;
using System.Text;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Testing;
using Ioc.Web.Features.Exports;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Ioc.Web.Tests;

/// <summary>The dossier export carries exactly the list's rows, read from the page's own URL parameters, and never stops silently.</summary>
public sealed class DossierExportTests
{
    private static string[] CsvCodes(byte[] bytes) =>
        [.. Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0])];

    [Fact]
    public async Task DossierExport_PagesWindowAndProcedure_HoldsExactlyTheFiguresRows()
    {
        await using var app = new IocAppFactory();
        var seeded = await DemoDossiers.PostAsync(app, perCommune: 30);
        using var leader = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");
        var commune = app.Catalog.Units.FindByCode(seeded.CommuneA)!;
        var indicators = app.Services.GetRequiredService<IndicatorQueries>();
        var queries = app.Services.GetRequiredService<DossierQueries>();

        foreach (var (w, window) in new[] { ("today", KpiWindow.Today), ("week", KpiWindow.Week), ("month", KpiWindow.Month), ("year", KpiWindow.Year) })
        {
            var range = indicators.Resolve(window);
            var figure = await indicators.GetProcedureAsync(commune.Id, seeded.Procedure.Id, range);
            var csv = CsvCodes(await leader.Http.GetByteArrayAsync($"/export/units/{commune.Id}/dossiers?format=csv&w={w}&proc={seeded.Procedure.Id}"));
            var list = await queries.ListAsync(new DossierFilter(commune.Id, ProcedureId: seeded.Procedure.Id, From: range.From, To: range.To), 0, 1000);
            Assert.Equal((w, figure.Received), (w, (long)csv.Length));
            Assert.Equal(list.Rows.Select(r => r.Code), csv);
        }

        // A custom window, and "toàn bộ thời gian" only when asked for.
        var custom = CsvCodes(await leader.Http.GetByteArrayAsync($"/export/units/{commune.Id}/dossiers?format=csv&w=custom&from=2026-03-15&to=2026-03-17"));
        var customFigure = await indicators.GetAsync(commune.Id, new DayRange(new(2026, 3, 15), new(2026, 3, 17)));
        Assert.Equal(customFigure.Dossiers.Received, custom.Length);
        var all = CsvCodes(await leader.Http.GetByteArrayAsync($"/export/units/{commune.Id}/dossiers?format=csv&w=today&all=1"));
        Assert.Equal(30, all.Length);
    }

    [Fact]
    public async Task DossierExport_ReturnedWhilePaused_CarriesTheDueDateShiftedByTheWait()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First();
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune" && p.Limit.Kind == Ioc.Domain.Catalog.TimeLimitKind.WorkingDays);
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Ioc.Domain.Time.ProvinceTime.Offset);
        var paused = received.AddDays(1);
        var returned = new DateTimeOffset(2026, 3, 18, 10, 0, 0, Ioc.Domain.Time.ProvinceTime.Offset);
        (await app.PostEventsAsync(
            Events.DossierReceived("HS-TRA-LAI", commune.Code, procedure.Code, received),
            Events.Dossier(EventTypes.DossierPaused, "HS-TRA-LAI", paused),
            Events.Dossier(EventTypes.DossierReturned, "HS-TRA-LAI", returned))).EnsureSuccessStatusCode();
        using var leader = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");

        var lines = Encoding.UTF8.GetString(await leader.Http.GetByteArrayAsync($"/export/units/{commune.Id}/dossiers?format=csv&w=month"))
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(';'), "Hạn trả hiện tại");
        var row = lines.Single(l => l.StartsWith("HS-TRA-LAI;", StringComparison.Ordinal)).Split(';');
        var rule = new Ioc.Domain.Dossiers.DueDateRule(app.Services.GetRequiredService<Ioc.Domain.Time.WorkingCalendar>());
        var unshifted = rule.Due(procedure.Limit, received, [])!.Value.Day;
        var shifted = rule.Due(procedure.Limit, received, [(paused, returned)])!.Value.Day;
        Assert.True(shifted > unshifted);
        Assert.Equal(shifted.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), row[column]);
    }

    [Theory]
    [InlineData("w=decade", "w=decade")]
    [InlineData("w=custom&from=2026-03-10&to=2026-03-01", "w=custom")]
    [InlineData("w=year&status=Everything", "status=Everything")]
    [InlineData("w=year&proc=-4", "proc=-4")]
    public async Task DossierExport_UnreadableParameter_Is400NamingIt(string query, string named)
    {
        await using var app = new IocAppFactory();
        using var leader = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");
        var response = await leader.Http.GetAsync($"/export/units/{app.Catalog.Units.Root.Id}/dossiers?format=csv&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_MoreRowsThanASheetHolds_EndsWithARowSayingWhereAndWhy()
    {
        IReadOnlyList<TableColumn<int>> columns = [new("Mã hồ sơ", i => $"HS-{i}"), new("Số", i => i, ColumnFormat.Number)];
        using var stream = new MemoryStream();
        var (rows, stopped) = TableExport.Xlsx(Enumerable.Range(1, 8), columns, "Ho so", stream, maxRows: 5);
        Assert.Equal((5, true), (rows, stopped));
        stream.Position = 0;
        var read = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, read.Count);
        Assert.Equal("HS-5", read[4]["Mã hồ sơ"]);
        Assert.StartsWith("Tệp dừng ở 5 dòng", read[5]["Mã hồ sơ"] as string);
    }

    [Fact]
    public void Csv_ManyRows_WritesEveryOne()
    {
        IReadOnlyList<TableColumn<int>> columns = [new("Mã hồ sơ", i => $"HS-{i}")];
        using var stream = new MemoryStream();
        Assert.Equal(250_000, TableExport.Csv(Enumerable.Range(1, 250_000), columns, stream));
        Assert.Equal(250_001, CsvCodes(stream.ToArray()).Length + 1);
    }
}

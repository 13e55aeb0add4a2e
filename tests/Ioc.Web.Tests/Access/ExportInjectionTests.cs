using System.Text;
using Ioc.Domain.Units;
using Ioc.Testing;
using MiniExcelLibs;

namespace Ioc.Web.Tests.Access;

/// <summary>A dossier code may hold anything; in an export it is text, never a formula a spreadsheet runs.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class ExportInjectionTests(AccessFixture f)
{
    private const string Code = "=HYPERLINK(\"http://evil.example\";\"Mở\")";

    [Fact]
    public async Task DossierExport_CodeStartingAsAFormula_IsGuardedInCsvAndXlsx()
    {
        var justice = f.App.Catalog.Units[f.Justice];
        var procedure = f.App.Catalog.Procedures.First(p => p.HandledBy == justice.Code);
        (await f.App.PostEventsAsync(Events.DossierReceived(Code, justice.Code, procedure.Code, IngestHarness.DefaultNow.AddHours(-2)))).EnsureSuccessStatusCode();
        var leader = f.Clients["leader"].Http;

        var csv = Encoding.UTF8.GetString(await leader.GetByteArrayAsync($"/export/units/{f.Justice}/dossiers?format=csv"));
        var xlsx = await leader.GetByteArrayAsync($"/export/units/{f.Justice}/dossiers?format=xlsx");

        Assert.Contains("\n\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Mở\"\")\";", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\"=HYPERLINK", csv, StringComparison.Ordinal);
        using var stream = new MemoryStream(xlsx);
        var codes = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r["Mã hồ sơ"] as string).ToList();
        Assert.Contains("'" + Code, codes);
        Assert.DoesNotContain(Code, codes);
    }
}

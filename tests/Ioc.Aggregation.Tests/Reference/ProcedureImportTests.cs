using System.Text;
using Ioc.Aggregation.Reference;
using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>A province brings its procedures from the national list export and completes what the export lacks.</summary>
public sealed class ProcedureImportTests
{
    private static string NationalExport => Path.Combine(TestPaths.RepositoryRoot, "data", "national", "danh-sach-tthc-BoTuPhap.xlsx");

    private static string NgheAn(TempFolder folder)
    {
        var dir = Path.Combine(folder.Path, "nghe-an");
        ProvinceInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), "40", dir, TestPaths.ReferenceData);
        return dir;
    }

    [Fact]
    public void Read_NationalExportWithTitleRows_EveryProcedureWithCodeNameFieldAgency()
    {
        var rows = ProcedureImport.Read(NationalExport);

        Assert.Equal(271, rows.Count);
        var first = rows[0];
        Assert.Equal(("1.014966", "Quản tài viên", 3), (first.Code, first.Field, first.Line));
        Assert.StartsWith("Cấp lại chứng chỉ hành nghề Quản tài viên", first.Name);
        Assert.Contains("Sở Tư Pháp", first.Agency);
        Assert.All(rows, r => Assert.Null(r.LimitKind));
    }

    [Fact]
    public void Apply_NationalExport_NothingGuessedEverythingListedToComplete()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);

        var result = ProcedureImport.Apply(dir, ProcedureImport.Read(NationalExport));

        Assert.Equal(0, result.Written);
        Assert.Empty(ReferenceFiles.ReadProcedures(dir));
        Assert.True(result.OtherLevels > 0);
        Assert.Equal(271 - result.OtherLevels, result.ToComplete.Count);
        var communeLevel = result.ToComplete.First(t => t.Row.Code == "3.000323").Row;
        Assert.Equal("commune", communeLevel.HandledBy);
        Assert.Equal("P40.03", result.ToComplete.First(t => t.Row.Code == "1.002099").Row.HandledBy);
        Assert.Equal("limitKind", result.ToComplete.First(t => t.Row.Code == "3.000323").Field);
        Assert.Empty(ReferenceValidator.Validate(dir));
    }

    [Fact]
    public async Task Apply_CompletedWorksheet_ProceduresWrittenValidAndReceivedAtTheirUnits()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var first = ProcedureImport.Apply(dir, ProcedureImport.Read(NationalExport));
        var lines = File.ReadAllLines(first.Worksheet, Encoding.UTF8).ToList();
        // The province fills in three rows, in Vietnamese terms and in the documented ones.
        Complete(lines, "3.000323", "Ngày làm việc", "3", "partial", "false");
        Complete(lines, "1.002099", "calendar-days", "10", "full", "true");
        Complete(lines, "1.003976", "none", "", "none", "true", handledBy: "P40.01"); // "UBND cấp tỉnh": the province says which body
        File.WriteAllLines(first.Worksheet, lines, new UTF8Encoding(true));

        var second = ProcedureImport.Apply(dir, ProcedureImport.Read(first.Worksheet));

        Assert.Equal(3, second.Written);
        Assert.Equal(first.ToComplete.Count - 3, second.ToComplete.Count);
        Assert.Empty(ReferenceValidator.Validate(dir));
        var procedures = ReferenceFiles.ReadProcedures(dir).ToDictionary(p => p.Code);
        Assert.Equal(3, procedures.Count);
        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var hoTich = h.Catalog.FindProcedure("3.000323")!;
        Assert.Equal(Procedure.HandledByCommune, hoTich.HandledBy);
        var commune = h.Catalog.Units.All.First(u => u.IsLocal).Code;
        Assert.True((await h.IngestAsync(Events.DossierReceived("HS-NA-1", commune, "3.000323", IngestHarness.DefaultNow.AddHours(-1)))).Succeeded);
        Assert.True((await h.IngestAsync(Events.DossierReceived("HS-NA-2", "P40.03", "1.002099", IngestHarness.DefaultNow.AddHours(-1)))).Succeeded);
        Assert.False((await h.IngestAsync(Events.DossierReceived("HS-NA-3", "P40.03", "3.000323", IngestHarness.DefaultNow.AddHours(-1)))).Succeeded);
    }

    [Fact]
    public void Apply_WorksheetWithAnUnknownUnit_KeptToCompleteNamingTheField()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var csv = Path.Combine(folder.Path, "own.csv");
        File.WriteAllText(csv, "code;name;field;handledBy;limitKind;limitAmount;onlineLevel;fee\n9.000001;Thủ tục thử;Thử;P40.99;working-days;5;none;false\n");

        var result = ProcedureImport.Apply(dir, ProcedureImport.Read(csv));

        var (row, field, message) = Assert.Single(result.ToComplete);
        Assert.Equal(("9.000001", 2, "handledBy"), (row.Code, row.Line, field));
        Assert.Contains("P40.99", message);
        Assert.Equal(0, result.Written);
    }

    private static void Complete(List<string> lines, string code, string kind, string amount, string online, string fee, string? handledBy = null)
    {
        var i = lines.FindIndex(l => l.StartsWith(code + ",", StringComparison.Ordinal));
        Assert.True(i > 0, code);
        var cells = ParseCsvLine(lines[i]);
        cells[4] = handledBy ?? cells[4];
        cells[5] = kind;
        cells[6] = amount;
        cells[7] = online;
        cells[8] = fee;
        lines[i] = string.Join(',', cells.Select(c => c.Contains(',') || c.Contains('"') ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));
    }

    private static List<string> ParseCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}

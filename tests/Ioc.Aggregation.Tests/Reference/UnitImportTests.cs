using System.Text;
using Ioc.Aggregation;
using Ioc.Aggregation.Reference;
using Ioc.Data.Reference;
using Ioc.Domain.Units;
using Ioc.Testing;
using MiniExcelLibs;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>A province brings the bodies it has beyond the common twelve from its own spreadsheet.</summary>
public sealed class UnitImportTests
{
    private static string NgheAn(TempFolder folder)
    {
        var dir = Path.Combine(folder.Path, "nghe-an");
        ProvinceInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), "40", dir, TestPaths.ReferenceData);
        return dir;
    }

    private static string Csv(TempFolder folder, string text)
    {
        var path = Path.Combine(folder.Path, "don-vi.csv");
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Apply_VietnameseHeadersAndKinds_UnitsAddedRenamedAndServed()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var before = ReferenceFiles.ReadUnits(dir).Count;
        var file = Csv(folder, """
            Mã đơn vị;Tên đơn vị;Tên viết tắt;Loại;Đơn vị cha
            P40.20;Sở Dân tộc và Tôn giáo;Sở DT&TG;sở;P40
            P40.21;Bảo hiểm xã hội tỉnh Nghệ An;BHXH tỉnh;cơ quan;P40
            P40.03;Sở Tư pháp tỉnh Nghệ An;Sở Tư pháp;department;P40
            """);

        var result = UnitImport.Apply(dir, file);

        Assert.Empty(result.Problems);
        Assert.Equal((2, 1), (result.Added, result.Updated));
        Assert.Empty(ReferenceValidator.Validate(dir));
        var units = ReferenceFiles.ReadUnits(dir).ToDictionary(u => u.Code);
        Assert.Equal(before + 2, units.Count);
        Assert.Equal("Sở Tư pháp tỉnh Nghệ An", units["P40.03"].Name);
        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var bhxh = h.Catalog.Units.FindByCode("P40.21")!;
        Assert.Equal((UnitKind.Agency, h.Catalog.Units.Root.Id), (bhxh.Kind, bhxh.ParentId));
        Assert.Equal(UnitKind.Department, h.Catalog.Units.FindByCode("P40.20")!.Kind);
    }

    [Fact]
    public void Apply_BadRows_EveryProblemWithItsLineAndNothingWritten()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var unitsFile = Path.Combine(dir, ReferenceFiles.UnitsFile);
        var bytes = File.ReadAllBytes(unitsFile);
        var file = Csv(folder, """
            code,name,kind,parent,lat,retiredFrom
            P40.20,,department,P40,,
            P40.21,Ban Quản lý Khu kinh tế Đông Nam,board,P40,,
            P40.22,Sở Ngoại vụ,department,P40,95.5,
            P40.22,Sở Ngoại vụ,department,P40,,
            P40.23,Sở Du lịch,department,P40,,31/02/2026
            """);

        var result = UnitImport.Apply(dir, file);

        Assert.Equal(
        [
            "don-vi.csv: line 2: name: missing",
            "don-vi.csv: line 3: kind: 'board' is not one of province, department, agency, district, commune, ward, special-zone (or tỉnh, sở, cơ quan, huyện, xã, phường, đặc khu)",
            "don-vi.csv: line 4: lat: '95.5' is not a number of degrees between -90 and 90",
            "don-vi.csv: line 5: code: 'P40.22' is already on line 4",
            "don-vi.csv: line 6: retiredFrom: '31/02/2026' is not a date (yyyy-MM-dd or dd/MM/yyyy)",
        ], result.Problems);
        Assert.Equal(bytes, File.ReadAllBytes(unitsFile));
    }

    [Fact]
    public void Apply_RowsValidAloneButTreeBroken_ValidatorProblemsAndNothingWritten()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var unitsFile = Path.Combine(dir, ReferenceFiles.UnitsFile);
        var bytes = File.ReadAllBytes(unitsFile);
        var file = Csv(folder, """
            code,name,kind,parent
            P40.20,Sở Dân tộc và Tôn giáo,department,P41
            P40.30,Phòng A,department,P40.31
            P40.31,Phòng B,department,P40.30
            """);

        var result = UnitImport.Apply(dir, file);

        Assert.Contains(result.Problems, p => p.StartsWith("units.json: P40.20: parent: unknown unit 'P41'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("P40.30") && p.Contains("cycle", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(bytes, File.ReadAllBytes(unitsFile));
    }

    [Fact]
    public void Apply_XlsxWithTitleRows_UnitsFromTheHeaderRowOn()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var path = Path.Combine(folder.Path, "don-vi.xlsx");
        object?[][] rows =
        [
            ["DANH SÁCH CƠ QUAN, ĐƠN VỊ CÓ BỘ PHẬN MỘT CỬA", null, null, null],
            [null, null, null, null],
            ["Mã đơn vị", "Tên đơn vị", "Loại", "Đơn vị cha"],
            ["P40.21", "Bảo hiểm xã hội tỉnh Nghệ An", "cơ quan", "P40"],
            ["P40.22", "Cục Thuế tỉnh Nghệ An", "agency", "P40"],
        ];
        MiniExcel.SaveAs(path, rows.Select(r => Enumerable.Range(0, r.Length).ToDictionary(i => ((char)('A' + i)).ToString(), i => r[i])), printHeader: false);

        var result = UnitImport.Apply(dir, path);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Added);
        Assert.Equal("Cục Thuế tỉnh Nghệ An", ReferenceFiles.ReadUnits(dir).Single(u => u.Code == "P40.22").Name);
    }

    [Fact]
    public void Command_FlagsInAnyOrder_ImportsAndSaysWhatItDid()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = NgheAn(folder);
        var file = Csv(folder, "code,name,kind,parent\nP40.20,Sở Ngoại vụ,department,P40\n");
        var output = new StringWriter();

        var exit = IocCommands.RunWithoutDatabase(CommandLine.Parse(["units", "--into", dir, "import", file]), output);

        Assert.Equal(0, exit);
        Assert.Contains($"Reference data: {dir}", output.ToString());
        Assert.Contains("1 unit(s) added and 0 updated in units.json.", output.ToString());
        Assert.Contains(ReferenceFiles.ReadUnits(dir), u => u.Code == "P40.20");
    }

    [Fact]
    public void Command_WithoutInto_UsageAndExit64()
    {
        var output = new StringWriter();

        var exit = IocCommands.RunWithoutDatabase(CommandLine.Parse(["units", "import", "don-vi.csv"]), output);

        Assert.Equal(64, exit);
        Assert.StartsWith("Usage: units import", output.ToString());
    }
}

using System.Text;
using Ioc.Contracts;
using Ioc.Web.Features.Exports;
using MiniExcelLibs;

namespace Ioc.Web.Tests;

public sealed class TableExportTests : IocTestContext
{
    private sealed record Row(string Name, long Count, Rate Rate, DateOnly Day);

    private static readonly IReadOnlyList<TableColumn<Row>> Columns =
    [
        new("Đơn vị", r => r.Name),
        new("Hồ sơ tiếp nhận", r => r.Count, ColumnFormat.Number),
        new("Tỷ lệ đúng hạn", r => r.Rate, ColumnFormat.Percent),
        new("Ngày", r => r.Day, ColumnFormat.Date),
    ];

    private static readonly Row[] Rows =
    [
        new("Phường Hồng Gai; \"trung tâm\"", 1842, new Rate(771, 1000), new DateOnly(2026, 3, 5)),
        new("Xã Quảng Tân", 7, Rate.Empty, new DateOnly(2026, 3, 6)),
    ];

    [Fact]
    public void Csv_ViVn_HasBomHeadersAndVietnameseFormats()
    {
        var bytes = TableExport.Csv(Rows, Columns);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Đơn vị;Hồ sơ tiếp nhận;Tỷ lệ đúng hạn;Ngày", lines[0]);
        Assert.Equal("\"Phường Hồng Gai; \"\"trung tâm\"\"\";1.842;77,1 %;05/03/2026", lines[1]);
        Assert.Equal("Xã Quảng Tân;7;;06/03/2026", lines[2]);
    }

    [Fact]
    public void Xlsx_HoldsTypedValuesUnderVietnameseHeaders()
    {
        var bytes = TableExport.Xlsx(Rows, Columns, "Bang");

        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Phường Hồng Gai; \"trung tâm\"", rows[0]["Đơn vị"]);
        Assert.Equal(1842d, Convert.ToDouble(rows[0]["Hồ sơ tiếp nhận"]));
        Assert.Equal(77.1d, Convert.ToDouble(rows[0]["Tỷ lệ đúng hạn (%)"]));
        Assert.Null(rows[1]["Tỷ lệ đúng hạn (%)"]);
        Assert.Equal(new DateTime(2026, 3, 6), rows[1]["Ngày"]);
    }

    [Fact]
    public void Xlsx_NoRows_StillHasTheHeaders()
    {
        using var stream = new MemoryStream(TableExport.Xlsx(Array.Empty<Row>(), Columns, "Bang"));
        Assert.Equal(["Đơn vị", "Hồ sơ tiếp nhận", "Tỷ lệ đúng hạn (%)", "Ngày"], stream.GetColumns(useHeaderRow: true));
    }

    private sealed record Cell(string Text, double Points, long Count);

    private static readonly IReadOnlyList<TableColumn<Cell>> FormulaColumns =
    [
        new("Mã hồ sơ", r => r.Text),
        new("Điểm 766", r => r.Points, ColumnFormat.Decimal),
        new("Hồ sơ tiếp nhận", r => r.Count, ColumnFormat.Number),
    ];

    public static TheoryData<string> FormulaLike() => ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2", "=HYPERLINK(\"http://evil.example\";\"x\")"];

    [Theory]
    [MemberData(nameof(FormulaLike))]
    public void Csv_TextStartingAsAFormula_GetsALeadingQuoteWhileNegativeNumbersStay(string text)
    {
        var bytes = TableExport.Csv([new Cell(text, -1.5, -3)], FormulaColumns);

        var line = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[1];
        var cells = line.Split(';');
        Assert.StartsWith("'", cells[0].TrimStart('"'), StringComparison.Ordinal);
        Assert.EndsWith(";-1,50;-3", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormulaLike))]
    public void Xlsx_TextStartingAsAFormula_GetsALeadingQuoteWhileNegativeNumbersStayNumbers(string text)
    {
        using var stream = new MemoryStream(TableExport.Xlsx([new Cell(text, -1.5, -3)], FormulaColumns, "Bang"));

        var row = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        var cell = Assert.IsType<string>(row["Mã hồ sơ"]);
        Assert.StartsWith("'", cell, StringComparison.Ordinal);
        Assert.EndsWith(text[1..], cell, StringComparison.Ordinal);
        // Numbers are cells of type number (not text), negative or not.
        Assert.IsNotType<string>(row["Điểm 766"]);
        Assert.IsNotType<string>(row["Hồ sơ tiếp nhận"]);
        Assert.Equal(-1.5d, Convert.ToDouble(row["Điểm 766"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-3d, Convert.ToDouble(row["Hồ sơ tiếp nhận"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Csv_OrdinaryText_IsWrittenAsItIs()
    {
        var bytes = TableExport.Csv([new Cell("H22.39-261123-0001", 0, 1)], FormulaColumns);

        Assert.Equal("H22.39-261123-0001;0,00;1", Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[1]);
    }
}

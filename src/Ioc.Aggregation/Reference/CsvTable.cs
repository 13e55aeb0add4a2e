using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Ioc.Aggregation.Reference;

/// <summary>A province's CSV or XLSX file as rows of cells, for the import commands.</summary>
public static class CsvTable
{
    /// <summary>Every row of a .xlsx (first sheet) or .csv file, header included.</summary>
    public static List<List<string>> ReadAny(string path) =>
        Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(path) : Read(path);

    /// <summary>
    /// Every record of <paramref name="path"/>, header included. The separator is sniffed from the first
    /// line: Excel in Vietnam saves CSV with semicolons (the comma is the decimal separator).
    /// </summary>
    public static List<List<string>> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var first = reader.ReadLine() ?? "";
        reader.BaseStream.Position = 0;
        reader.DiscardBufferedData();
        var separator = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default with { HasHeader = false, Separator = separator }, leaveOpen: true);
        var rows = new List<List<string>>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i))]);
        }
        return rows;
    }

    private static List<List<string>> ReadXlsx(string path)
    {
        using var stream = File.OpenRead(path);
        return [.. stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList())];
    }
}

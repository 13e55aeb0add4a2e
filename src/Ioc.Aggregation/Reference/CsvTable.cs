using System.Text;
using CsvHelper;

namespace Ioc.Aggregation.Reference;

/// <summary>A province's CSV file as rows of cells, for the import commands.</summary>
public static class CsvTable
{
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
}

using System.Globalization;
using System.Text;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;
using MiniExcelLibs;

namespace Ioc.Web.Features.Exports;

/// <summary>
/// Writes a table as CSV or XLSX with Vietnamese headers. CSV carries vi-VN text formats (1.842;
/// 77,1 %; 23/11/2026) and a BOM so that Excel opens it as UTF-8; XLSX carries typed values
/// (numbers, dates, percentages as numbers in a "(%)" column) so that the sheet can be computed on.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns)
    {
        var sb = new StringBuilder();
        // vi-VN uses the comma as decimal separator, so fields are separated by semicolons, as Excel in Vietnam expects.
        sb.AppendJoin(';', columns.Select(c => Quote(UiText.Translate(c.Header)))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(';', columns.Select(c => Quote(Text(c.Value(row), c.Format)))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] Xlsx<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string sheetName)
    {
        var headers = columns.Select(c => UiText.Translate(c.Header) + (c.Format == ColumnFormat.Percent ? " (%)" : "")).ToArray();
        var data = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                cells[headers[i]] = Typed(columns[i].Value(row), columns[i].Format);
            }
            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        if (data.Count == 0)
        {
            // MiniExcel needs a row to learn the headers; an empty sheet still shows them.
            stream.SaveAs(new[] { headers.ToDictionary(h => h, _ => (object?)null) }, sheetName: sheetName);
        }
        else
        {
            stream.SaveAs(data, sheetName: sheetName);
        }
        return stream.ToArray();
    }

    /// <summary>A cell as the page shows it.</summary>
    public static string Text(object? value, ColumnFormat format) => value switch
    {
        null => "",
        Rate r => r.Value is double v ? Format.Percent(v) : "",
        DateOnly d => Format.Date(d),
        DateTimeOffset t => Format.DateTime(t),
        long or int when format == ColumnFormat.Number => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture),
        double d when format == ColumnFormat.Decimal => d.ToString("0.00", CultureInfo.CurrentCulture),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Typed(object? value, ColumnFormat format) => value switch
    {
        Rate r => r.Value is double v ? Math.Round(v * 100, 1) : null,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => Domain.Time.ProvinceTime.ToLocal(t).DateTime,
        _ => value,
    };

    private static string Quote(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

using System.Globalization;
using System.Text;
using Ioc.Contracts;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;
using CsvHelper;
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

    /// <summary>Excel's sheet holds 1,048,576 rows, the header included.</summary>
    public const int XlsxMaxDataRows = 1_048_575;

    public static byte[] Csv<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns)
    {
        using var stream = new MemoryStream();
        Csv(rows, columns, stream);
        return stream.ToArray();
    }

    /// <summary>Writes every row to <paramref name="output"/> as it is read (no limit, nothing held in memory); returns the number of rows.</summary>
    public static long Csv<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, Stream output)
    {
        long count = 0;
        using var csv = CsvWriter.Create(output, CsvOptions(), leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(UiText.Translate(column.Header));
        }
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                WriteCell(csv, column.Value(row), column.Format);
            }
            csv.EndRecord();
            count++;
        }
        return count;
    }

    // vi-VN uses the comma as decimal separator, so fields are separated by semicolons, as Excel in Vietnam
    // expects. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: a dossier code
    // may hold anything) gets a leading ' ; numbers and dates are written as values and keep their sign.
    private static CsvWriterOptions CsvOptions() => CsvWriterOptions.Default with
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.CurrentCulture,
    };

    /// <summary>A cell as the page shows it; only text goes through CsvHelper's formula guard.</summary>
    private static void WriteCell(CsvWriter csv, object? value, ColumnFormat format)
    {
        switch (value)
        {
            case null:
                csv.WriteField("");
                break;
            case string text:
                csv.WriteField(text);
                break;
            case Rate r when r.Value is double v:
                csv.WriteField(v * 100, PercentFormat);
                break;
            case Rate:
                csv.WriteField("");
                break;
            case DateOnly d:
                csv.WriteField(d, "dd/MM/yyyy");
                break;
            case DateTimeOffset t:
                csv.WriteField(Domain.Time.ProvinceTime.ToLocal(t).DateTime, "dd/MM/yyyy HH:mm");
                break;
            case long or int when format == ColumnFormat.Number:
                csv.WriteField(Convert.ToInt64(value, CultureInfo.InvariantCulture), "N0");
                break;
            case double d when format == ColumnFormat.Decimal:
                csv.WriteField(d, "0.00");
                break;
            case long l:
                csv.WriteField(l, "");
                break;
            case int i:
                csv.WriteField(i, "");
                break;
            case double d:
                csv.WriteField(d, "");
                break;
            default:
                csv.WriteField(Text(value, format));
                break;
        }
    }

    /// <summary>As <see cref="Format.Percent(double)"/> writes a rate: 77,1 % in Vietnamese, 77.1% in English.</summary>
    private static string PercentFormat => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "vi" ? "0.0' %'" : "0.0'%'";

    public static byte[] Xlsx<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string sheetName)
    {
        using var stream = new MemoryStream();
        Xlsx(rows, columns, sheetName, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Writes rows to <paramref name="output"/> as they are read. A sheet cannot hold more than
    /// <paramref name="maxRows"/>: the file then ends with a row saying where and why it stops (the
    /// CSV export has no limit), never silently. Returns the rows written and whether it stopped early.
    /// </summary>
    public static (long Rows, bool Stopped) Xlsx<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string sheetName, Stream output, int maxRows = XlsxMaxDataRows)
    {
        var headers = columns.Select(c => UiText.Translate(c.Header) + (c.Format == ColumnFormat.Percent ? " (%)" : "")).ToArray();
        long written = 0;
        var stopped = false;
        IEnumerable<Dictionary<string, object?>> Data()
        {
            using var e = rows.GetEnumerator();
            while (e.MoveNext())
            {
                if (written == maxRows)
                {
                    stopped = true;
                    var note = headers.ToDictionary(h => h, _ => (object?)null);
                    note[headers[0]] = string.Format(CultureInfo.CurrentCulture,
                        UiText.Translate("Tệp dừng ở {0} dòng: một trang tính Excel không chứa được nhiều hơn. Tải tệp CSV để có đủ mọi dòng."), maxRows.ToString("N0", CultureInfo.CurrentCulture));
                    yield return note;
                    yield break;
                }
                var cells = new Dictionary<string, object?>(columns.Count);
                for (var i = 0; i < columns.Count; i++)
                {
                    cells[headers[i]] = Typed(columns[i].Value(e.Current), columns[i].Format);
                }
                written++;
                yield return cells;
            }
            if (written == 0)
            {
                // MiniExcel needs a row to learn the headers; an empty sheet still shows them.
                yield return headers.ToDictionary(h => h, _ => (object?)null);
            }
        }
        output.SaveAs(Data(), sheetName: sheetName);
        return (written, stopped);
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

    /// <summary>
    /// A value as the sheet stores it. Text that Excel would turn into a formula once someone edits the
    /// cell gets a leading ' (OWASP's advice for CSV injection); numbers stay numbers, negative or not.
    /// </summary>
    private static object? Typed(object? value, ColumnFormat format) => value switch
    {
        string text => FormulaGuard.Escape(text),
        Rate r => r.Value is double v ? Math.Round(v * 100, 1) : null,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => Domain.Time.ProvinceTime.ToLocal(t).DateTime,
        _ => value,
    };
}

namespace Ioc.Web.Features.Exports;

/// <summary>
/// Text cells that a spreadsheet would read as a formula (OWASP "CSV injection"): those starting with
/// = + - @, a tab or a carriage return get a leading ', the same rule CsvHelper applies to CSV text.
/// </summary>
public static class FormulaGuard
{
    private static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    public static string Escape(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
}

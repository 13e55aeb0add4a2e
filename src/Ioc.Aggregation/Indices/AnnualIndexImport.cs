using System.Globalization;
using Ioc.Aggregation.Reference;
using Ioc.Domain.Indices;
using Ioc.Domain.Text;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Indices;

/// <summary>What a file of yearly results holds, or why none of it may be stored.</summary>
/// <param name="Problems">Each as <c>file: line N: field: message</c>; when any, the rows must not be stored.</param>
public sealed record AnnualIndexFile(IReadOnlyList<AnnualIndexResult> Rows, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a province's CSV or XLSX of yearly index results (docs/reference-data.md, "Annual indices"):
/// one row per unit, index and year, with the columns <see cref="Columns"/> (Vietnamese headers too)
/// and one column per component group headed <c>nhóm: &lt;name&gt;</c> (or <c>group: &lt;name&gt;</c>), whose
/// cells are points (<c>9,5</c>) or points of a maximum (<c>9,5/10</c>). Title rows above the header are
/// skipped. Every row is checked against the unit tree; the result says every problem at once.
/// </summary>
public static class AnnualIndexImport
{
    public static readonly string[] Columns = ["year", "unit", "index", "score", "max", "level", "nationalRank", "nationalOf", "source"];

    /// <summary>Headers as a province writes them, folded (no marks, lower case).</summary>
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["year"] = "year", ["nam"] = "year",
        ["unit"] = "unit", ["code"] = "unit", ["ma don vi"] = "unit", ["don vi"] = "unit",
        ["index"] = "index", ["chi so"] = "index",
        ["score"] = "score", ["diem"] = "score", ["ket qua"] = "score", ["diem dat"] = "score",
        ["max"] = "max", ["diem toi da"] = "max", ["thang diem"] = "max",
        ["level"] = "level", ["class"] = "level", ["xep loai"] = "level", ["muc"] = "level", ["muc do"] = "level",
        ["nationalrank"] = "nationalRank", ["hang toan quoc"] = "nationalRank", ["xep hang toan quoc"] = "nationalRank",
        ["nationalof"] = "nationalOf", ["so tinh"] = "nationalOf", ["tren tong so"] = "nationalOf",
        ["source"] = "source", ["nguon"] = "source", ["can cu"] = "source",
    };

    private static readonly string[] GroupPrefixes = ["group:", "nhom:", "thanh phan:", "linh vuc:"];

    /// <summary>Years a result may be for: indices began in 2012 (PAR INDEX); a year ahead is a typo.</summary>
    public const int FirstYear = 2000;

    public static AnnualIndexFile Read(string file, UnitTree units, int currentYear)
    {
        var name = Path.GetFileName(file);
        List<List<string>> table;
        try
        {
            table = CsvTable.ReadAny(file);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException)
        {
            return new([], [$"{name}: not a readable CSV or XLSX file ({ex.Message})"]);
        }
        var headerAt = table.FindIndex(r => r.Count(c => Headers.GetValueOrDefault(Fold(c)) is "year" or "unit" or "index") == 3);
        if (headerAt < 0)
        {
            return new([], [$"{name}: no header row with the columns year, unit and index (Năm, Mã đơn vị, Chỉ số)"]);
        }
        var header = table[headerAt];
        var columns = header.Select(c => Headers.GetValueOrDefault(Fold(c))).ToList();
        var groups = header.Select(GroupName).ToList();
        var problems = new List<string>();
        for (var c = 0; c < header.Count; c++)
        {
            // An unknown column would otherwise be dropped without a word, and its figures with it.
            if (columns[c] is null && groups[c] is null && !string.IsNullOrWhiteSpace(header[c]))
            {
                problems.Add($"{name}: line {headerAt + 1}: {header[c].Trim()}: unknown column; the columns are {string.Join(", ", Columns)} and 'nhóm: <tên nhóm>' for component groups");
            }
        }
        foreach (var twice in columns.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add($"{name}: line {headerAt + 1}: {twice.Key}: column given twice");
        }

        var rows = new List<AnnualIndexResult>();
        var seen = new Dictionary<(int, int, string), int>();
        for (var r = headerAt + 1; r < table.Count; r++)
        {
            var cells = table[r];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var row = new RowReader(name, r + 1, cells, columns, problems);
            var year = row.Int("year", required: true, FirstYear, currentYear);
            var unit = row.Text("unit") is { } code ? units.FindByCode(code) : null;
            if (row.Text("unit") is { } unknown && unit is null)
            {
                row.Problem("unit", $"unknown unit code '{unknown}'");
            }
            else if (unit is null)
            {
                row.Problem("unit", "missing");
            }
            var index = AnnualIndex.Find(row.Text("index"));
            if (index is null)
            {
                row.Problem("index", row.Text("index") is { } given
                    ? $"'{given}' is not one of {string.Join(", ", AnnualIndex.All.Select(i => i.Code))}"
                    : "missing");
            }
            var score = row.Number("score");
            var max = row.Number("max");
            if (max is <= 0)
            {
                row.Problem("max", "must be greater than 0");
            }
            if (score is double s && max is double m && s > m)
            {
                row.Problem("score", $"{Show(s)} is more than the maximum {Show(m)}");
            }
            string? level = null;
            if (row.Text("level") is { } levelText)
            {
                level = index?.NormalizeLevel(levelText);
                if (index is not null && level is null)
                {
                    row.Problem("level", $"'{levelText}' is not a level of {index.Code} ({string.Join(", ", index.Levels)})");
                }
                else if (level is { Length: > 50 })
                {
                    row.Problem("level", "longer than 50 characters");
                }
            }
            var nationalRank = row.Int("nationalRank", required: false, 1, 1000);
            var nationalOf = row.Int("nationalOf", required: false, 1, 1000);
            if ((nationalRank is null) != (nationalOf is null))
            {
                row.Problem(nationalRank is null ? "nationalRank" : "nationalOf", "a national rank needs both nationalRank and nationalOf (xếp thứ 5/63)");
            }
            else if (nationalRank > nationalOf)
            {
                row.Problem("nationalRank", $"{nationalRank} is beyond {nationalOf}");
            }
            if (nationalRank is not null && unit is not null && unit.ParentId is not null)
            {
                row.Problem("nationalRank", $"only the province ({units.Root.Code}) has a national rank; '{unit.Code}' is ranked among its siblings by IOC");
            }
            var source = row.Text("source");
            if (source is { Length: > 300 })
            {
                row.Problem("source", "longer than 300 characters");
            }
            var components = new List<IndexComponent>();
            for (var c = 0; c < groups.Count; c++)
            {
                if (groups[c] is { } group && c < cells.Count && !string.IsNullOrWhiteSpace(cells[c]))
                {
                    if (ReadComponent(cells[c]) is { } component && (component.Max is null || component.Score <= component.Max))
                    {
                        components.Add(new IndexComponent(group, component.Score, component.Max));
                    }
                    else
                    {
                        row.Problem(header[c].Trim(), $"'{cells[c].Trim()}' is not points (9,5) or points of a maximum (9,5/10)");
                    }
                }
            }
            if (!row.Failed && score is null && level is null && nationalRank is null)
            {
                row.Problem("score", "a row needs a score, a level or a national rank");
            }
            if (row.Failed || unit is null || index is null || year is null)
            {
                continue;
            }
            if (!seen.TryAdd((year.Value, unit.Id, index.Code), row.Line))
            {
                row.Problem("unit", $"{unit.Code} {index.Code} {year} is already on line {seen[(year.Value, unit.Id, index.Code)]}");
                continue;
            }
            rows.Add(new AnnualIndexResult(year.Value, unit.Id, index.Code, score, max, level, nationalRank, nationalOf, components, source));
        }
        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add($"{name}: no rows below the header");
        }
        return problems.Count > 0 ? new([], problems) : new(rows, []);
    }

    private static string? GroupName(string header)
    {
        var folded = Fold(header);
        var prefix = GroupPrefixes.FirstOrDefault(folded.StartsWith);
        if (prefix is null)
        {
            return null;
        }
        // The name as written (with its marks), after the first colon.
        var name = header[(header.IndexOf(':') + 1)..].Trim();
        return name.Length > 0 ? name : null;
    }

    private static (double Score, double? Max)? ReadComponent(string cell)
    {
        var parts = cell.Split('/');
        if (parts.Length > 2 || ParseNumber(parts[0]) is not double score || score < 0)
        {
            return null;
        }
        if (parts.Length == 1)
        {
            return (score, null);
        }
        return ParseNumber(parts[1]) is double max && max > 0 ? (score, max) : null;
    }

    /// <summary>
    /// Points as a province writes them: <c>90,766</c> (vi-VN) or <c>90.766</c>, an optional <c>%</c>.
    /// Scores never need thousands separators, so one comma or one dot is the decimal mark.
    /// </summary>
    public static double? ParseNumber(string text)
    {
        var t = text.Trim().TrimEnd('%').Trim();
        if (t.Count(c => c is ',' or '.') > 1)
        {
            return null;
        }
        return double.TryParse(t.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    private static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Fold(string text) => SearchText.Fold(text).Trim();

    /// <summary>One row's cells by column, collecting its problems as <c>file: line N: field: message</c>.</summary>
    private sealed class RowReader(string file, int line, List<string> cells, List<string?> columns, List<string> problems)
    {
        private readonly int _before = problems.Count;

        public int Line => line;

        public bool Failed => problems.Count > _before;

        public void Problem(string field, string message) => problems.Add($"{file}: line {line}: {field}: {message}");

        public string? Text(string column) =>
            columns.IndexOf(column) is var i and >= 0 && i < cells.Count && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;

        public double? Number(string column)
        {
            if (Text(column) is not { } text)
            {
                return null;
            }
            if (ParseNumber(text) is double v && v >= 0)
            {
                return v;
            }
            Problem(column, $"'{text}' is not a number of points (e.g. 90,766)");
            return null;
        }

        public int? Int(string column, bool required, int min, int max)
        {
            if (Text(column) is not { } text)
            {
                if (required)
                {
                    Problem(column, "missing");
                }
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            {
                return v;
            }
            Problem(column, $"'{text}' is not a whole number from {min} to {max}");
            return null;
        }
    }
}

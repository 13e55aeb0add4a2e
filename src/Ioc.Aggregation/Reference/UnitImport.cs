using System.Globalization;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Domain.Text;

namespace Ioc.Aggregation.Reference;

/// <summary>What a unit import did, or why it did nothing.</summary>
/// <param name="Problems">Each as <c>file: line N: field: message</c> or a validator line; when any, nothing was written.</param>
public sealed record UnitImportResult(int Added, int Updated, IReadOnlyList<string> Problems);

/// <summary>
/// Brings a province's departments and agencies (or any units) into its reference directory from a CSV
/// or XLSX with the columns <c>code,name,shortName,kind,parent,lat,lon,retiredFrom,mergedInto</c>
/// (Vietnamese headers too). A unit already in <c>units.json</c> is replaced by its row, a new one is
/// added; a unit missing from the file stays (units are retired, never deleted). The directory is
/// checked as it would be after the import, and the file is written only when the whole directory is
/// valid: an import either applies every row or none.
/// </summary>
public static class UnitImport
{
    public static readonly string[] Columns = ["code", "name", "shortName", "kind", "parent", "lat", "lon", "retiredFrom", "mergedInto"];

    /// <summary>Headers as a province writes them, folded (no marks, lower case).</summary>
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["code"] = "code", ["ma"] = "code", ["ma don vi"] = "code",
        ["name"] = "name", ["ten"] = "name", ["ten don vi"] = "name",
        ["shortname"] = "shortName", ["ten ngan"] = "shortName", ["ten viet tat"] = "shortName",
        ["kind"] = "kind", ["loai"] = "kind", ["loai don vi"] = "kind",
        ["parent"] = "parent", ["don vi cha"] = "parent", ["cap tren"] = "parent", ["ma don vi cha"] = "parent",
        ["lat"] = "lat", ["vi do"] = "lat", ["lon"] = "lon", ["kinh do"] = "lon",
        ["retiredfrom"] = "retiredFrom", ["ngung tu ngay"] = "retiredFrom",
        ["mergedinto"] = "mergedInto", ["sap nhap vao"] = "mergedInto",
    };

    /// <summary>Kinds in the file's words or in Vietnamese; values are the <c>units.json</c> kinds.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["tinh"] = "province", ["so"] = "department", ["so, ban, nganh"] = "department", ["ban"] = "department",
        ["co quan"] = "agency", ["co quan nganh doc"] = "agency", ["huyen"] = "district",
        ["xa"] = "commune", ["phuong"] = "ward", ["dac khu"] = "special-zone",
    };

    public static UnitImportResult Apply(string directory, string file)
    {
        var name = Path.GetFileName(file);
        var table = CsvTable.ReadAny(file);
        var headerAt = table.FindIndex(r => r.Any(c => Headers.GetValueOrDefault(Fold(c)) == "code"));
        if (headerAt < 0)
        {
            return Refused($"{name}: no header row with a 'code' (Mã đơn vị) column");
        }
        var columns = table[headerAt].Select(c => Headers.GetValueOrDefault(Fold(c))).ToList();
        var problems = new List<string>();
        var rows = new List<JsonObject>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = headerAt + 1; r < table.Count; r++)
        {
            var line = r + 1;
            string? Cell(string column) => columns.IndexOf(column) is var i and >= 0 && i < table[r].Count && !string.IsNullOrWhiteSpace(table[r][i]) ? table[r][i].Trim() : null;
            void Problem(string field, string message) => problems.Add($"{name}: line {line}: {field}: {message}");
            if (table[r].All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (Cell("code") is not { } code)
            {
                Problem("code", "missing");
                continue;
            }
            if (!seen.TryAdd(code, line))
            {
                Problem("code", $"'{code}' is already on line {seen[code]}");
            }
            var unit = new JsonObject { ["code"] = code };
            if (Cell("name") is { } unitName)
            {
                unit["name"] = unitName;
            }
            else
            {
                Problem("name", "missing");
            }
            if (Cell("shortName") is { } shortName)
            {
                unit["shortName"] = shortName;
            }
            var kind = Cell("kind") is { } k ? ReferenceValidator.UnitKinds.Contains(k) ? k : Kinds.GetValueOrDefault(Fold(k)) : null;
            if (kind is null)
            {
                Problem("kind", $"'{Cell("kind")}' is not one of {string.Join(", ", ReferenceValidator.UnitKinds)} (or tỉnh, sở, cơ quan, huyện, xã, phường, đặc khu)");
            }
            unit["kind"] = kind;
            unit["parent"] = Cell("parent");
            foreach (var (column, min, max) in new[] { ("lat", -90.0, 90.0), ("lon", -180.0, 180.0) })
            {
                if (Cell(column) is not { } given)
                {
                    continue;
                }
                if (double.TryParse(given.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) && double.IsFinite(degrees) && degrees >= min && degrees <= max)
                {
                    unit[column] = degrees;
                }
                else
                {
                    Problem(column, $"'{given}' is not a number of degrees between {min} and {max}");
                }
            }
            if (Cell("retiredFrom") is { } retired)
            {
                if (DateOnly.TryParseExact(retired, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    unit["retiredFrom"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                else
                {
                    Problem("retiredFrom", $"'{retired}' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
                }
            }
            if (Cell("mergedInto") is { } target)
            {
                unit["mergedInto"] = target;
            }
            rows.Add(unit);
        }
        if (problems.Count > 0)
        {
            return new UnitImportResult(0, 0, problems);
        }

        var path = Path.Combine(directory, ReferenceFiles.UnitsFile);
        var document = ReferenceDocument.Read(path);
        var list = document["units"]!.AsArray();
        var at = list.Select((u, i) => (Code: u?["code"]?.GetValue<string>(), i)).Where(x => x.Code is not null).ToDictionary(x => x.Code!, x => x.i, StringComparer.Ordinal);
        int added = 0, updated = 0;
        foreach (var unit in rows)
        {
            var code = unit["code"]!.GetValue<string>();
            if (at.TryGetValue(code, out var i))
            {
                list[i] = unit;
                updated++;
            }
            else
            {
                at[code] = list.Count;
                list.Add(unit);
                added++;
            }
        }
        var text = ReferenceDocument.Text(document);

        // The directory is validated as it would be, in a copy, so a bad parent or a cycle leaves the real file untouched.
        var trial = Directory.CreateTempSubdirectory("ioc-unit-import-");
        try
        {
            foreach (var f in Directory.EnumerateFiles(directory))
            {
                File.Copy(f, Path.Combine(trial.FullName, Path.GetFileName(f)));
            }
            File.WriteAllText(Path.Combine(trial.FullName, ReferenceFiles.UnitsFile), text);
            var invalid = ReferenceValidator.Validate(trial.FullName).Select(p => p.ToString()).ToList();
            if (invalid.Count > 0)
            {
                return new UnitImportResult(0, 0, invalid);
            }
        }
        finally
        {
            trial.Delete(recursive: true);
        }
        File.WriteAllText(path, text);
        return new UnitImportResult(added, updated, []);
    }

    private static UnitImportResult Refused(string problem) => new(0, 0, [problem]);

    private static string Fold(string text) => SearchText.Fold(text).Trim();
}

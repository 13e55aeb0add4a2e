using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Ioc.Data.Reference;
using Ioc.Domain.Text;

namespace Ioc.Aggregation.Reference;

/// <summary>One procedure as a province lists it; blank where it is still to be completed.</summary>
public sealed record ProcedureRow(int Line, string Code, string Name, string Field, string? Agency, string? HandledBy, string? LimitKind, int? LimitAmount, string? OnlineLevel, bool? Fee);

/// <summary>What an import did: procedures written, rows left to complete (with why), rows outside the province's levels.</summary>
public sealed record ProcedureImportResult(int Written, IReadOnlyList<(ProcedureRow Row, string Field, string Message)> ToComplete, int OtherLevels, string Worksheet);

/// <summary>
/// Brings a province's procedures into its reference directory: from the national list export
/// (<c>danh-sach-tthc-*.xlsx</c>, title rows and all: code, name, field, agency) or from a CSV/XLSX with
/// the documented columns <c>code,name,field,agency,handledBy,limitKind,limitAmount,onlineLevel,fee</c>.
/// Complete rows go into <c>procedures.json</c>; the others are written to
/// <c>procedures-to-complete.csv</c> for the province to fill in and import again. Nothing is guessed
/// that the law or the province must say (time limit, online level, fee); the handling unit is
/// proposed only where the agency text names it (a Sở of the province, or UBND cấp xã).
/// </summary>
public static class ProcedureImport
{
    public const string Worksheet = "procedures-to-complete.csv";
    public static readonly string[] Columns = ["code", "name", "field", "agency", "handledBy", "limitKind", "limitAmount", "onlineLevel", "fee"];

    /// <summary>Headers of the national export and of the documented columns, folded (no marks, lower case).</summary>
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["ma so"] = "code", ["ten"] = "name", ["ten thu tuc"] = "name", ["linh vuc"] = "field", ["co quan thuc hien"] = "agency",
        ["code"] = "code", ["name"] = "name", ["field"] = "field", ["agency"] = "agency", ["handledby"] = "handledBy",
        ["limitkind"] = "limitKind", ["limitamount"] = "limitAmount", ["onlinelevel"] = "onlineLevel", ["fee"] = "fee",
    };

    private static readonly Dictionary<string, string> LimitKinds = new(StringComparer.Ordinal)
    {
        ["working-days"] = "working-days", ["ngay lam viec"] = "working-days",
        ["calendar-days"] = "calendar-days", ["ngay"] = "calendar-days",
        ["hours"] = "hours", ["gio"] = "hours", ["gio lam viec"] = "hours",
        ["within-day"] = "within-day", ["trong ngay"] = "within-day",
        ["none"] = "none", ["khong quy dinh"] = "none",
    };

    /// <summary>Reads the rows of a .xlsx or .csv file; the header row may follow title rows.</summary>
    public static IReadOnlyList<ProcedureRow> Read(string file)
    {
        var table = CsvTable.ReadAny(file);
        var headerAt = table.FindIndex(r => r.Any(c => Headers.TryGetValue(Fold(c), out var h) && h == "code"));
        if (headerAt < 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(file)}: no header row with a 'Mã số' or 'code' column.");
        }
        var columns = table[headerAt].Select(c => Headers.GetValueOrDefault(Fold(c))).ToList();
        string? Cell(List<string> row, string name) => columns.IndexOf(name) is var i and >= 0 && i < row.Count && !string.IsNullOrWhiteSpace(row[i]) ? row[i].Trim() : null;
        var rows = new List<ProcedureRow>();
        for (var r = headerAt + 1; r < table.Count; r++)
        {
            var row = table[r];
            if (Cell(row, "code") is not { } code)
            {
                continue;
            }
            rows.Add(new ProcedureRow(r + 1, code, Cell(row, "name") ?? "", Cell(row, "field") ?? "", Cell(row, "agency"), Cell(row, "handledBy"),
                Cell(row, "limitKind"), int.TryParse(Cell(row, "limitAmount"), CultureInfo.InvariantCulture, out var n) ? n : null,
                Cell(row, "onlineLevel"), Cell(row, "fee") is { } fee ? Fold(fee) is "true" or "co" or "1" : null));
        }
        return rows;
    }

    /// <summary>Adds complete rows to the directory's procedures.json and writes the rest to the worksheet.</summary>
    public static ProcedureImportResult Apply(string directory, IReadOnlyList<ProcedureRow> rows)
    {
        var units = ReferenceFiles.ReadUnits(directory);
        var codes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var byName = units.GroupBy(u => Fold(u.Name)).ToDictionary(g => g.Key, g => g.First().Code, StringComparer.Ordinal);
        var path = Path.Combine(directory, ReferenceFiles.ProceduresFile);
        var document = ReferenceDocument.Read(path);
        var list = document["procedures"]!.AsArray();
        var existing = list.Select((p, i) => (Code: p?["code"]?.GetValue<string>(), i)).Where(x => x.Code is not null).ToDictionary(x => x.Code!, x => x.i, StringComparer.Ordinal);

        var written = 0;
        var otherLevels = 0;
        var toComplete = new List<(ProcedureRow, string, string)>();
        var worksheet = new List<ProcedureRow>();
        foreach (var row in rows.DistinctBy(r => r.Code))
        {
            var handler = row.HandledBy ?? ProposeHandler(row.Agency, byName);
            if (row.HandledBy is null && handler is null && row.Agency is not null && !MentionsProvinceOrCommune(row.Agency))
            {
                otherLevels++; // a ministry's own procedure: not received by a province
                continue;
            }
            var proposed = row with { HandledBy = handler };
            if (Incomplete(proposed, codes) is { } missing)
            {
                if (!existing.ContainsKey(row.Code))
                {
                    toComplete.Add((proposed, missing.Field, missing.Message));
                    worksheet.Add(proposed);
                }
                continue;
            }
            var entry = Entry(proposed);
            if (existing.TryGetValue(row.Code, out var at))
            {
                list[at] = entry;
            }
            else
            {
                existing[row.Code] = list.Count;
                list.Add(entry);
            }
            written++;
        }
        File.WriteAllText(path, ReferenceDocument.Text(document));
        var worksheetPath = Path.Combine(directory, Worksheet);
        WriteWorksheet(worksheetPath, worksheet);
        return new ProcedureImportResult(written, toComplete, otherLevels, worksheetPath);
    }

    private static (string Field, string Message)? Incomplete(ProcedureRow row, HashSet<string> units)
    {
        if (string.IsNullOrWhiteSpace(row.Name) || string.IsNullOrWhiteSpace(row.Field))
        {
            return ("name", "name and field are needed");
        }
        if (row.HandledBy is null)
        {
            return ("handledBy", "which unit handles it: 'commune' or a unit code");
        }
        if (row.HandledBy != "commune" && !units.Contains(row.HandledBy))
        {
            return ("handledBy", $"'{row.HandledBy}' is neither 'commune' nor a unit of units.json");
        }
        if (row.LimitKind is null || !LimitKinds.TryGetValue(Fold(row.LimitKind), out var kind))
        {
            return ("limitKind", "the time limit the law gives: working-days, calendar-days, hours, within-day or none");
        }
        var needsAmount = kind is "working-days" or "calendar-days" or "hours";
        if (needsAmount != row.LimitAmount is > 0)
        {
            return ("limitAmount", needsAmount ? $"a {kind} limit needs its number" : $"a {kind} limit has no number");
        }
        if (row.OnlineLevel is not ("full" or "partial" or "none"))
        {
            return ("onlineLevel", "full (toàn trình), partial (một phần) or none");
        }
        return row.Fee is null ? ("fee", "true or false: does it bear a fee or charge") : null;
    }

    private static JsonObject Entry(ProcedureRow row)
    {
        var kind = LimitKinds[Fold(row.LimitKind!)];
        var limit = new JsonObject { ["kind"] = kind };
        if (row.LimitAmount is int n && kind is "working-days" or "calendar-days" or "hours")
        {
            limit["amount"] = n;
        }
        return new JsonObject
        {
            ["code"] = row.Code, ["name"] = row.Name, ["field"] = row.Field, ["handledBy"] = row.HandledBy,
            ["limit"] = limit, ["onlineLevel"] = row.OnlineLevel, ["fee"] = row.Fee,
        };
    }

    /// <summary>A handler the agency text names plainly: UBND cấp xã, or a Sở whose name the province's units file has.</summary>
    private static string? ProposeHandler(string? agency, Dictionary<string, string> unitsByName)
    {
        if (agency is null)
        {
            return null;
        }
        foreach (var line in agency.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var folded = Fold(line);
            if (folded.Contains("cap xa", StringComparison.Ordinal))
            {
                return "commune";
            }
            if (unitsByName.TryGetValue(folded, out var code))
            {
                return code;
            }
        }
        return null;
    }

    private static bool MentionsProvinceOrCommune(string agency)
    {
        var folded = Fold(agency);
        return folded.Contains("cap tinh", StringComparison.Ordinal) || folded.Contains("cap xa", StringComparison.Ordinal)
            || folded.Contains("so ", StringComparison.Ordinal) || folded.Contains("cong an tinh", StringComparison.Ordinal)
            || folded.Contains("uy ban nhan dan tinh", StringComparison.Ordinal);
    }

    private static string Fold(string text) => SearchText.Fold(text).Trim();

    private static void WriteWorksheet(string path, List<ProcedureRow> rows)
    {
        if (rows.Count == 0)
        {
            File.Delete(path);
            return;
        }
        // UTF-8 with a byte order mark, so that Excel shows Vietnamese; formula-like cells are escaped.
        using var stream = File.Create(path);
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }
        csv.EndRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Code);
            csv.WriteField(r.Name);
            csv.WriteField(r.Field);
            csv.WriteField(r.Agency?.Replace('\n', ';') ?? "");
            csv.WriteField(r.HandledBy ?? "");
            csv.WriteField(r.LimitKind ?? "");
            csv.WriteField(r.LimitAmount?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.OnlineLevel ?? "");
            csv.WriteField(r.Fee is bool f ? (f ? "true" : "false") : "");
            csv.EndRecord();
        }
    }
}

using System.Globalization;
using System.Text.Json;

namespace Ioc.Data.Reference;

/// <summary>One problem in a reference directory, as <c>file: entry: field: message</c>.</summary>
public sealed record ReferenceProblem(string File, string Entry, string Field, string Message)
{
    public override string ToString() => $"{File}: {Entry}: {Field}: {Message}";
}

/// <summary>What a check of a reference directory found: problems refuse the directory, warnings are listed and change nothing.</summary>
/// <param name="Warnings">E.g. commune-level units without a polygon on the map, polygons without a unit.</param>
public sealed record ReferenceReport(IReadOnlyList<ReferenceProblem> Problems, IReadOnlyList<ReferenceProblem> Warnings);

/// <summary>Reference data that cannot be applied; nothing was written.</summary>
public sealed class ReferenceDataException(IReadOnlyList<ReferenceProblem> problems)
    : Exception($"The reference data has {problems.Count} problem(s); nothing was applied:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
{
    public IReadOnlyList<ReferenceProblem> Problems { get; } = problems;
}

/// <summary>
/// Checks a whole reference directory before anything of it is written, and reports every problem
/// at once: a province fixing its files should not meet them one start at a time. Reads the files
/// as plain JSON, so that a wrong type is a problem to report rather than an exception.
/// </summary>
public static class ReferenceValidator
{
    public static readonly IReadOnlyList<string> UnitKinds = ["province", "department", "agency", "district", "commune", "ward", "special-zone"];

    /// <summary>Kinds of units.json: those a province imports (<see cref="UnitKinds"/>) and the country, the root of a national deployment only.</summary>
    public static readonly IReadOnlyList<string> TreeKinds = ["country", .. UnitKinds];

    public static readonly IReadOnlyList<string> OnlineLevels = ["full", "partial", "none"];
    public static readonly IReadOnlyList<string> LimitKinds = ["working-days", "calendar-days", "hours", "within-day", "none"];
    public static readonly IReadOnlyList<string> ScoreSources = Enum.GetNames<Ioc.Domain.Indicators.ScoreSource>();

    private const int MaxCodeLength = 64;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<ReferenceProblem> Validate(string directory) => Check(directory).Problems;

    /// <summary>Every problem and every warning of a directory.</summary>
    public static ReferenceReport Check(string directory)
    {
        var problems = new List<ReferenceProblem>();
        var warnings = new List<ReferenceProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new("(directory)", directory, "-", "does not exist (set ReferenceData:Directory)"));
            return new(problems, warnings);
        }
        var localUnits = new List<(string Code, string Name)>();
        var units = ValidateUnits(directory, problems, localUnits);
        ValidateProcedures(directory, units, problems);
        ValidateCategories(directory, units, problems);
        ValidateHolidays(directory, problems);
        ValidateScoreCard(directory, problems);
        ValidateCommuneMap(directory, units, localUnits, problems, warnings);
        return new(problems, warnings);
    }

    /// <summary>
    /// A broken <c>communes.geojson</c> is a problem; a unit without a polygon or a polygon without a unit
    /// only a warning: the map draws what it can and says what it could not, the rest of IOC is unaffected.
    /// </summary>
    private static void ValidateCommuneMap(string directory, HashSet<string> units, List<(string Code, string Name)> localUnits,
        List<ReferenceProblem> problems, List<ReferenceProblem> warnings)
    {
        var before = problems.Count;
        if (CommuneShapes.Check(directory, problems) is { } shapes && problems.Count == before && units.Count > 0)
        {
            warnings.AddRange(CommuneShapes.Findings(CommuneShapes.Join(localUnits, shapes)));
        }
    }

    /// <summary>Throws <see cref="ReferenceDataException"/> with every problem of the directory.</summary>
    public static void EnsureValid(string directory)
    {
        if (Validate(directory) is { Count: > 0 } problems)
        {
            throw new ReferenceDataException(problems);
        }
    }

    /// <summary>The unit codes of a readable units file (for cross-file checks), empty when unreadable.</summary>
    /// <param name="localUnits">Filled with the commune-level units in force (commune, ward, special zone), which the map draws.</param>
    private static HashSet<string> ValidateUnits(string directory, List<ReferenceProblem> problems, List<(string Code, string Name)> localUnits)
    {
        var file = new FileCheck(ReferenceFiles.UnitsFile, problems);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (file.Entries(directory, "units") is not { } entries)
        {
            return codes;
        }
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        var mergedInto = new Dictionary<string, string>(StringComparer.Ordinal);
        var roots = new List<string>();
        foreach (var (entry, name) in entries)
        {
            var code = file.Code(entry, name, codes);
            var fullName = file.RequiredText(entry, name, "name");
            file.OptionalText(entry, name, "shortName");
            var kind = file.OneOf(entry, name, "kind", TreeKinds, required: true);
            file.Number(entry, name, "lat", -90, 90);
            file.Number(entry, name, "lon", -180, 180);
            var parent = file.OptionalText(entry, name, "parent");
            var retired = file.OptionalText(entry, name, "retiredFrom");
            if (retired is not null && !DateOnly.TryParseExact(retired, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                file.Add(name, "retiredFrom", "must be a date yyyy-MM-dd (the first day the unit no longer exists)");
            }
            if (file.OptionalText(entry, name, "mergedInto") is { } target)
            {
                if (retired is null)
                {
                    file.Add(name, "mergedInto", "needs \"retiredFrom\": the day the merger took effect");
                }
                if (target == code)
                {
                    file.Add(name, "mergedInto", "a unit cannot be merged into itself");
                }
                // Its history counts in the unit it was merged into: for the tree, that is its parent.
                mergedInto[name] = target;
                parent = target;
            }
            if (kind == "country" && parent is not null)
            {
                // A national deployment's pages read the country as the top of the tree (wall, overview, "toàn quốc").
                file.Add(name, "kind", "a country is the root of the tree: it takes no parent");
            }
            if (retired is not null && parent is null)
            {
                file.Add(name, "retiredFrom", "the root unit cannot be retired");
            }
            if (code is not null && retired is null && kind is "commune" or "ward" or "special-zone")
            {
                localUnits.Add((code, fullName ?? code));
            }
            if (code is not null && !parents.ContainsKey(code))
            {
                parents[code] = parent;
                if (parent is null)
                {
                    roots.Add(code);
                }
            }
        }
        foreach (var (code, parent) in parents)
        {
            if (parent is not null && !parents.ContainsKey(parent))
            {
                file.Add(code, mergedInto.ContainsKey(code) ? "mergedInto" : "parent", $"unknown unit '{parent}'");
            }
        }
        if (parents.Count > 0 && roots.Count == 0)
        {
            file.Add("(file)", "parent", "no root unit: exactly one unit (the province) has no parent");
        }
        foreach (var extra in roots.Skip(1))
        {
            file.Add(extra, "parent", $"a second root unit (besides '{roots[0]}'): every unit but the province needs a parent");
        }
        ReportCycles(parents, file);
        return codes;
    }

    private static void ReportCycles(Dictionary<string, string?> parents, FileCheck file)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in parents.Keys)
        {
            var path = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var at = start; at is not null && parents.ContainsKey(at); at = parents[at])
            {
                if (!seen.Add(at))
                {
                    var cycle = path.Skip(path.IndexOf(at)).ToList();
                    if (cycle.All(reported.Add))
                    {
                        file.Add(cycle.Min(StringComparer.Ordinal)!, "parent", $"cycle {string.Join(" → ", cycle.Append(at))}");
                    }
                    break;
                }
                path.Add(at);
            }
        }
    }

    private static void ValidateProcedures(string directory, HashSet<string> units, List<ReferenceProblem> problems)
    {
        var file = new FileCheck(ReferenceFiles.ProceduresFile, problems);
        if (file.Entries(directory, "procedures") is not { } entries)
        {
            return;
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, name) in entries)
        {
            file.Code(entry, name, codes);
            file.RequiredText(entry, name, "name");
            file.RequiredText(entry, name, "field");
            if (file.RequiredText(entry, name, "handledBy") is { } handler && handler != "commune" && units.Count > 0 && !units.Contains(handler))
            {
                file.Add(name, "handledBy", $"'{handler}' is neither 'commune' nor a unit of {ReferenceFiles.UnitsFile}");
            }
            file.OneOf(entry, name, "onlineLevel", OnlineLevels, required: true);
            file.Boolean(entry, name, "fee");
            ValidateLimit(entry, name, file);
        }
    }

    private static void ValidateLimit(JsonElement entry, string name, FileCheck file)
    {
        var hasLimit = entry.TryGetProperty("limit", out var limit) && limit.ValueKind != JsonValueKind.Null;
        var hasDays = entry.TryGetProperty("workingDays", out _);
        if (hasLimit && hasDays)
        {
            file.Add(name, "limit", "give either 'limit' or the older 'workingDays', not both");
            return;
        }
        if (!hasLimit && !hasDays)
        {
            file.Add(name, "limit", "missing; write the time limit the law gives ({\"kind\": \"working-days\", \"amount\": 5}), or {\"kind\": \"none\"} when it gives none");
            return;
        }
        if (hasDays)
        {
            file.Integer(entry, name, "workingDays", 1, 3_650, required: true);
            return;
        }
        if (limit.ValueKind != JsonValueKind.Object)
        {
            file.Add(name, "limit", "must be an object {\"kind\": …, \"amount\": …}");
            return;
        }
        var kind = file.OneOf(limit, name, "limit.kind", LimitKinds, required: true, property: "kind");
        var needsAmount = kind is "working-days" or "calendar-days" or "hours";
        if (needsAmount)
        {
            file.Integer(limit, name, "limit.amount", 1, kind == "hours" ? 24 * 365 : 3_650, required: true, property: "amount");
        }
        else if (kind is not null && limit.TryGetProperty("amount", out _))
        {
            file.Add(name, "limit.amount", $"a '{kind}' limit has no amount");
        }
    }

    private static void ValidateCategories(string directory, HashSet<string> units, List<ReferenceProblem> problems)
    {
        var file = new FileCheck(ReferenceFiles.CategoriesFile, problems);
        if (file.Entries(directory, "categories") is not { } entries)
        {
            return;
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, name) in entries)
        {
            file.Code(entry, name, codes);
            file.RequiredText(entry, name, "name");
            file.OptionalText(entry, name, "description");
            if (file.RequiredText(entry, name, "responsible") is { } responsible && responsible != "commune" && units.Count > 0 && !units.Contains(responsible))
            {
                file.Add(name, "responsible", $"'{responsible}' is neither 'commune' nor a unit of {ReferenceFiles.UnitsFile}");
            }
            if (!entry.TryGetProperty("sla", out var sla) || sla.ValueKind != JsonValueKind.Object)
            {
                file.Add(name, "sla", "missing; give {\"workingDays\": n} or {\"hours\": n}");
                continue;
            }
            var hasDays = sla.TryGetProperty("workingDays", out _);
            var hasHours = sla.TryGetProperty("hours", out _);
            if (hasDays == hasHours)
            {
                file.Add(name, "sla", "needs exactly one of workingDays and hours");
            }
            else if (hasDays)
            {
                file.Integer(sla, name, "sla.workingDays", 1, 365, required: true, property: "workingDays");
            }
            else
            {
                file.Integer(sla, name, "sla.hours", 1, 24 * 30, required: true, property: "hours");
            }
            file.Integer(sla, name, "sla.urgentHours", 1, 24 * 30, required: false, property: "urgentHours");
        }
    }

    private static void ValidateHolidays(string directory, List<ReferenceProblem> problems)
    {
        var file = new FileCheck(ReferenceFiles.HolidaysFile, problems);
        if (file.Root(directory) is not { } root)
        {
            return;
        }
        var dates = new HashSet<DateOnly>();
        foreach (var list in new[] { "daysOff", "workingSaturdays" })
        {
            if (!root.TryGetProperty(list, out var array))
            {
                if (list == "daysOff")
                {
                    file.Add("(file)", list, "missing: the list of days off");
                }
                continue;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                file.Add("(file)", list, "must be an array");
                continue;
            }
            var i = 0;
            foreach (var day in array.EnumerateArray())
            {
                var name = $"{list}[{i++}]";
                var text = day.ValueKind == JsonValueKind.Object && day.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    file.Add(name, "date", "must be a date yyyy-MM-dd");
                    continue;
                }
                if (!dates.Add(date))
                {
                    file.Add(text!, "date", "listed twice");
                }
                if (list == "workingSaturdays" && date.DayOfWeek != DayOfWeek.Saturday)
                {
                    file.Add(text!, "date", $"is a {date.DayOfWeek}, not a Saturday");
                }
            }
        }
    }

    private static readonly string[] ScoreBases = ["confirmed", "inferred"];

    private static void ValidateScoreCard(string directory, List<ReferenceProblem> problems)
    {
        var file = new FileCheck(ReferenceFiles.ScoreCardFile, problems);
        if (file.Entries(directory, "lines") is not { } entries)
        {
            return;
        }
        // The groups carry the national points; the lines of a group must share them out exactly, so an
        // edit that drops or doubles a line shows here rather than as a card that no longer adds up to 100.
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (entry, name) in file.Entries(directory, "groups") ?? [])
        {
            if (file.RequiredText(entry, name, "name") is { } group)
            {
                file.Number(entry, name, "points", 0, 100, required: true);
                if (!groups.TryAdd(group, PointsOf(entry, "points")))
                {
                    file.Add(group, "name", "duplicate group");
                }
            }
        }
        if (groups.Values.Sum() > 100.0001)
        {
            file.Add("(file)", "groups", $"the groups hold {groups.Values.Sum().ToString(CultureInfo.InvariantCulture)} points, more than 100");
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var shared = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (entry, name) in entries)
        {
            file.Code(entry, name, codes);
            if (file.RequiredText(entry, name, "group") is { } group)
            {
                if (!groups.ContainsKey(group))
                {
                    file.Add(name, "group", $"'{group}' is not one of the groups listed in 'groups'");
                }
                shared[group] = shared.GetValueOrDefault(group) + PointsOf(entry, "maxPoints");
            }
            file.RequiredText(entry, name, "name");
            file.Number(entry, name, "maxPoints", 0, 100, required: true);
            file.Number(entry, name, "target", 0.01, 1, required: true);
            file.OneOf(entry, name, "basis", ScoreBases, required: true);
            file.OptionalText(entry, name, "note");
            if (file.RequiredText(entry, name, "source") is { } source && !ScoreSources.Contains(source, StringComparer.OrdinalIgnoreCase))
            {
                file.Add(name, "source", $"unknown source '{source}'; one of {string.Join(", ", ScoreSources)}");
            }
        }
        foreach (var (group, points) in groups)
        {
            if (Math.Abs(shared.GetValueOrDefault(group) - points) > 0.0001)
            {
                file.Add(group, "points", $"the group has {points.ToString(CultureInfo.InvariantCulture)} points but its lines share out {shared.GetValueOrDefault(group).ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static double PointsOf(JsonElement entry, string field) =>
        entry.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : 0;

    /// <summary>The checks of one file, each adding its problems under the file's name.</summary>
    private sealed class FileCheck(string file, List<ReferenceProblem> problems)
    {
        public void Add(string entry, string field, string message) => problems.Add(new(file, entry, field, message));

        public JsonElement? Root(string directory)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                Add("(file)", "-", $"missing from {directory}");
                return null;
            }
            try
            {
                // Cloned, so the document can go; reference files are small.
                using var document = JsonDocument.Parse(File.ReadAllBytes(path), Options);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Add("(file)", "-", "must be a JSON object");
                    return null;
                }
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                Add($"line {(ex.LineNumber ?? 0) + 1}", "-", $"not valid JSON: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
                return null;
            }
        }

        /// <summary>The objects of the root's array <paramref name="list"/>, each with the name problems are reported under.</summary>
        public List<(JsonElement Entry, string Name)>? Entries(string directory, string list)
        {
            if (Root(directory) is not { } root)
            {
                return null;
            }
            if (!root.TryGetProperty(list, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                Add("(file)", list, "missing: the file must be an object with an array '" + list + "'");
                return null;
            }
            var result = new List<(JsonElement, string)>();
            var i = 0;
            foreach (var entry in array.EnumerateArray())
            {
                var position = $"#{++i}";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    Add(position, "-", "must be an object");
                    continue;
                }
                var code = entry.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(c.GetString()) ? c.GetString()! : null;
                result.Add((entry, code ?? position));
            }
            return result;
        }

        public string? Code(JsonElement entry, string name, HashSet<string> codes)
        {
            if (RequiredText(entry, name, "code") is not { } code)
            {
                return null;
            }
            if (code.Length > MaxCodeLength || code.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
            {
                Add(name, "code", $"must be at most {MaxCodeLength} characters without spaces");
            }
            if (!codes.Add(code))
            {
                Add(name, "code", "duplicate: another entry of this file has the same code");
                return null;
            }
            return code;
        }

        public string? RequiredText(JsonElement entry, string name, string field)
        {
            if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Add(name, field, "missing");
                return null;
            }
            return Text(value, name, field, required: true);
        }

        public string? OptionalText(JsonElement entry, string name, string field) =>
            entry.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? Text(value, name, field, required: false) : null;

        private string? Text(JsonElement value, string name, string field, bool required)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                Add(name, field, "must be a string");
                return null;
            }
            var text = value.GetString()!;
            if (required && string.IsNullOrWhiteSpace(text))
            {
                Add(name, field, "is empty");
                return null;
            }
            if (Ioc.Domain.Text.UnsafeCharacters.Find(text, multiline: false) is var (position, codePoint))
            {
                Add(name, field, $"holds the character U+{codePoint:X4} at position {position}");
            }
            return text;
        }

        public string? OneOf(JsonElement entry, string name, string field, IReadOnlyList<string> allowed, bool required, string? property = null)
        {
            var text = required ? RequiredText(entry, name, property ?? field) : OptionalText(entry, name, property ?? field);
            if (text is not null && !allowed.Contains(text))
            {
                Add(name, field, $"'{text}' is not one of {string.Join(", ", allowed)}");
                return null;
            }
            return text;
        }

        public void Boolean(JsonElement entry, string name, string field)
        {
            if (entry.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                Add(name, field, "must be true or false");
            }
        }

        public int? Integer(JsonElement entry, string name, string field, int min, int max, bool required, string? property = null)
        {
            if (!entry.TryGetProperty(property ?? field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Add(name, field, "missing");
                }
                return null;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
            {
                Add(name, field, "must be a whole number");
                return null;
            }
            if (n < min || n > max)
            {
                Add(name, field, $"{n} is outside {min}–{max}");
                return null;
            }
            return n;
        }

        public void Number(JsonElement entry, string name, string field, double min, double max, bool required = false)
        {
            if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Add(name, field, "missing");
                }
                return;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || d < min || d > max)
            {
                Add(name, field, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;

namespace Ioc.Data.Reference;

/// <summary>
/// Reads the reference files under <c>data/reference/</c>: units, procedures, hotline categories,
/// the holiday calendar and the score card. Reference data never comes from code.
/// </summary>
public static class ReferenceFiles
{
    public const string UnitsFile = "units.json";
    public const string ProceduresFile = "procedures.json";
    public const string CategoriesFile = "hotline-categories.json";
    public const string HolidaysFile = "holidays.json";
    public const string ScoreCardFile = "scorecard.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="RetiredFrom">First day the unit no longer exists; its history stays.</param>
    /// <param name="MergedInto">The unit it was merged into from <paramref name="RetiredFrom"/>: it moves under that unit, so its history counts there.</param>
    public sealed record UnitRecord(string Code, string Name, string? ShortName, string Kind, string? Parent,
        [property: JsonPropertyName("lat")] double? Latitude, [property: JsonPropertyName("lon")] double? Longitude,
        DateOnly? RetiredFrom = null, string? MergedInto = null)
    {
        /// <summary>Where its figures count: the unit it was merged into, else its parent.</summary>
        public string? EffectiveParent => MergedInto ?? Parent;
    }

    /// <param name="WorkingDays">The older form of a limit in working days; a record has it or <paramref name="Limit"/>, never both.</param>
    public sealed record ProcedureRecord(string Code, string Name, string Field, string HandledBy, LimitRecord? Limit, int? WorkingDays, string OnlineLevel, bool Fee);

    /// <summary>"limit": { "kind": "working-days" | "calendar-days" | "hours" | "within-day" | "none", "amount": n }.</summary>
    public sealed record LimitRecord(string? Kind, int? Amount);

    /// <param name="UrgentHours">Clock hours for a ticket marked urgent (khẩn), when the category gives one.</param>
    public sealed record SlaRecord(int? WorkingDays, int? Hours, int? UrgentHours = null);

    public sealed record CategoryRecord(string Code, string Name, SlaRecord Sla, string Responsible);

    private sealed record UnitsDocument(List<UnitRecord> Units);
    private sealed record ProceduresDocument(List<ProcedureRecord> Procedures);
    private sealed record CategoriesDocument(List<CategoryRecord> Categories);
    private sealed record DayRecord(DateOnly Date, string? Name);
    private sealed record HolidaysDocument(List<int>? Years, List<DayRecord> DaysOff, List<DayRecord>? WorkingSaturdays);
    private sealed record ScoreLineRecord(string Group, string Code, string Name, double MaxPoints, string Source, double Target);
    private sealed record ScoreCardDocument(List<ScoreLineRecord> Lines);

    public static IReadOnlyList<UnitRecord> ReadUnits(string directory)
    {
        var units = Read<UnitsDocument>(directory, UnitsFile).Units;
        foreach (var u in units)
        {
            ParseKind(u.Kind, u.Code);
        }
        return units;
    }

    public static IReadOnlyList<ProcedureRecord> ReadProcedures(string directory)
    {
        var procedures = Read<ProceduresDocument>(directory, ProceduresFile).Procedures;
        foreach (var p in procedures)
        {
            ParseOnlineLevel(p.OnlineLevel, p.Code);
            ParseLimit(p);
        }
        return procedures;
    }

    public static IReadOnlyList<CategoryRecord> ReadCategories(string directory)
    {
        var categories = Read<CategoriesDocument>(directory, CategoriesFile).Categories;
        foreach (var c in categories.Where(c => (c.Sla.WorkingDays is null) == (c.Sla.Hours is null)))
        {
            throw new InvalidDataException($"{CategoriesFile}: category {c.Code} needs exactly one of sla.workingDays and sla.hours.");
        }
        return categories;
    }

    public static WorkingCalendar ReadCalendar(string directory)
    {
        var doc = Read<HolidaysDocument>(directory, HolidaysFile);
        return new WorkingCalendar(doc.DaysOff.Select(d => d.Date), (doc.WorkingSaturdays ?? []).Select(d => d.Date), doc.Years);
    }

    public static ScoreCardDefinition ReadScoreCard(string directory)
    {
        var doc = Read<ScoreCardDocument>(directory, ScoreCardFile);
        return new ScoreCardDefinition([.. doc.Lines.Select(l => new ScoreLineDefinition(
            l.Group, l.Code, l.Name, l.MaxPoints,
            Enum.TryParse<ScoreSource>(l.Source, ignoreCase: true, out var s) ? s : throw new InvalidDataException($"{ScoreCardFile}: unknown source '{l.Source}' in line {l.Code}."),
            l.Target))]);
    }

    public static UnitKind ParseKind(string kind, string code) => kind switch
    {
        "country" => UnitKind.Country,
        "province" => UnitKind.Province,
        "department" => UnitKind.Department,
        "agency" => UnitKind.Agency,
        "district" => UnitKind.District,
        "commune" => UnitKind.Commune,
        "ward" => UnitKind.Ward,
        "special-zone" => UnitKind.SpecialZone,
        _ => throw new InvalidDataException($"{UnitsFile}: unit {code} has unknown kind '{kind}'."),
    };

    public static OnlineLevel ParseOnlineLevel(string level, string code) => level switch
    {
        "full" => OnlineLevel.Full,
        "partial" => OnlineLevel.Partial,
        "none" => OnlineLevel.None,
        _ => throw new InvalidDataException($"{ProceduresFile}: procedure {code} has unknown onlineLevel '{level}'."),
    };

    /// <summary>
    /// The procedure's time limit. A province must state it, "none" included: a missing limit is
    /// an error rather than a default, so no dossier is ever given an invented due date.
    /// </summary>
    public static TimeLimit ParseLimit(ProcedureRecord p)
    {
        if (p.Limit is not null && p.WorkingDays is not null)
        {
            throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} has both limit and workingDays; keep only limit.");
        }
        if (p.WorkingDays is int days)
        {
            return days >= 1 ? TimeLimit.WorkingDays(days) : throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} needs workingDays ≥ 1.");
        }
        if (p.Limit is not LimitRecord limit)
        {
            throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} needs a limit (write {{\"kind\": \"none\"}} when the law gives none).");
        }
        var kind = limit.Kind switch
        {
            "working-days" => TimeLimitKind.WorkingDays,
            "calendar-days" => TimeLimitKind.CalendarDays,
            "hours" => TimeLimitKind.Hours,
            "within-day" => TimeLimitKind.WithinDay,
            "none" => TimeLimitKind.None,
            _ => throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} has unknown limit kind '{limit.Kind}'."),
        };
        var needsAmount = kind is TimeLimitKind.WorkingDays or TimeLimitKind.CalendarDays or TimeLimitKind.Hours;
        if (needsAmount && limit.Amount is not >= 1)
        {
            throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} needs limit.amount ≥ 1 for kind '{limit.Kind}'.");
        }
        if (!needsAmount && limit.Amount is not null)
        {
            throw new InvalidDataException($"{ProceduresFile}: procedure {p.Code} has a limit.amount, which kind '{limit.Kind}' does not take.");
        }
        return TimeLimit.Of(kind, limit.Amount);
    }

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Reference file {path} is missing (set ReferenceData:Directory).", path);
        }
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
    }
}

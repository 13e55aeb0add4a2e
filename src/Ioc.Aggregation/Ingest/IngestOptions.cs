using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Ingest;

/// <summary>Limits of the ingest API (<c>Ingest</c> section).</summary>
public sealed class IngestLimits
{
    public const string Section = "Ingest";

    /// <summary>Most events one request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerBatch { get; set; } = 5_000;

    /// <summary>Largest request body in bytes.</summary>
    [Range(1_024, 512 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far in the future an event's time may lie (clock differences between systems).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int MaxTextLength { get; set; } = 10_000;

    [Range(8, 200)]
    public int MaxCodeLength { get; set; } = 64;

    [Range(8, 200)]
    public int MaxIdLength { get; set; } = 128;

    /// <summary>Requests per minute one API key may make; more get 429 and should be retried later.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerKey { get; set; } = 6_000;

    /// <summary>Feeding systems and their keys. Key values come from configuration or the environment, never from the repository.</summary>
    public List<SourceKey> Sources { get; set; } = [];

    /// <summary>
    /// Receive a dossier only at a unit that handles its procedure (commune-level procedures at
    /// communes, others at the handling unit's subtree). Off for a province whose data cannot say.
    /// </summary>
    public bool CheckProcedureUnit { get; set; } = true;

    /// <summary>Procedures the province delegated: received also at <c>Unit</c> (a unit code or <c>commune</c>).</summary>
    public List<Ioc.Domain.Catalog.ProcedureDelegation> ProcedureDelegations { get; set; } = [];

    /// <summary>
    /// Most open dossiers the writer keeps in memory to validate events without reading the database
    /// (a few hundred bytes each): a large province has a few hundred thousand open, a national deployment
    /// millions. Those beyond it are read from the database when their events come; 0 keeps none.
    /// </summary>
    [Range(0, 50_000_000)]
    public int OpenDossierCacheLimit { get; set; } = 300_000;
}

/// <summary>A feeding system allowed to post events.</summary>
public sealed class SourceKey
{
    [Required]
    public string Name { get; set; } = "";

    [Required, MinLength(16)]
    public string Key { get; set; } = "";

    public static readonly IReadOnlyList<string> Families = ["dossier", "ticket", "document"];

    /// <summary>
    /// Event families it may send: <c>dossier</c>, <c>ticket</c>, <c>document</c>; unset means all. No default list
    /// here: the configuration binder appends to a list it finds, so <c>["dossier"]</c> would
    /// become every family.
    /// </summary>
    public List<string>? Allow { get; set; }

    public IReadOnlyList<string> AllowedFamilies => Allow ?? Families;
}

/// <summary>Checks what data annotations cannot: each source's families, unique names and keys.</summary>
public sealed class IngestLimitsValidator : Microsoft.Extensions.Options.IValidateOptions<IngestLimits>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, IngestLimits options)
    {
        var failures = new List<string>();
        foreach (var (source, i) in options.Sources.Select((s, i) => (s, i)))
        {
            var at = $"{IngestLimits.Section}:Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                failures.Add($"{at}:Name is required.");
            }
            if (!string.IsNullOrEmpty(source.Key) && source.Key.Length < 16)
            {
                failures.Add($"{at}:Key must be at least 16 characters.");
            }
            if (source.Allow is { Count: 0 })
            {
                failures.Add($"{at}:Allow is empty; name 'dossier', 'ticket' and/or 'document', or leave it out for all.");
            }
            foreach (var family in source.Allow ?? [])
            {
                if (!SourceKey.Families.Contains(family))
                {
                    failures.Add($"{at}:Allow: '{family}' is not an event family; use 'dossier', 'ticket' or 'document'.");
                }
            }
        }
        foreach (var duplicate in options.Sources.Where(s => !string.IsNullOrEmpty(s.Key)).GroupBy(s => s.Key).Where(g => g.Count() > 1))
        {
            failures.Add($"{IngestLimits.Section}:Sources: sources {string.Join(", ", duplicate.Select(s => s.Name))} share one key.");
        }
        foreach (var (d, i) in options.ProcedureDelegations.Select((d, i) => (d, i)))
        {
            if (string.IsNullOrWhiteSpace(d.Procedure) || string.IsNullOrWhiteSpace(d.Unit))
            {
                failures.Add($"{IngestLimits.Section}:ProcedureDelegations:{i} needs both Procedure and Unit.");
            }
        }
        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}

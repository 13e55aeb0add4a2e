using System.ComponentModel.DataAnnotations;

namespace Ioc.Data;

public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>
    /// <c>Sqlite</c> (one file, the default) or <c>PostgreSQL</c> (a server named by <see cref="ConnectionString"/>,
    /// for several web nodes or a national deployment).
    /// </summary>
    [AllowedValues(Sqlite, PostgreSql)]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Npgsql connection string, required when <see cref="Provider"/> is PostgreSQL; SQLite uses <see cref="Path"/>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => Provider == PostgreSql;

    /// <summary>SQLite file; relative paths are resolved against the repository root (or the working directory).</summary>
    [Required]
    public string Path { get; set; } = "data/ioc.db";

    /// <summary>
    /// SQLite <c>synchronous</c> mode in WAL: <c>Full</c> makes every acknowledged batch survive a
    /// power cut; <c>Normal</c> survives a killed process only, and is faster.
    /// </summary>
    [AllowedValues("Full", "Normal")]
    public string Synchronous { get; set; } = "Full";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider is PostgreSQL but Database:ConnectionString is empty: set it to an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).",
                [nameof(ConnectionString)]);
        }
    }
}

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>Folder with units.json, procedures.json, hotline-categories.json, holidays.json, scorecard.json.</summary>
    [Required]
    public string Directory { get; set; } = "data/reference";
}

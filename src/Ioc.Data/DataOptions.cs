using System.ComponentModel.DataAnnotations;

namespace Ioc.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite file; relative paths are resolved against the repository root (or the working directory).</summary>
    [Required]
    public string Path { get; set; } = "data/ioc.db";

    /// <summary>
    /// SQLite <c>synchronous</c> mode in WAL: <c>Full</c> makes every acknowledged batch survive a
    /// power cut; <c>Normal</c> survives a killed process only, and is faster.
    /// </summary>
    [AllowedValues("Full", "Normal")]
    public string Synchronous { get; set; } = "Full";
}

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>Folder with units.json, procedures.json, hotline-categories.json, holidays.json, scorecard.json.</summary>
    [Required]
    public string Directory { get; set; } = "data/reference";
}

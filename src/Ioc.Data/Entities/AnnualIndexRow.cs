namespace Ioc.Data.Entities;

/// <summary>
/// One unit's published result on one yearly index (PAR INDEX, SIPAS, DTI, PCI, PAPI, 766). Kept in
/// the database, not in the reference directory: results arrive once a year for years already past,
/// each import replaces only its own years and indices, and a page reads a unit's whole history.
/// </summary>
public sealed class AnnualIndexRow
{
    public int Year { get; set; }
    public int UnitId { get; set; }
    /// <summary>The index code (<c>Ioc.Domain.Indices.AnnualIndex.Code</c>).</summary>
    public required string Index { get; set; }
    public double? Score { get; set; }
    public double? MaxScore { get; set; }
    /// <summary>Class or level (xếp loại, mức: "nâng cao" …).</summary>
    public string? Level { get; set; }
    public int? NationalRank { get; set; }
    public int? NationalOf { get; set; }
    public string? Source { get; set; }
    /// <summary>Unix milliseconds of the import that wrote it.</summary>
    public long ImportedAt { get; set; }
    /// <summary>Component groups in the file's order, as JSON: their set differs by index and year.</summary>
    public List<AnnualIndexComponentRow> Components { get; set; } = [];
}

public sealed class AnnualIndexComponentRow
{
    public required string Name { get; set; }
    public double Score { get; set; }
    public double? Max { get; set; }
}

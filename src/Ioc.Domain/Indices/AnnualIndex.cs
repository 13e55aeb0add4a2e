using Ioc.Domain.Text;

namespace Ioc.Domain.Indices;

/// <summary>
/// One of the yearly indices by which units and the province are judged. Codes are what import files
/// and wall scenes name; names and levels are the Vietnamese of the published methodologies
/// (sources in data/SOURCES.md).
/// </summary>
/// <param name="Levels">The only classes a file may give for this index (folded when read); empty: any short text (a province's own classes).</param>
/// <param name="Aliases">Other spellings of the code in a province's files, folded (no marks, lower case).</param>
public sealed record AnnualIndex(string Code, string Name, IReadOnlyList<string> Levels, IReadOnlyList<string> Aliases)
{
    /// <summary>Chỉ số cải cách hành chính (Bộ Nội vụ for provinces; each province for its sở and xã).</summary>
    public static readonly AnnualIndex Par = new("PAR", "Chỉ số cải cách hành chính (PAR INDEX)", [], ["par index", "par-index", "chi so cchc", "cchc", "chi so cai cach hanh chinh"]);

    /// <summary>Chỉ số hài lòng về sự phục vụ hành chính.</summary>
    public static readonly AnnualIndex Sipas = new("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", [], ["chi so hai long"]);

    /// <summary>
    /// Chỉ số đánh giá chuyển đổi số. A province classes its sở and xã in these levels (from the seed
    /// report of Nghệ An, issue 16); the national DTI of a province is a score out of 1.
    /// </summary>
    public static readonly AnnualIndex Dti = new("DTI", "Chỉ số chuyển đổi số (DTI)", ["nâng cao", "hình thành", "khởi động", "không xếp hạng"], ["chi so chuyen doi so", "chuyen doi so"]);

    /// <summary>Năng lực cạnh tranh cấp tỉnh (VCCI): a national rank of the province.</summary>
    public static readonly AnnualIndex Pci = new("PCI", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", [], ["nang luc canh tranh"]);

    /// <summary>Hiệu quả quản trị và hành chính công cấp tỉnh (UNDP): a national rank of the province.</summary>
    public static readonly AnnualIndex Papi = new("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)", [], []);

    /// <summary>The yearly result of the Decision 766/QĐ-TTg score card as the national portal ranks it.</summary>
    public static readonly AnnualIndex ScoreCard766 = new("766", "Bộ chỉ số phục vụ người dân, doanh nghiệp (766)", [], ["qd 766", "bo chi so 766", "chi so 766"]);

    public static readonly IReadOnlyList<AnnualIndex> All = [Par, Sipas, Dti, Pci, Papi, ScoreCard766];

    /// <summary>The index a file's cell names (code, name or alias, with or without marks), or null.</summary>
    public static AnnualIndex? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var folded = SearchText.Fold(text).Trim();
        return All.FirstOrDefault(i => SearchText.Fold(i.Code) == folded || SearchText.Fold(i.Name) == folded || i.Aliases.Contains(folded));
    }

    /// <summary>The level as this index writes it ("Nâng cao" → "nâng cao"), or null when the index has a fixed list and the text is not on it.</summary>
    public string? NormalizeLevel(string level)
    {
        if (Levels.Count == 0)
        {
            return level.Trim();
        }
        var folded = SearchText.Fold(level).Trim();
        return Levels.FirstOrDefault(l => SearchText.Fold(l) == folded);
    }
}

/// <summary>A component group's points, e.g. "Cải cách thủ tục hành chính" 12,5 of 13.</summary>
public sealed record IndexComponent(string Name, double Score, double? Max);

/// <summary>
/// One unit's result on one index in one year, as the province (or, for national ranks, the ministry)
/// published it. Everything is optional except the key: a DTI row may be only a level, a PCI row only
/// a national rank.
/// </summary>
/// <param name="NationalRank">The province's place among the provinces ("xếp thứ 5/63"), with <paramref name="NationalOf"/>; only for the root unit.</param>
/// <param name="Source">Where the figure comes from (a decision, a report), shown beside it.</param>
public sealed record AnnualIndexResult(
    int Year, int UnitId, string Index, double? Score, double? Max, string? Level,
    int? NationalRank, int? NationalOf, IReadOnlyList<IndexComponent> Components, string? Source)
{
    /// <summary>The share of the maximum reached, when both are known: ranks units whose files use different scales alike.</summary>
    public double? Share => Score is double s && Max is double m && m > 0 ? s / m : null;
}

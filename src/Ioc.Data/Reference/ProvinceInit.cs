using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ioc.Data.Reference;

/// <summary>What <see cref="ProvinceInit.Write"/> produced, for the command to report.</summary>
/// <param name="CommuneShapes">Polygons copied into <c>communes.geojson</c>; 0 when IOC ships no boundaries for the province.</param>
public sealed record ProvinceInitResult(string Directory, string ProvinceName, int Communes, int Wards, int SpecialZones, int Departments, int Agencies, int CommuneShapes = 0);

/// <summary>
/// Writes a complete, valid reference directory for one of the 34 provinces from the shipped
/// national list (<c>data/national/admin-units-2025.json</c>): the province, every commune, ward and
/// special zone with its statistics-office code and official name, and the departments that every
/// province has since the 2025 reorganisation, for the province to edit. Nothing is invented that
/// a province would have to find and correct: procedures and hotline categories are left empty for
/// the province's own lists, the calendar and score card are the national ones.
/// </summary>
public static class ProvinceInit
{
    public const string NationalList = "data/national/admin-units-2025.json";

    /// <summary>Commune boundaries IOC ships, one file per province: <c>&lt;NSO code&gt;-&lt;name&gt;-communes.geojson</c> (sources in data/SOURCES.md).</summary>
    public const string CommuneShapesDirectory = "data/geo";

    /// <summary>
    /// The provincial bodies common to every province (Nghị định 45/2025/NĐ-CP, cơ quan chuyên môn
    /// thuộc UBND cấp tỉnh), numbered as the demo numbers its own. Bodies that only some provinces
    /// have (Sở Dân tộc và Tôn giáo, Sở Ngoại vụ, Sở Du lịch, economic-zone boards) are for the
    /// province to add.
    /// </summary>
    private static readonly string[] Departments =
    [
        "Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh",
    ];

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        // Vietnamese stays readable in the files a province edits by hand.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Province codes and names of the national list.</summary>
    public static IReadOnlyList<(string Code, string Name, int Communes)> Provinces(string nationalList) =>
        [.. Read(nationalList).Select(p => (p.Code, p.Name, p.Communes.Count))];

    /// <param name="rootCode">The province's unit code; by default <c>P</c> and its statistics-office code.</param>
    /// <param name="communeShapesFrom">Where the shipped commune boundaries are (<see cref="CommuneShapesDirectory"/>); the province's file, if any, becomes its <c>communes.geojson</c>.</param>
    /// <exception cref="ArgumentException">Unknown province, or an output directory that already holds reference files.</exception>
    public static ProvinceInitResult Write(string nationalList, string provinceCode, string outputDirectory, string calendarAndScoreCardFrom, string? rootCode = null, string? communeShapesFrom = null)
    {
        var province = Read(nationalList).FirstOrDefault(p => p.Code == provinceCode.PadLeft(2, '0'))
            ?? throw new ArgumentException($"No province with code '{provinceCode}' in {nationalList}; the codes are 01 (Hà Nội) … 96 (Cà Mau).");
        CreateEmptyDirectory(outputDirectory);
        var root = rootCode ?? "P" + province.Code;
        var units = new JsonArray();
        AddProvince(units, province, root, parent: null);
        WriteJson(outputDirectory, ReferenceFiles.UnitsFile, new JsonObject
        {
            ["_comment"] = $"{province.Name}: the province, {Departments.Length} departments and Công an from IOC's starting set (codes of our own numbering; check names and add the bodies your province has), and all {province.Communes.Count} commune-level units of the national list of 01/07/2025 (codes = statistics-office codes).",
            ["units"] = units,
        });
        WriteEmptyCatalog(outputDirectory);
        CopyNationalFiles(calendarAndScoreCardFrom, outputDirectory);
        // The boundaries use the national list's codes, as the units written above do: copied as they are.
        var shapes = 0;
        if (communeShapesFrom is not null && Directory.Exists(communeShapesFrom)
            && Directory.GetFiles(communeShapesFrom, $"{province.Code}-*-communes.geojson").FirstOrDefault() is { } geo)
        {
            File.Copy(geo, Path.Combine(outputDirectory, CommuneShapes.File));
            shapes = CommuneShapes.Read(outputDirectory)?.Count ?? 0;
        }
        return new ProvinceInitResult(outputDirectory, province.Name,
            province.Communes.Count(c => c.Type == "xã"), province.Communes.Count(c => c.Type == "phường"), province.Communes.Count(c => c.Type == "đặc khu"),
            Departments.Length, 1, shapes);
    }

    /// <summary>
    /// Adds one province as <see cref="Write"/> writes it: the province (under <paramref name="parent"/>,
    /// the country in a national tree), its common departments and police, and its communes.
    /// </summary>
    internal static void AddProvince(JsonArray units, ProvinceRecord province, string root, string? parent)
    {
        var isCity = province.Type.StartsWith("thành phố", StringComparison.Ordinal);
        units.Add(Unit(root, "Ủy ban nhân dân " + LowerFirst(province.Name), province.Name, "province", parent));
        for (var i = 0; i < Departments.Length; i++)
        {
            var name = isCity ? Departments[i].Replace(" tỉnh", " thành phố", StringComparison.Ordinal) : Departments[i];
            units.Add(Unit($"{root}.{i + 1:00}", name, null, "department", root));
        }
        // Every province has its police with one-stop desks (cư trú, căn cước, lý lịch tư pháp, GPLX).
        units.Add(Unit($"{root}.A01", "Công an " + LowerFirst(province.Name), null, "agency", root));
        foreach (var c in province.Communes)
        {
            units.Add(Unit($"{root}.X{c.Code}", c.Name, null, Kind(c.Type), root));
        }
    }

    internal static int DepartmentCount => Departments.Length;

    /// <summary>Procedures and hotline categories are the province's own lists: written empty, to be filled.</summary>
    internal static void WriteEmptyCatalog(string outputDirectory)
    {
        WriteJson(outputDirectory, ReferenceFiles.ProceduresFile, new JsonObject
        {
            ["_comment"] = "Your province's procedures: code, name, field, handledBy ('commune' or a unit code), limit as the law writes it, onlineLevel, fee. See docs/reference-data.md.",
            ["procedures"] = new JsonArray(),
        });
        WriteJson(outputDirectory, ReferenceFiles.CategoriesFile, new JsonObject
        {
            ["_comment"] = "Your 1022 hotline categories with their SLA and responsible unit. See docs/reference-data.md.",
            ["categories"] = new JsonArray(),
        });
    }

    /// <summary>The working-day calendar and the 766 score card are national: the same for every province.</summary>
    internal static void CopyNationalFiles(string from, string outputDirectory)
    {
        File.Copy(Path.Combine(from, ReferenceFiles.HolidaysFile), Path.Combine(outputDirectory, ReferenceFiles.HolidaysFile));
        File.Copy(Path.Combine(from, ReferenceFiles.ScoreCardFile), Path.Combine(outputDirectory, ReferenceFiles.ScoreCardFile));
    }

    /// <exception cref="ArgumentException">The directory already holds files.</exception>
    internal static void CreateEmptyDirectory(string outputDirectory)
    {
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new ArgumentException($"{outputDirectory} is not empty; choose a new directory so that no file of a province is overwritten.");
        }
        Directory.CreateDirectory(outputDirectory);
    }

    private static JsonObject Unit(string code, string name, string? shortName, string kind, string? parent)
    {
        var unit = new JsonObject { ["code"] = code, ["name"] = name };
        if (shortName is not null)
        {
            unit["shortName"] = shortName;
        }
        unit["kind"] = kind;
        unit["parent"] = parent;
        return unit;
    }

    private static string Kind(string type) => type switch
    {
        "xã" => "commune",
        "phường" => "ward",
        "đặc khu" => "special-zone",
        _ => throw new InvalidDataException($"{NationalList}: unknown commune type '{type}'."),
    };

    private static string LowerFirst(string name) => char.ToLower(name[0], CultureInfo.GetCultureInfo("vi-VN")) + name[1..];

    internal static void WriteJson(string directory, string file, JsonObject content) =>
        File.WriteAllText(Path.Combine(directory, file), content.ToJsonString(Output) + Environment.NewLine);

    internal sealed record CommuneRecord(string Code, string Name, string Type);
    internal sealed record ProvinceRecord(string Code, string Name, string Type, List<CommuneRecord> Communes);
    private sealed record NationalDocument(List<ProvinceRecord> Provinces);

    internal static List<ProvinceRecord> Read(string nationalList)
    {
        using var stream = File.OpenRead(nationalList);
        return JsonSerializer.Deserialize<NationalDocument>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))?.Provinces
            ?? throw new InvalidDataException($"{nationalList} has no provinces.");
    }
}

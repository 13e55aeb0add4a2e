using System.Text.Json.Nodes;

namespace Ioc.Data.Reference;

/// <summary>What <see cref="NationalInit.Write"/> produced, for the command to report.</summary>
/// <param name="Procedures">Procedures written: 0, or the demo's commune-level ones with <c>--demo</c>.</param>
public sealed record NationalInitResult(string Directory, int Provinces, int Communes, int Departments, int Procedures, int Categories);

/// <summary>
/// Writes the reference directory of a national deployment: the country at the root, the 34 provinces
/// of the national list below it, each as <see cref="ProvinceInit"/> writes a province (same codes, so a
/// province's feed fits both), with all 3,321 communes, wards and special zones. Procedures and hotline
/// categories stay empty as for a province, unless <c>demo</c> asks for the demo's: then only those that
/// the demo province's files give to "commune" (national procedure codes, received at every commune in
/// the country), none of the demo's own departments, which exist in one province only.
/// </summary>
public static class NationalInit
{
    /// <summary>The root's code: the country's ISO 3166 code, clear in events and URLs.</summary>
    public const string CountryCode = "VN";

    /// <exception cref="ArgumentException">An output directory that already holds files.</exception>
    /// <param name="demoFrom">The demo province's reference directory: marks the output as demo data and takes its commune-level procedures and categories.</param>
    public static NationalInitResult Write(string nationalList, string outputDirectory, string calendarAndScoreCardFrom, string? demoFrom = null)
    {
        var provinces = ProvinceInit.Read(nationalList);
        ProvinceInit.CreateEmptyDirectory(outputDirectory);
        var units = new JsonArray
        {
            new JsonObject { ["code"] = CountryCode, ["name"] = "Việt Nam", ["shortName"] = "Cả nước", ["kind"] = "country", ["parent"] = null },
        };
        foreach (var province in provinces)
        {
            ProvinceInit.AddProvince(units, province, "P" + province.Code, CountryCode);
        }
        var communes = provinces.Sum(p => p.Communes.Count);
        var document = new JsonObject();
        if (demoFrom is not null)
        {
            // The simulator and the demo accounts run only on files that say they are demo data.
            document["demo"] = true;
        }
        document["_comment"] = $"Việt Nam: the country, its {provinces.Count} provinces with {ProvinceInit.DepartmentCount} departments and Công an each (IOC's starting set, as 'province init' writes them), and all {communes} commune-level units of the national list of 01/07/2025 (codes = statistics-office codes).";
        document["units"] = units;
        ProvinceInit.WriteJson(outputDirectory, ReferenceFiles.UnitsFile, document);
        var (procedures, categories) = (0, 0);
        if (demoFrom is null)
        {
            ProvinceInit.WriteEmptyCatalog(outputDirectory);
        }
        else
        {
            procedures = CopyCommuneEntries(demoFrom, outputDirectory, ReferenceFiles.ProceduresFile, "procedures", "handledBy",
                "The demo province's commune-level procedures (national codes), received at every commune of the country.");
            categories = CopyCommuneEntries(demoFrom, outputDirectory, ReferenceFiles.CategoriesFile, "categories", "responsible",
                "The demo province's hotline categories that the commune answers; the others name the demo's own departments.");
        }
        ProvinceInit.CopyNationalFiles(calendarAndScoreCardFrom, outputDirectory);
        return new NationalInitResult(outputDirectory, provinces.Count, communes, provinces.Count * (ProvinceInit.DepartmentCount + 1), procedures, categories);
    }

    private static int CopyCommuneEntries(string from, string to, string file, string list, string unitField, string comment)
    {
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(from, file)), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })
            ?? throw new InvalidDataException($"{file} in {from} is empty.");
        var entries = new JsonArray([.. (source[list]?.AsArray() ?? [])
            .Where(e => e?[unitField]?.GetValue<string>() == "commune")
            .Select(e => e!.DeepClone())]);
        ProvinceInit.WriteJson(to, file, new JsonObject { ["_comment"] = comment, [list] = entries });
        return entries.Count;
    }
}

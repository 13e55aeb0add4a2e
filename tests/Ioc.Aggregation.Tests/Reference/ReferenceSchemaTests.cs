using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Testing;
using Json.Schema;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>The published JSON Schemas describe the files IOC reads: the demo's and a generated province's pass, broken ones do not.</summary>
public sealed class ReferenceSchemaTests
{
    private static readonly string[] Files = [ReferenceFiles.UnitsFile, ReferenceFiles.ProceduresFile, ReferenceFiles.CategoriesFile, ReferenceFiles.HolidaysFile, ReferenceFiles.ScoreCardFile];

    // Loaded once: the library keeps a global registry of schema ids and refuses a second load.
    private static readonly Dictionary<string, JsonSchema> Schemas = Files.ToDictionary(f => f, f =>
        JsonSchema.FromFile(Path.Combine(TestPaths.RepositoryRoot, "docs", "reference", "schema", Path.GetFileNameWithoutExtension(f) + ".schema.json")));

    private static JsonSchema Schema(string file) => Schemas[file];

    private static JsonNode Read(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    public static TheoryData<string> FileNames() => [.. Files];

    private static EvaluationResults Evaluate(string file, JsonNode node) =>
        Schema(file).Evaluate(JsonSerializer.SerializeToElement(node), new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Schema_DemoProvinceFile_Passes(string file)
    {
        var result = Evaluate(file, Read(Path.Combine(TestPaths.ReferenceData, file)));
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5)));
    }

    [Fact]
    public void Schema_GeneratedProvince_EveryFilePasses()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "reference");
        ProvinceInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), "33", dir, TestPaths.ReferenceData);

        Assert.All(Files, file => Assert.True(Evaluate(file, Read(Path.Combine(dir, file))).IsValid, file));
    }

    [Theory]
    [InlineData("units.json", "units", "kind", "hamlet")]
    [InlineData("procedures.json", "procedures", "onlineLevel", "toàn trình")]
    [InlineData("hotline-categories.json", "categories", "sla", null)]
    public void Schema_EntryTheValidatorRefuses_AlsoFails(string file, string list, string field, string? value)
    {
        var node = Read(Path.Combine(TestPaths.ReferenceData, file));
        node[list]![0]![field] = value;

        Assert.False(Evaluate(file, node).IsValid);
    }

    [Fact]
    public void Schema_ProcedureWithBothLimitForms_Fails()
    {
        var node = Read(Path.Combine(TestPaths.ReferenceData, ReferenceFiles.ProceduresFile));
        var first = node["procedures"]![0]!.AsObject();
        first.Remove("limit");
        first["workingDays"] = 3;
        first["limit"] = new JsonObject { ["kind"] = "working-days", ["amount"] = 3 };

        Assert.False(Evaluate(ReferenceFiles.ProceduresFile, node).IsValid);
    }
}

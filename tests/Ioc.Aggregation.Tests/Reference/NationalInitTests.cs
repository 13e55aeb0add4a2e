using System.Text.Json;
using Ioc.Aggregation.Simulation;
using Ioc.Data.Reference;
using Ioc.Domain.Units;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>A national deployment's reference directory: the country at the root, the 34 provinces and 3,321 communes of the national list below it.</summary>
public sealed class NationalInitTests
{
    private static string NationalList => Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList);

    /// <summary>The national list read on its own, not through the code under test: (code, name, commune codes).</summary>
    private static List<(string Code, string Name, List<string> Communes)> OfficialProvinces()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(NationalList));
        return [.. doc.RootElement.GetProperty("provinces").EnumerateArray().Select(p => (
            p.GetProperty("code").GetString()!, p.GetProperty("name").GetString()!,
            p.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList()))];
    }

    [Fact]
    public async Task Write_ValidTreeOfTheCountryItsProvincesAndCommunes_ThatAServerLoads()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "national");

        var result = NationalInit.Write(NationalList, dir, TestPaths.ReferenceData);

        Assert.Equal((34, 3_321, 0), (result.Provinces, result.Communes, result.Procedures));
        Assert.Empty(ReferenceValidator.Validate(dir));
        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var units = h.Catalog.Units;
        Assert.Equal(("VN", UnitKind.Country, "Việt Nam"), (units.Root.Code, units.Root.Kind, units.Root.Name));
        var official = OfficialProvinces();
        var provinces = units.Children(units.Root.Id).Where(u => u.Kind == UnitKind.Province).ToList();
        Assert.Equal(34, provinces.Count);
        Assert.Equal(official.Select(p => ("P" + p.Code, p.Name)).Order(), provinces.Select(p => (p.Code, p.ShortName)).Order());
        foreach (var (code, _, communes) in official)
        {
            var province = units.FindByCode("P" + code)!;
            var local = units.Subtree(province.Id).Where(u => u.IsLocal).Select(u => u.Code).Order(StringComparer.Ordinal);
            Assert.Equal(communes.Select(c => $"P{code}.X{c}").Order(StringComparer.Ordinal), local);
        }
        Assert.Equal(3_321, units.All.Count(u => u.IsLocal));
        Assert.Equal(34 * 13, units.All.Count(u => u.Kind is UnitKind.Department or UnitKind.Agency));
    }

    [Fact]
    public async Task Write_Demo_MarksDemoDataWithTheDemosCommuneProceduresOnly_AndADossierCountsInItsProvinceAndTheCountry()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "national");

        var result = NationalInit.Write(NationalList, dir, TestPaths.ReferenceData, demoFrom: TestPaths.ReferenceData);

        Assert.True(DemoData.IsDemoReference(dir));
        Assert.Empty(ReferenceValidator.Validate(dir));
        var procedures = ReferenceFiles.ReadProcedures(dir);
        Assert.Equal(ReferenceFiles.ReadProcedures(TestPaths.ReferenceData).Count(p => p.HandledBy == "commune"), procedures.Count);
        Assert.True(procedures.Count > 0);
        Assert.All(procedures, p => Assert.Equal("commune", p.HandledBy));
        Assert.Equal(result.Categories, ReferenceFiles.ReadCategories(dir).Count);
        Assert.All(ReferenceFiles.ReadCategories(dir), c => Assert.Equal("commune", c.Responsible));

        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var units = h.Catalog.Units;
        var at = IngestHarness.DefaultNow.AddHours(-1);
        Assert.True((await h.IngestAsync(Events.DossierReceived("HS-VN-1", "P01.X00004", procedures[0].Code, at))).Succeeded);
        var today = Ioc.Domain.Time.ProvinceTime.LocalDate(IngestHarness.DefaultNow);
        async Task<long> Received(string code) => (await h.Queries.GetAsync(units.FindByCode(code)!.Id, new(today, today))).Dossiers.Received;
        Assert.Equal((1L, 1L, 0L), (await Received("P01"), await Received("VN"), await Received("P79")));
    }

    [Fact]
    public void Validate_CountryBelowAnotherUnit_Refused()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "national");
        NationalInit.Write(NationalList, dir, TestPaths.ReferenceData);
        var units = Path.Combine(dir, ReferenceFiles.UnitsFile);
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(units))!;
        document["units"]![0]!["parent"] = "P01";
        File.WriteAllText(units, document.ToJsonString());

        Assert.Contains(ReferenceValidator.Validate(dir), p => p.ToString().Contains("VN: kind: a country is the root of the tree", StringComparison.Ordinal));
    }
}

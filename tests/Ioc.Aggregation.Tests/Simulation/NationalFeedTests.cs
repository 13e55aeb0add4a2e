using Ioc.Aggregation.Simulation;
using Ioc.Contracts;
using Ioc.Data.Reference;
using Ioc.Domain.Units;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Simulation;

/// <summary>Simulator:National on the national demo directory: a feed across the provinces, each in proportion to its communes.</summary>
public sealed class NationalFeedTests
{
    [Fact]
    public async Task GenerateDay_National_DossiersInEveryProvinceInProportionToItsCommunes()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "national");
        NationalInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), dir, TestPaths.ReferenceData, demoFrom: TestPaths.ReferenceData);
        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var units = h.Catalog.Units;
        var options = new SimulatorOptions { National = true, DossiersPerDay = 20_000 };
        var simulator = new ProvinceSimulator(h.Catalog, h.Calendar, DemoTexts.Load(TestPaths.DemoData), options,
            new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, Ioc.Domain.Time.ProvinceTime.Offset)));

        var received = simulator.GenerateDay(new DateOnly(2026, 3, 18)).Where(e => e.Type == EventTypes.DossierReceived).ToList();

        var provinceOf = units.Children(units.Root.Id).Where(u => u.Kind == UnitKind.Province)
            .SelectMany(p => units.Subtree(p.Id).Select(u => (u.Code, Province: p))).ToDictionary(x => x.Code, x => x.Province);
        var byProvince = received.GroupBy(e => provinceOf[e.Unit!].Code).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(34, byProvince.Count);
        foreach (var province in provinceOf.Values.Distinct())
        {
            var communes = units.Subtree(province.Id).Count(u => u.IsLocal);
            var expected = received.Count * communes / 3_321.0;
            // Poisson noise of a day: within five standard deviations of the province's share of the communes.
            Assert.InRange(byProvince[province.Code], expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        }
    }
}

using System.Text.Json.Nodes;
using Ioc.Aggregation.Rebuild;
using Ioc.Data.Reference;
using Ioc.Domain.Indicators;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>Units change as provinces do: retired, merged, moved; history follows and figures are recomputed at the next start.</summary>
public sealed class UnitChangeTests
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddDays(-2);
    private static readonly DateOnly Today = Ioc.Domain.Time.ProvinceTime.LocalDate(IngestHarness.DefaultNow);
    private static readonly DayRange Year = new(new DateOnly(Today.Year, 1, 1), Today);

    [Fact]
    public void Validate_RetirementsAndMergers_CheckedLikeEveryOtherField()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        EditUnit(dir, "C11", u => u["retiredFrom"] = "01/07/2025");
        EditUnit(dir, "C12", u => u["mergedInto"] = "C13");
        EditUnit(dir, "C21", u => { u["mergedInto"] = "C99"; u["retiredFrom"] = "2025-07-01"; });
        EditUnit(dir, "P", u => u["retiredFrom"] = "2025-07-01");

        var problems = ReferenceValidator.Validate(dir).Select(p => p.ToString()).ToList();

        Assert.Contains("units.json: C11: retiredFrom: must be a date yyyy-MM-dd (the first day the unit no longer exists)", problems);
        Assert.Contains("units.json: C12: mergedInto: needs \"retiredFrom\": the day the merger took effect", problems);
        Assert.Contains("units.json: C21: mergedInto: unknown unit 'C99'", problems);
        Assert.Contains("units.json: P: retiredFrom: the root unit cannot be retired", problems);
    }

    [Fact]
    public async Task Start_UnitWithHistoryMissingFromTheFile_RefusedNamingIt()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        using var data = TestPaths.NewTempFolder();
        var settings = new Dictionary<string, string?> { ["Database:Path"] = data.File("ioc.db") };
        await (await IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir, settings)).DisposeAsync();
        var path = Path.Combine(dir, "units.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var units = root["units"]!.AsArray();
        units.Remove(units.First(u => u!["code"]!.GetValue<string>() == "C22"));
        File.WriteAllText(path, root.ToJsonString());

        var refused = await Assert.ThrowsAsync<ReferenceDataException>(() => IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir, settings));

        Assert.StartsWith("units.json: C22: -: is in the database (with its history) but missing from the file", Assert.Single(refused.Problems).ToString());
    }

    [Fact]
    public async Task Retired_NewEventsRefusedOlderOnesWelcomeAndGoneFromTodaysRanking()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        EditUnit(dir, "C11", u => u["retiredFrom"] = Today.AddDays(-1).ToString("yyyy-MM-dd"));
        await using var h = await IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir);

        var before = await h.IngestAsync(Events.DossierReceived("HS-R1", "C11", "1.001", At));
        var after = await h.IngestAsync(Events.DossierReceived("HS-R2", "C11", "1.001", IngestHarness.DefaultNow.AddHours(-1)));

        Assert.True(before.Succeeded);
        Assert.Equal("unit.retired", Assert.Single(after.Errors).Code);
        var units = h.Catalog.Units;
        var district = units.FindByCode("D1")!.Id;
        Assert.DoesNotContain(units.ActiveChildren(district, Today), u => u.Code == "C11");
        Assert.Contains(units.ActiveChildren(district, Today.AddDays(-7)), u => u.Code == "C11");
        Assert.Equal(1, (await h.Queries.GetAsync(district, Year)).Dossiers.Received);
    }

    [Fact]
    public async Task Merged_HistoryCountsInTheTargetAfterTheNextStartAndRebuildAgrees()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        using var data = TestPaths.NewTempFolder();
        var settings = new Dictionary<string, string?> { ["Database:Path"] = data.File("ioc.db") };
        await using (var first = await IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir, settings))
        {
            Assert.True((await first.IngestAsync(
                Events.DossierReceived("HS-M1", "C11", "1.001", At),
                Events.DossierReceived("HS-M2", "C11", "1.002", At),
                Events.DossierReceived("HS-M3", "C21", "1.001", At))).Succeeded);
        }
        // C11 (under D1) merged into C21 (under D2) from today.
        EditUnit(dir, "C11", u => { u["mergedInto"] = "C21"; u["retiredFrom"] = Today.ToString("yyyy-MM-dd"); });

        await using var h = await IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir, settings);
        await h.Services.RecomputeAfterTreeChangeAsync(NullLogger.Instance);

        var units = h.Catalog.Units;
        Assert.Equal(3, (await h.Queries.GetAsync(units.FindByCode("C21")!.Id, Year)).Dossiers.Received);
        Assert.Equal(3, (await h.Queries.GetAsync(units.FindByCode("D2")!.Id, Year)).Dossiers.Received);
        Assert.Equal(0, (await h.Queries.GetAsync(units.FindByCode("D1")!.Id, Year)).Dossiers.Received);
        Assert.Equal(3, (await h.Queries.GetAsync(units.Root.Id, Year)).Dossiers.Received);
        Assert.True((await h.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: false)).Agrees);
    }

    [Fact]
    public async Task Moved_ServerStartRecomputesOldAndNewParentsWithoutAManualStep()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = TestReference.WriteDeepTree(folder);
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await using (var first = await IngestHarness.CreateAsync(IngestHarness.DefaultNow, dir, new Dictionary<string, string?> { ["Database:Path"] = database }))
        {
            Assert.True((await first.IngestAsync(
                Events.DossierReceived("HS-V1", "C12", "1.001", At),
                Events.TicketCreated("PA-V1", At, commune: "C12"),
                Events.Ticket(Ioc.Contracts.EventTypes.TicketRouted, "PA-V1", At.AddMinutes(5), e => { e.Unit = "C12"; e.Category = "moi-truong"; }))).Succeeded);
        }
        EditUnit(dir, "C12", u => u["parent"] = "D2");

        await using var app = new IocAppFactory(databasePath: database).With("ReferenceData:Directory", dir);
        _ = app.ServerAddress;

        var queries = app.Services.GetRequiredService<Ioc.Aggregation.Indicators.IndicatorQueries>();
        var units = app.Catalog.Units;
        var d2 = await queries.GetAsync(units.FindByCode("D2")!.Id, Year);
        Assert.Equal((1, 1), (d2.Dossiers.Received, d2.Hotline.Received));
        Assert.Equal(0, (await queries.GetAsync(units.FindByCode("D1")!.Id, Year)).Dossiers.Received);
        Assert.True((await app.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: false)).Agrees);
    }

    private static void EditUnit(string dir, string code, Action<JsonObject> edit)
    {
        var path = Path.Combine(dir, "units.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        edit(root["units"]!.AsArray().First(u => u!["code"]!.GetValue<string>() == code)!.AsObject());
        File.WriteAllText(path, root.ToJsonString());
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>Reference data is checked whole before anything is written; every problem is named as file: entry: field: message.</summary>
public sealed class ReferenceValidatorTests
{
    [Fact]
    public void Validate_ShippedDemoProvince_NoProblems() => Assert.Empty(ReferenceValidator.Validate(TestPaths.ReferenceData));

    [Fact]
    public void Validate_TestTree_NoProblems()
    {
        using var folder = TestPaths.NewTempFolder();
        Assert.Empty(ReferenceValidator.Validate(TestReference.WriteDeepTree(folder)));
    }

    [Fact]
    public void Validate_BrokenFiles_ReportsEveryProblemAtOnce()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = CopyDemo(folder);
        Edit(dir, ReferenceFiles.UnitsFile, "units", units =>
        {
            units.Add(Unit("H49.02", "Sở Nội vụ lần hai", "department", "H49"));
            units.Add(Unit("X.ORPHAN", "Xã Mồ Côi", "commune", "H49.NOPE"));
            units.Add(Unit("X.A", "Xã A", "commune", "X.B"));
            units.Add(Unit("X.B", "Xã B", "commune", "X.A"));
            units.Add(Unit("H50", "Tỉnh Thứ Hai", "province", null));
            units.Add(Unit("X.KIND", "Xã Lạ", "hamlet", "H49"));
            units.Add(new JsonObject { ["code"] = "X.NONAME", ["kind"] = "commune", ["parent"] = "H49" });
        });
        Edit(dir, ReferenceFiles.ProceduresFile, "procedures", procedures =>
        {
            procedures[0]!["workingDays"] = 0;
            procedures[1]!["limit"] = new JsonObject { ["kind"] = "working-days", ["amount"] = 3 };
            procedures[2]!.AsObject().Remove("workingDays");
            procedures[2]!["limit"] = new JsonObject { ["kind"] = "weeks", ["amount"] = 1 };
            procedures[3]!.AsObject().Remove("workingDays");
            procedures[3]!["limit"] = new JsonObject { ["kind"] = "none", ["amount"] = 1 };
            procedures[4]!.AsObject().Remove("workingDays");
            procedures[5]!["handledBy"] = "H49.99";
            procedures[6]!["onlineLevel"] = "toàn trình";
        });
        Edit(dir, ReferenceFiles.CategoriesFile, "categories", categories => categories[0]!["sla"] = new JsonObject { ["workingDays"] = 5, ["hours"] = 8 });

        var problems = ReferenceValidator.Validate(dir).Select(p => p.ToString()).ToList();

        var procedure = ReferenceFiles.ReadProcedures(TestPaths.ReferenceData).Select(p => p.Code).ToList();
        Assert.Equal(
            [
                "units.json: H49.02: code: duplicate: another entry of this file has the same code",
                "units.json: X.KIND: kind: 'hamlet' is not one of country, province, department, agency, district, commune, ward, special-zone",
                "units.json: X.NONAME: name: missing",
                "units.json: X.ORPHAN: parent: unknown unit 'H49.NOPE'",
                "units.json: H50: parent: a second root unit (besides 'H49'): every unit but the province needs a parent",
                "units.json: X.A: parent: cycle X.A → X.B → X.A",
                $"procedures.json: {procedure[0]}: workingDays: 0 is outside 1–3650",
                $"procedures.json: {procedure[1]}: limit: give either 'limit' or the older 'workingDays', not both",
                $"procedures.json: {procedure[2]}: limit.kind: 'weeks' is not one of working-days, calendar-days, hours, within-day, none",
                $"procedures.json: {procedure[3]}: limit.amount: a 'none' limit has no amount",
                $"procedures.json: {procedure[4]}: limit: missing; write the time limit the law gives ({{\"kind\": \"working-days\", \"amount\": 5}}), or {{\"kind\": \"none\"}} when it gives none",
                $"procedures.json: {procedure[5]}: handledBy: 'H49.99' is neither 'commune' nor a unit of units.json",
                $"procedures.json: {procedure[6]}: onlineLevel: 'toàn trình' is not one of full, partial, none",
                "hotline-categories.json: dat-dai: sla: needs exactly one of workingDays and hours",
            ],
            problems);
    }

    [Fact]
    public void Validate_ScoreCardWhoseLinesDoNotShareOutTheirGroup_NamesTheGroupAndTheLine()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = CopyDemo(folder);
        Edit(dir, ReferenceFiles.ScoreCardFile, "lines", lines =>
        {
            lines[3]!["maxPoints"] = 15; // 2.1: the group "Tiến độ giải quyết" holds 20
            lines[4]!["group"] = "Nhóm lạ";
            lines[5]!["basis"] = "guessed";
            lines[6]!["target"] = 80;
        });

        var problems = ReferenceValidator.Validate(dir).Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "scorecard.json: 2.2: group: 'Nhóm lạ' is not one of the groups listed in 'groups'",
                "scorecard.json: 3.1: basis: 'guessed' is not one of confirmed, inferred",
                "scorecard.json: 3.2: target: must be a number from 0.01 to 1",
                "scorecard.json: Tiến độ giải quyết: points: the group has 20 points but its lines share out 15",
            ],
            problems);
    }

    [Fact]
    public void Validate_MalformedJson_NamesTheLine()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = CopyDemo(folder);
        var path = Path.Combine(dir, ReferenceFiles.UnitsFile);
        var lines = File.ReadAllLines(path).ToList();
        lines[4] += " ,,";
        File.WriteAllLines(path, lines);

        var problem = Assert.Single(ReferenceValidator.Validate(dir));

        Assert.StartsWith("units.json: line 5: -: not valid JSON", problem.ToString());
    }

    [Fact]
    public void Validate_MissingFile_Named()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = CopyDemo(folder);
        File.Delete(Path.Combine(dir, ReferenceFiles.HolidaysFile));

        Assert.Equal(["holidays.json: (file): -: missing from " + dir], ReferenceValidator.Validate(dir).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("duplicate unit")]
    [InlineData("unknown parent")]
    [InlineData("cycle")]
    [InlineData("second root")]
    [InlineData("bad procedure limit")]
    [InlineData("malformed JSON")]
    public async Task Start_BadReferenceData_RefusedAndDatabaseByteForByteUnchanged(string breakage)
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        var settings = new Dictionary<string, string?> { ["Database:Path"] = database };
        await using (var first = await IngestHarness.CreateAsync(settings: settings))
        {
            var commune = first.Catalog.Units.All.First(u => u.IsLocal).Code;
            var procedure = first.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
            Assert.True((await first.IngestAsync(Events.DossierReceived("HS-REF-1", commune, procedure, IngestHarness.DefaultNow.AddHours(-1)))).Succeeded);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = Fingerprint(data.Path);
        using var references = TestPaths.NewTempFolder();
        var dir = CopyDemo(references);
        Break(dir, breakage);

        var refused = await Assert.ThrowsAsync<ReferenceDataException>(() => IngestHarness.CreateAsync(referenceDirectory: dir, settings: settings));

        Assert.NotEmpty(refused.Problems);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint(data.Path));
    }

    private static void Break(string dir, string breakage)
    {
        switch (breakage)
        {
            case "duplicate unit":
                Edit(dir, ReferenceFiles.UnitsFile, "units", u => u.Add(Unit("H49.02", "Sở Nội vụ (bản sao)", "department", "H49")));
                break;
            case "unknown parent":
                Edit(dir, ReferenceFiles.UnitsFile, "units", u => u[5]!["parent"] = "H49.TYPO");
                break;
            case "cycle":
                Edit(dir, ReferenceFiles.UnitsFile, "units", u =>
                {
                    u.Add(Unit("X.A", "Xã A", "commune", "X.B"));
                    u.Add(Unit("X.B", "Xã B", "commune", "X.A"));
                });
                break;
            case "second root":
                Edit(dir, ReferenceFiles.UnitsFile, "units", u => u.Add(Unit("H50", "Tỉnh khác", "province", null)));
                break;
            case "bad procedure limit":
                Edit(dir, ReferenceFiles.ProceduresFile, "procedures", p => p[0]!["workingDays"] = -3);
                break;
            case "malformed JSON":
                File.AppendAllText(Path.Combine(dir, ReferenceFiles.CategoriesFile), "}");
                break;
        }
    }

    private static string CopyDemo(TempFolder folder) => TestReference.CopyDemo(folder);

    private static JsonObject Unit(string code, string name, string kind, string? parent) =>
        new() { ["code"] = code, ["name"] = name, ["kind"] = kind, ["parent"] = parent };

    private static void Edit(string dir, string file, string list, Action<JsonArray> edit)
    {
        var path = Path.Combine(dir, file);
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        edit(root[list]!.AsArray());
        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>Every file of the database (main file, WAL, shared memory) by name and SHA-256.</summary>
    private static string Fingerprint(string folder) => string.Join("; ",
        Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}={Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}

using System.Net;
using System.Text.Json.Nodes;
using Ioc.Data.Reference;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Commands;

/// <summary>Maintenance commands as an operator runs them: the real executable, its output and exit code.</summary>
public sealed class CommandTests
{
    [Theory]
    [InlineData("rebuild --check --Database:Path=x.db")]
    [InlineData("--Database:Path=x.db rebuild --check")]
    [InlineData("rebuild --Database:Path x.db --check")]
    [InlineData("rebuild /Database:Path=x.db --check")]
    [InlineData("Database:Path=x.db rebuild --check")]
    [InlineData("rebuild --check /Database:Path x.db")]
    public void Parse_FlagsAndSettingsInAnyOrder_SameCommandAndSettings(string line)
    {
        var parsed = CommandLine.Parse(line.Split(' '));

        Assert.Equal(["rebuild", "--check"], parsed.Words);
        Assert.Equal("x.db", string.Join("", parsed.Configuration).Split("Path", 2)[1].TrimStart('='));
    }

    [Theory]
    [InlineData("province init 40 --out d")]
    [InlineData("province --out d init 40")]
    [InlineData("province init --root-code X 40 --out d")]
    public void Positional_OptionsAnywhere_TheCommandsOwnWords(string line)
    {
        var parsed = CommandLine.Parse(line.Split(' '));

        Assert.Equal(["province", "init", "40"], parsed.Positional("--out", "--root-code"));
        Assert.Equal("d", parsed.Option("--out"));
    }

    [Fact]
    public async Task RebuildCheck_DatabaseGivenAfterTheFlag_OpensThatDatabaseAndWritesNoReferenceData()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("province.db");
        await SeedAsync(database);
        using var references = TestPaths.NewTempFolder();
        var dir = CopyDemoRenamingRoot(references, "Tên đổi chưa áp dụng");

        var (exit, output) = await RunAsync("rebuild", "--check", $"--Database:Path={database}", $"--ReferenceData:Directory={dir}");

        Assert.Equal(0, exit);
        Assert.Contains($"Database: {database}", output);
        Assert.Contains($"Reference data: {dir}", output);
        Assert.Contains("agree", output);
        Assert.NotEqual("Tên đổi chưa áp dụng", RootName(database));
    }

    [Fact]
    public async Task Rebuild_WhileAServerHoldsTheDatabase_RefusedUntilItStops()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        var server = new IocAppFactory(databasePath: database);
        _ = server.ServerAddress;

        var (busy, refusal) = await RunAsync("rebuild", $"--Database:Path={database}");
        await server.DisposeAsync();
        var (exit, output) = await RunAsync($"--Database:Path={database}", "rebuild");

        Assert.Equal(75, busy);
        Assert.Contains("Refused: a running IOC server holds this database", refusal);
        Assert.Equal(0, exit);
        Assert.Contains("Rollups were replaced", output);
    }

    [Fact]
    public async Task Rebuild_UnknownOption_RefusedWithUsage()
    {
        var (exit, output) = await RunAsync("rebuild", "--chek");

        Assert.Equal(64, exit);
        Assert.Contains("Unknown option(s) for rebuild: --chek", output);
    }

    [Fact]
    public async Task ReferenceValidate_BrokenDirectory_ListsProblemsAndExitsNonZero()
    {
        using var references = TestPaths.NewTempFolder();
        var dir = CopyDemoRenamingRoot(references, "Tỉnh");
        var units = Path.Combine(dir, "units.json");
        File.WriteAllText(units, File.ReadAllText(units).Replace("\"parent\":\"H49\"", "\"parent\":\"H94\""));

        var (exit, output) = await RunAsync("reference", "validate", dir);
        var (okExit, okOutput) = await RunAsync("reference", "validate", TestPaths.ReferenceData);

        Assert.Equal(1, exit);
        Assert.Contains("units.json: H49.01: parent: unknown unit 'H94'", output);
        Assert.Equal(0, okExit);
        Assert.Contains("No problems found.", okOutput);
    }

    [Fact]
    public async Task Backfill_OnPostgreSqlBesideARunningServer_StoredAndCountedByTheServer()
    {
        // No file lease on PostgreSQL: the command's ingest takes the same advisory lock as the server's.
        await using var server = await new IocAppFactory().OnProviderAsync(Data.DatabaseOptions.PostgreSql);
        var commune = server.Catalog.Units.All.First(u => u.IsLocal);
        var procedure = server.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        using var data = TestPaths.NewTempFolder();
        var file = data.File("cu.csv");
        var day = IngestHarness.DefaultNow.AddDays(-3);
        await File.WriteAllTextAsync(file, string.Join('\n',
            "id,type,occurredAt,dossier,unit,procedure,channel,ticket,text",
            $"c1,dossier.received,{day.AddHours(-3):O},HS-CU-1,{commune.Code},{procedure},in-person,,",
            $"c2,dossier.completed,{day:O},HS-CU-1,,,,,"));

        var (exit, output) = await RunAsync([
            "backfill", file, "--source", "he-thong-cu", $"--ReferenceData:Directory={TestPaths.ReferenceData}",
            .. server.DatabaseSettings.Select(s => $"--{s.Key}={s.Value}")]);

        Assert.True(exit == 0, output);
        Assert.Contains("Database: PostgreSQL database 'ioc_", output);
        Assert.DoesNotContain("Password", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Stored 2 events (0 already present)", output);
        var queries = server.Services.GetRequiredService<Aggregation.Indicators.IndicatorQueries>();
        var kpis = await queries.GetAsync(commune.Id, new(Domain.Time.ProvinceTime.LocalDate(day), Domain.Time.ProvinceTime.LocalDate(day)));
        Assert.Equal(1, kpis.Dossiers.Finished);
    }

    [Fact]
    public async Task Rebuild_OnPostgreSqlBesideARunningServer_FindsAndReplacesAWrongRollup()
    {
        // The rebuild takes the writer's advisory lock like the server's ingest: no file to hold, no server to stop.
        await using var server = await new IocAppFactory().OnProviderAsync(Data.DatabaseOptions.PostgreSql);
        var commune = server.Catalog.Units.All.First(u => u.IsLocal);
        var procedure = server.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var day = IngestHarness.DefaultNow.AddDays(-3);
        var outcome = await server.Services.GetRequiredService<Aggregation.Ingest.IngestPipeline>().IngestAsync("test", [
            new() { Id = "r1", Type = "dossier.received", OccurredAt = day.AddHours(-3), Dossier = "HS-RB-1", Unit = commune.Code, Procedure = procedure, Channel = "online" },
            new() { Id = "r2", Type = "dossier.completed", OccurredAt = day, Dossier = "HS-RB-1" },
        ]);
        Assert.True(outcome.Succeeded);
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<Data.IocDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.DossierRollups.Where(r => r.UnitId == commune.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.Received, 7)) > 0);
        }
        string[] database = [$"--ReferenceData:Directory={TestPaths.ReferenceData}", .. server.DatabaseSettings.Select(s => $"--{s.Key}={s.Value}")];

        var (checkExit, check) = await RunAsync(["rebuild", "--check", .. database]);
        var (exit, output) = await RunAsync(["rebuild", .. database]);
        var (againExit, again) = await RunAsync(["rebuild", "--check", .. database]);

        Assert.True(checkExit == 2, check);
        Assert.Contains("DIFFERENCES FOUND.", check);
        Assert.DoesNotContain("replaced", check);
        Assert.Contains("Rollups were replaced by the recomputed ones.", output);
        Assert.True(againExit == 0, again);
        Assert.Contains("Incremental rollups agree with the event store.", again);
        var kpis = await server.Services.GetRequiredService<Aggregation.Indicators.IndicatorQueries>()
            .GetAsync(commune.Id, new(Domain.Time.ProvinceTime.LocalDate(day), Domain.Time.ProvinceTime.LocalDate(day)));
        Assert.Equal(1, kpis.Dossiers.Received);
    }

    [Fact]
    public async Task UserAdd_OptionsBeforeTheNames_CreatesTheAccountInTheGivenDatabase()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await SeedAsync(database);

        var (exit, output) = await RunWithInputAsync("Mật-khẩu-đủ-mạnh1\n", "user-add", "--unit", "H49.02", $"--Database:Path={database}", "giamdoc.noivu", "--display", "Giám đốc Sở Nội vụ", "DepartmentHead");

        Assert.Equal(0, exit);
        Assert.Contains($"Database: {database}", output);
        Assert.Contains("Created giamdoc.noivu (DepartmentHead).", output);
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT DisplayName || '|' || (SELECT Code FROM Units WHERE Id = UnitId) FROM AspNetUsers WHERE UserName = 'giamdoc.noivu'";
        Assert.Equal("Giám đốc Sở Nội vụ|H49.02", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task ProvinceInit_NgheAn_WritesAValidDirectoryAndSaysWhatIsNext()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "nghe-an");

        var (exit, output) = await RunAsync("province", "init", "40", "--out", dir);
        var (again, refusal) = await RunAsync("province", "init", "40", "--out", dir);

        Assert.Equal(0, exit);
        Assert.Contains("for Tỉnh Nghệ An", output);
        Assert.Contains("119 xã, 11 phường and 0 đặc khu", output);
        Assert.Equal(1, again);
        Assert.Contains("is not empty", refusal);
    }

    [Fact]
    public async Task NationalInit_WritesTheCountryAndItsProvinces_AMistypedOptionWritesNothing()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "national");
        var typo = Path.Combine(folder.Path, "typo");

        var (exit, output) = await RunAsync("national", "init", "--out", dir, "--demo");
        var (usage, help) = await RunAsync("national", "init", "--out", typo, "--demos");

        Assert.Equal(0, exit);
        Assert.Contains("Việt Nam (VN), 34 provinces, 442 provincial bodies to check and 3321 xã, phường, đặc khu", output);
        Assert.Contains("53 commune-level procedures", output);
        Assert.Equal(1 + 34 + 442 + 3_321, ReferenceFiles.ReadUnits(dir).Count);
        Assert.Equal(64, usage);
        Assert.Contains("Usage: national init --out <new directory> [--demo]", help);
        Assert.False(Directory.Exists(typo));
    }

    [Fact]
    public async Task UserImport_ThreeAccounts_CreatedWithPasswordsPrintedOnceThatSignIn()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await SeedAsync(database);
        var csv = data.File("accounts.csv");
        File.WriteAllText(csv, "userName;role;unit;displayName\npho.chutich;Leader;;Phó Chủ tịch UBND tỉnh\ngiamdoc.noivu;DepartmentHead;H49.02;Giám đốc Sở Nội vụ\nchutich.ansinh;DepartmentHead;H49.X07090;Chủ tịch UBND phường An Sinh\n");

        var (exit, output) = await RunAsync("user-import", csv, $"--Database:Path={database}");

        Assert.Equal(0, exit);
        Assert.Contains("Created 3 account(s).", output);
        var password = output.Split('\n').Single(l => l.StartsWith("giamdoc.noivu\t", StringComparison.Ordinal)).Split('\t')[3].Trim();
        await using var app = new IocAppFactory(databasePath: database);
        using var client = await SignedInClient.AsAsync(app.ServerAddress, "giamdoc.noivu", password);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/units/" + app.Catalog.Units.FindByCode("H49.02")!.Id)).StatusCode);
    }

    [Fact]
    public async Task UserImport_OneBadRow_NothingCreatedAndEveryProblemNamed()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await SeedAsync(database);
        var csv = data.File("accounts.csv");
        File.WriteAllText(csv, "userName,role,unit\nok.one,Leader,\nbad.role,Chief,\nbad.unit,DepartmentHead,H49.99\nok.one,Admin,\n");

        var (exit, output) = await RunAsync("user-import", csv, $"--Database:Path={database}");

        Assert.Equal(1, exit);
        Assert.Contains("accounts.csv: line 3: role: 'Chief' is not one of", output);
        Assert.Contains("accounts.csv: line 4: unit: unknown unit 'H49.99'", output);
        Assert.Contains("accounts.csv: line 5: userName: 'ok.one' is listed twice", output);
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
        Assert.Equal(0L, cmd.ExecuteScalar());
    }

    private static async Task SeedAsync(string database)
    {
        await using var h = await IngestHarness.CreateAsync(settings: new Dictionary<string, string?> { ["Database:Path"] = database });
        var commune = h.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = h.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        Assert.True((await h.IngestAsync(Events.DossierReceived("HS-CMD-1", commune, procedure, IngestHarness.DefaultNow.AddHours(-2)))).Succeeded);
    }

    private static string RootName(string database)
    {
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Name FROM Units WHERE ParentId IS NULL";
        return (string)cmd.ExecuteScalar()!;
    }

    private static string CopyDemoRenamingRoot(TempFolder folder, string name)
    {
        var dir = TestReference.CopyDemo(folder);
        var path = Path.Combine(dir, "units.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["units"]![0]!["name"] = name;
        File.WriteAllText(path, root.ToJsonString());
        return dir;
    }

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => IocProcess.RunAsync(args);

    private static Task<(int Exit, string Output)> RunWithInputAsync(string input, params string[] args) => IocProcess.RunWithInputAsync(input, args);
}

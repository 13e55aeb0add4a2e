using System.Globalization;
using System.Text;
using Ioc.Aggregation.Indices;
using Ioc.Data;
using Ioc.Domain.Indices;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Ioc.Aggregation.Tests.Indices;

/// <summary>A province imports the yearly results by which it ranks its units, and the nation ranks it.</summary>
public sealed class AnnualIndexImportTests
{
    private const string Header = "Năm;Mã đơn vị;Chỉ số;Điểm;Điểm tối đa;Xếp loại;Hạng toàn quốc;Số tỉnh;Nguồn;nhóm: Cải cách thủ tục hành chính;nhóm: Tác động của cải cách hành chính";

    private static string Csv(TempFolder folder, string text, string name = "chi-so.csv")
    {
        var path = folder.File(name);
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    private static Task<(int Exit, string Output)> ImportAsync(IngestHarness h, string file) => ImportAsync(h.Services, file);

    private static async Task<(int Exit, string Output)> ImportAsync(IServiceProvider services, string file, params string[] more)
    {
        var output = new StringWriter();
        var exit = await IocCommands.RunAsync(["indices", "import", file, .. more], services, output);
        return (exit, output.ToString());
    }

    private static Task<List<string>> StoredAsync(IngestHarness h) => StoredAsync(h.Services);

    private static async Task<List<string>> StoredAsync(IServiceProvider services)
    {
        var units = services.GetRequiredService<Domain.Catalog.ReferenceCatalog>().Units;
        var factory = services.GetRequiredService<IDbContextFactory<IocDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.AnnualIndices.AsNoTracking().OrderBy(r => r.Year).ThenBy(r => r.Index).ThenBy(r => r.UnitId).ToListAsync();
        return [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Year} {units[r.UnitId].Code} {r.Index} {r.Score} {r.MaxScore} {r.Level} {r.NationalRank}/{r.NationalOf} [{string.Join("; ", r.Components.Select(c => FormattableString.Invariant($"{c.Name}={c.Score}/{c.Max}")))}]"))];
    }

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_GoodCsv_EveryRowStoredWithItsGroupsAndNationalRank(string provider)
    {
        using var folder = TestPaths.NewTempFolder();
        await using var host = await ProviderHost.StartAsync(provider);
        var file = Csv(folder, $"""
            {Header}
            2025;H49.03;PAR;90,766;100;Xuất sắc;;;QĐ 123/QĐ-UBND;12,5/14;18
            2025;H49.02;chỉ số CCHC;88.5;100;Tốt;;;;;
            2025;H49.X07090;DTI;;;Không xếp hạng;;;;;
            2023;H49;PAR INDEX;92,18%;100;;1;63;Bộ Nội vụ;;
            """);

        var (exit, output) = await ImportAsync(host.Services, file);

        Assert.Equal(0, exit);
        Assert.Contains($"Database: {(provider == DatabaseOptions.PostgreSql ? "PostgreSQL database 'ioc_" : "/")}", output);
        Assert.Contains("Imported 4 result(s) of PAR 2023, DTI 2025, PAR 2025; 0 earlier result(s)", output);
        Assert.Equal(
        [
            "2023 H49 PAR 92.18 100  1/63 []",
            "2025 H49.X07090 DTI   không xếp hạng / []",
            "2025 H49.02 PAR 88.5 100 Tốt / []",
            "2025 H49.03 PAR 90.766 100 Xuất sắc / [Cải cách thủ tục hành chính=12.5/14; Tác động của cải cách hành chính=18/]",
        ], await StoredAsync(host.Services));
    }

    [Fact]
    public async Task Import_OnPostgreSqlIntoAMistypedDatabase_RefusedAndTheDatabaseNotCreated()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var existing = await PostgresCluster.Shared.CreateDatabaseAsync();
        var typo = new Npgsql.NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = existing.Name + "_typo" };
        await using var app = ProviderHost.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.PostgreSql,
            ["Database:ConnectionString"] = typo.ConnectionString,
            ["ReferenceData:Directory"] = TestPaths.ReferenceData,
        });
        var file = Csv(folder, $"{Header}\n2025;H49.03;PAR;90;100;;;;;;\n");

        var (exit, output) = await ImportAsync(app.Services, file);

        Assert.Equal(1, exit);
        Assert.Contains($"There is no database at PostgreSQL database '{typo.Database}' on 127.0.0.1:", output);
        Assert.DoesNotContain("--into", output);
        await using var check = new Npgsql.NpgsqlConnection(existing.ConnectionString);
        await check.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", check);
        exists.Parameters.AddWithValue("name", typo.Database!);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Import_OnPostgreSqlInto_RefusedBecauseIntoNamesASqliteFile()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var host = await ProviderHost.StartAsync(DatabaseOptions.PostgreSql);
        var file = Csv(folder, $"{Header}\n2025;H49.03;PAR;90;100;;;;;;\n");

        var (exit, output) = await ImportAsync(host.Services, file, "--into", folder.Path);

        Assert.Equal(IocCommands.Usage, exit);
        Assert.Contains("--into names a SQLite file, and Database:Provider is PostgreSQL", output);
        Assert.Empty(await StoredAsync(host.Services));
        Assert.Equal(["chi-so.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Import_BadRows_EveryProblemWithItsLineAndNothingChanged()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync();
        Assert.Equal(0, (await ImportAsync(h, Csv(folder, $"{Header}\n2025;H49.03;PAR;90;100;;;;;;\n", "truoc.csv"))).Exit);
        var before = await StoredAsync(h);
        var file = Csv(folder, $"""
            Báo cáo kết quả chỉ số năm 2025;;;;;;;;;;
            {Header}
            2025;H49.03;PAR;91;100;;;;;;
            2025;H49.99;PAR;80;100;;;;;;
            2025;H49.02;PARR;80;100;;;;;;
            2031;H49.05;PAR;101;100;;;;;;
            2025;H49.X07090;DTI;500;1000;tiên tiến;;;;;
            2025;H49.04;PAR;80;100;;3;;;;
            2025;H49.06;PAR;8o;100;;;;;15/14;x
            2025;H49.07;SIPAS;;;;;;;;
            2025;H49.03;PAR;92;100;;;;;;
            """);

        var (exit, output) = await ImportAsync(h, file);

        Assert.Equal(1, exit);
        Assert.Equal(
        [
            "chi-so.csv: line 4: unit: unknown unit code 'H49.99'",
            "chi-so.csv: line 5: index: 'PARR' is not one of PAR, SIPAS, DTI, PCI, PAPI, 766",
            "chi-so.csv: line 6: year: '2031' is not a whole number from 2000 to 2026",
            "chi-so.csv: line 6: score: 101 is more than the maximum 100",
            "chi-so.csv: line 7: level: 'tiên tiến' is not a level of DTI (nâng cao, hình thành, khởi động, không xếp hạng)",
            "chi-so.csv: line 8: nationalOf: a national rank needs both nationalRank and nationalOf (xếp thứ 5/63)",
            "chi-so.csv: line 8: nationalRank: only the province (H49) has a national rank; 'H49.04' is ranked among its siblings by IOC",
            "chi-so.csv: line 9: score: '8o' is not a number of points (e.g. 90,766)",
            "chi-so.csv: line 9: nhóm: Cải cách thủ tục hành chính: '15/14' is not points (9,5) or points of a maximum (9,5/10)",
            "chi-so.csv: line 9: nhóm: Tác động của cải cách hành chính: 'x' is not points (9,5) or points of a maximum (9,5/10)",
            "chi-so.csv: line 10: score: a row needs a score, a level or a national rank",
            "chi-so.csv: line 11: unit: H49.03 PAR 2025 is already on line 3",
            "12 problem(s); nothing was imported.",
        ], output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("chi-so", StringComparison.Ordinal) || l.Contains("problem(s)")));
        Assert.Equal(before, await StoredAsync(h));
    }

    [Fact]
    public async Task Import_SameYearAgain_ReplacesThatIndexAndYearOnly()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync();
        await ImportAsync(h, Csv(folder, $"""
            {Header}
            2024;H49.03;PAR;85;100;;;;;;
            2025;H49.03;PAR;90;100;;;;;;
            2025;H49.02;PAR;89;100;;;;;;
            2025;H49.03;DTI;700;1000;hình thành;;;;;
            """, "lan-1.csv"));

        var (exit, output) = await ImportAsync(h, Csv(folder, $"{Header}\n2025;H49.03;PAR;91,5;100;;;;;;\n", "lan-2.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("Imported 1 result(s) of PAR 2025; 2 earlier result(s)", output);
        Assert.Equal(
        [
            "2024 H49.03 PAR 85 100  / []",
            "2025 H49.03 DTI 700 1000 hình thành / []",
            "2025 H49.03 PAR 91.5 100  / []",
        ], await StoredAsync(h));
    }

    [Fact]
    public async Task Import_XlsxWithTitleRows_ReadFromTheHeaderRowOn()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync();
        var path = folder.File("chi-so.xlsx");
        object?[][] rows =
        [
            ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025", null, null, null, null, null],
            [null, null, null, null, null, null],
            ["Năm", "Mã đơn vị", "Chỉ số", "Điểm", "Điểm tối đa", "nhóm: Cải cách thủ tục hành chính"],
            [2025, "H49.03", "PAR", 90.766, 100, "12,5/14"],
            [2025, "H49.02", "PAR", 88, 100, null],
        ];
        MiniExcel.SaveAs(path, rows.Select(r => Enumerable.Range(0, r.Length).ToDictionary(i => ((char)('A' + i)).ToString(), i => r[i])), printHeader: false);

        var (exit, output) = await ImportAsync(h, path);

        Assert.Equal(0, exit);
        Assert.Equal(["2025 H49.02 PAR 88 100  / []", "2025 H49.03 PAR 90.766 100  / [Cải cách thủ tục hành chính=12.5/14]"], await StoredAsync(h));
    }

    [Fact]
    public async Task Import_NoHeaderRow_SaysWhichColumnsAreNeeded()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync();

        var (exit, output) = await ImportAsync(h, Csv(folder, "Mã đơn vị;Điểm\nH49.03;90\n"));

        Assert.Equal(1, exit);
        Assert.Contains("chi-so.csv: no header row with the columns year, unit and index (Năm, Mã đơn vị, Chỉ số)", output);
    }

    [Fact]
    public async Task Import_WrongCommandLine_UsageAndExit64()
    {
        await using var h = await IngestHarness.CreateAsync();
        var output = new StringWriter();

        var exit = await IocCommands.RunAsync(["indices", "load", "x.csv"], h.Services, output);

        Assert.Equal(IocCommands.Usage, exit);
        Assert.Contains("Usage: indices import", output.ToString());
    }

    [Fact]
    public void HostConfiguration_IntoADirectory_TheDatabaseInIt()
    {
        using var folder = TestPaths.NewTempFolder();

        var settings = IocCommands.HostConfiguration(CommandLine.Parse(["indices", "import", "x.csv", "--into", folder.Path, "--Logging:LogLevel:Default=Warning"]));

        Assert.Equal(["--Logging:LogLevel:Default=Warning", $"--Database:Path={Path.Combine(folder.Path, "ioc.db")}"], settings);
    }

    [Fact]
    public async Task DemoFile_ValidForTheDemoProvince_WithQuangNinhPublishedRanks()
    {
        await using var h = await IngestHarness.CreateAsync();

        var read = AnnualIndexImport.Read(Path.Combine(TestPaths.RepositoryRoot, AnnualIndexDemo.File), h.Catalog.Units, 2026);

        Assert.Empty(read.Problems);
        var root = h.Catalog.Units.Root.Id;
        var par2023 = read.Rows.Single(r => r.UnitId == root && r.Index == AnnualIndex.Par.Code && r.Year == 2023);
        Assert.Equal((92.18, 1, 63), (par2023.Score, par2023.NationalRank, par2023.NationalOf));
        // Every result below the province is invented for the demo and says so where it is shown.
        Assert.All(read.Rows.Where(r => r.UnitId != root), r => Assert.StartsWith("Số liệu minh họa (demo)", r.Source));
    }

    [Fact]
    public async Task DemoStart_ReadsTheResultsFromTheSimulatorsDemoFolder_NotTheRepository()
    {
        // A published server runs outside the repository: the demo's results come from Simulator:DemoDataDirectory,
        // here a copy that keeps only the province's own rows.
        using var folder = TestPaths.NewTempFolder();
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, AnnualIndexDemo.File));
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(l => !l.Contains("Số liệu minh họa", StringComparison.Ordinal))).ToArray();
        File.WriteAllLines(Path.Combine(folder.Path, AnnualIndexDemo.FileName), kept);
        await using var app = new IocAppFactory().With("Simulator:DemoDataDirectory", folder.Path);
        _ = app.ServerAddress;

        var rows = await app.Services.GetRequiredService<AnnualIndexStore>().ForUnitsAsync([app.Catalog.Units.Root.Id]);

        Assert.Equal(kept.Length - 1, rows.Count);
        Assert.InRange(rows.Count, 1, lines.Length - 2);
    }

    [Fact]
    public async Task DocsSample_ImportsIntoTheDemoProvince()
    {
        await using var h = await IngestHarness.CreateAsync();

        var (exit, output) = await ImportAsync(h, Path.Combine(TestPaths.RepositoryRoot, "docs", "annual-indices-sample.csv"));

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 5 result(s) of DTI 2025, PAR 2025, SIPAS 2025", output);
    }
}

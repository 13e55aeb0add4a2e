using System.Net;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ioc.Aggregation.Tests.Commands;

/// <summary>
/// <c>backup</c> as docs/deploy.md tells an operator to use it: the real executable beside a running
/// server that keeps ingesting, then the documented restore (stop, copy, start) into a new folder.
/// </summary>
public sealed class BackupTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Backup_WhileTheServerIngests_RestoredCopyHasTheEventsAndRebuildAgrees()
    {
        using var live = TestPaths.NewTempFolder();
        using var backups = TestPaths.NewTempFolder();
        using var restored = TestPaths.NewTempFolder();
        var database = live.File("ioc.db");
        var backup = backups.File("ioc-2026-03-20.db");
        var server = new IocAppFactory(databasePath: database);
        var (commune, busy, procedure) = Pick(server.Catalog);
        var received = Enumerable.Range(1, 20).Select(i => Events.DossierReceived($"HS-BK-{i}", commune.Code, procedure.Code, IngestHarness.DefaultNow.AddHours(-3))).ToArray();
        var completed = received.Take(8).Select(e => Events.Dossier(EventTypes.DossierCompleted, e.Dossier!, IngestHarness.DefaultNow.AddHours(-1))).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await server.PostEventsAsync(received)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostEventsAsync(completed)).StatusCode);
        var before = await TodayAsync(server, commune);

        // Another commune keeps receiving dossiers while the backup runs: the server must not wait for it.
        using var stop = new CancellationTokenSource();
        var writer = KeepPostingAsync(server, busy, procedure, stop.Token);
        var (exit, output) = await IocProcess.RunAsync("backup", backup, $"--Database:Path={database}");
        stop.Cancel();
        var (posted, refused) = await writer;
        await server.DisposeAsync();
        log.WriteLine(output.Trim());

        var restoredDatabase = restored.File("ioc.db");
        File.Copy(backup, restoredDatabase);
        var again = new IocAppFactory(databasePath: restoredDatabase);
        var after = await TodayAsync(again, commune);
        await again.DisposeAsync();
        var (check, checkOutput) = await IocProcess.RunAsync("rebuild", "--check", $"--Database:Path={restoredDatabase}");

        Assert.Equal(0, exit);
        Assert.Contains($"Database: {database}", output);
        Assert.Contains("Backup written: ", output);
        Assert.Equal([Path.GetFileName(backup)], Directory.GetFiles(backups.Path).Select(Path.GetFileName));
        Assert.True(posted > 0, "nothing was posted while the backup ran");
        Assert.Equal(0, refused);
        Assert.Equal((20, 8), (before.Received, before.Completed));
        Assert.Equal(before, after);
        Assert.Equal(20, Scalar(restoredDatabase, $"SELECT COUNT(*) FROM Dossiers WHERE UnitId = {commune.Id}"));
        Assert.Equal(28, Scalar(restoredDatabase, $"SELECT COUNT(*) FROM Events WHERE EntityCode LIKE 'HS-BK-%'"));
        Assert.InRange(Scalar(restoredDatabase, $"SELECT COUNT(*) FROM Dossiers WHERE UnitId = {busy.Id}"), 0, posted);
        Assert.True(check == 0, checkOutput);
        Assert.Contains("agree", checkOutput);
    }

    [Fact]
    public async Task Backup_TargetExists_RefusedWithoutForceReplacedWithForce()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await (await IngestHarness.CreateAsync(settings: new Dictionary<string, string?> { ["Database:Path"] = database })).DisposeAsync();
        var target = data.File("backup.db");
        File.WriteAllText(target, "last night's backup");

        var (refused, refusal) = await IocProcess.RunAsync("backup", target, $"--Database:Path={database}");
        var kept = File.ReadAllText(target);
        var (forced, _) = await IocProcess.RunAsync("backup", "--force", target, $"--Database:Path={database}");

        Assert.Equal(BackupCommand.TargetExists, refused);
        Assert.Contains("add --force", refusal);
        Assert.Equal("last night's backup", kept);
        Assert.Equal(0, forced);
        Assert.True(Scalar(target, "SELECT COUNT(*) FROM Units") > 0);
    }

    [Fact]
    public async Task Backup_NoDatabase_RefusedAndCreatesNothing()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("typo.db");
        var target = data.File("backup.db");

        var (exit, output) = await IocProcess.RunAsync("backup", target, $"--Database:Path={database}");

        Assert.Equal(BackupCommand.NoDatabase, exit);
        Assert.Contains($"There is no database at {database}", output);
        Assert.False(File.Exists(database));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Backup_OnPostgreSql_RefusedInOneLinePointingToPgDump_NothingWrittenNorChanged()
    {
        await using var host = await ProviderHost.StartAsync(Data.DatabaseOptions.PostgreSql);
        using var data = TestPaths.NewTempFolder();
        var target = data.File("backup.db");
        var before = await host.ReadAsync(async db => (await db.Units.CountAsync(), await db.Database.GetAppliedMigrationsAsync()));

        var (exit, output) = await IocProcess.RunAsync([
            "backup", target, .. host.DatabaseSettings.Where(s => s.Key.StartsWith("Database:", StringComparison.Ordinal)).Select(s => $"--{s.Key}={s.Value}")]);

        Assert.Equal(BackupCommand.NotThisProvider, exit);
        Assert.Equal(BackupCommand.PostgreSqlRefusal, output.Trim());
        Assert.Contains("pg_dump", output);
        Assert.Empty(Directory.GetFileSystemEntries(data.Path));
        var after = await host.ReadAsync(async db => (await db.Units.CountAsync(), await db.Database.GetAppliedMigrationsAsync()));
        Assert.Equal(before.Item1, after.Item1);
        Assert.Equal(before.Item2, after.Item2);
    }

    private static (Unit Commune, Unit Busy, Procedure Procedure) Pick(ReferenceCatalog catalog)
    {
        var communes = catalog.Units.All.Where(u => u.IsLocal).Take(2).ToArray();
        return (communes[0], communes[1], catalog.Procedures.First(p => p.HandledBy == Procedure.HandledByCommune));
    }

    private static async Task<(long Received, long Completed)> TodayAsync(IocAppFactory app, Unit unit)
    {
        var queries = app.Services.GetRequiredService<IndicatorQueries>();
        var kpis = await queries.GetAsync(unit.Id, queries.Resolve(KpiWindow.Today));
        return (kpis.Dossiers.Received, kpis.Dossiers.Completed);
    }

    private static async Task<(int Posted, int Refused)> KeepPostingAsync(IocAppFactory app, Unit unit, Procedure procedure, CancellationToken stop)
    {
        var (posted, refused) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            using var response = await app.PostEventsAsync(Events.DossierReceived($"HS-LIVE-{posted + refused}", unit.Code, procedure.Code, IngestHarness.DefaultNow.AddMinutes(-30)));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                posted++;
            }
            else
            {
                refused++;
            }
        }
        return (posted, refused);
    }

    private static long Scalar(string database, string sql)
    {
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}

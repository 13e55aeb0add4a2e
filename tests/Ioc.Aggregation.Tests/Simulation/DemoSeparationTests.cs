using System.Text.Json.Nodes;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Tests.Simulation;

/// <summary>A province's own data never gets demo accounts or simulated events by accident.</summary>
public sealed class DemoSeparationTests
{
    [Fact]
    public async Task Start_OwnProvinceInDemoMode_NoDemoAccountsAndTheSimulatorRefuses()
    {
        using var references = TestPaths.NewTempFolder();
        var log = new CapturingLoggerProvider();
        await using var app = OwnProvince(references, log).With("Simulator:Enabled", "true").With("Simulator:HistoryDays", "2");
        _ = app.ServerAddress;

        await WaitForAsync(log, "Simulator refused");

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Demo accounts were not created", StringComparison.Ordinal));
        Assert.Equal(0, Count(app.DatabasePath, "AspNetUsers"));
        Assert.Equal(0, Count(app.DatabasePath, "Events"));
    }

    [Fact]
    public async Task Start_OwnProvinceWithTheOverride_DemoAccountsCreatedAndSaidLoudly()
    {
        using var references = TestPaths.NewTempFolder();
        var log = new CapturingLoggerProvider();
        await using var app = OwnProvince(references, log).With("Demo:AllowOutsideDemoData", "true");
        _ = app.ServerAddress;

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("DEMO ACCOUNTS WITH A PUBLISHED PASSWORD", StringComparison.Ordinal));
        Assert.Equal(5, Count(app.DatabasePath, "AspNetUsers"));
    }

    [Fact]
    public async Task Simulator_DatabaseWithEventsOfAnotherSource_Refuses()
    {
        using var data = TestPaths.NewTempFolder();
        var database = data.File("ioc.db");
        await using (var h = await IngestHarness.CreateAsync(settings: new Dictionary<string, string?> { ["Database:Path"] = database }))
        {
            Assert.True((await h.IngestAsync(Events.TicketCreated("PA-REAL-1", IngestHarness.DefaultNow.AddHours(-1)))).Succeeded);
        }
        var log = new CapturingLoggerProvider();
        var app = new IocAppFactory(databasePath: database).With("Simulator:Enabled", "true").With("Simulator:HistoryDays", "2");
        app.LoggerProviders.Add(log);
        await using (app)
        {
            _ = app.ServerAddress;

            await WaitForAsync(log, "Simulator refused: the database holds events from the source 'test'");

            Assert.Equal(1, Count(database, "Events"));
        }
    }

    [Fact]
    public async Task Simulator_NationalOnAProvincesData_RefusesAndPostsNothing()
    {
        var log = new CapturingLoggerProvider();
        var app = new IocAppFactory().With("Simulator:Enabled", "true").With("Simulator:National", "true").With("Simulator:HistoryDays", "2");
        app.LoggerProviders.Add(log);
        await using (app)
        {
            _ = app.ServerAddress;

            await WaitForAsync(log, "Simulator refused: Simulator:National asks for a national feed, but the root of");

            Assert.Equal(0, Count(app.DatabasePath, "Events"));
        }
    }

    /// <summary>The demo province's files without the demo marker: what a province that copied them would have.</summary>
    private static IocAppFactory OwnProvince(TempFolder folder, CapturingLoggerProvider log)
    {
        var dir = TestReference.CopyDemo(folder);
        var units = Path.Combine(dir, "units.json");
        var root = JsonNode.Parse(File.ReadAllText(units))!.AsObject();
        Assert.True(root.Remove("demo"));
        File.WriteAllText(units, root.ToJsonString());
        var app = new IocAppFactory().With("ReferenceData:Directory", dir);
        app.LoggerProviders.Add(log);
        return app;
    }

    private static async Task WaitForAsync(CapturingLoggerProvider log, string start)
    {
        for (var i = 0; i < 300 && !log.Entries.Any(e => e.Message.StartsWith(start, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith(start, StringComparison.Ordinal));
    }

    private static long Count(string database, string table)
    {
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }
}

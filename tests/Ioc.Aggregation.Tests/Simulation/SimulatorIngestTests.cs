using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Simulation;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Tests.Simulation;

public sealed class SimulatorIngestTests
{
    [Fact]
    public async Task GenerateDay_ThreeWeeksAroundTet_EveryEventIngestsInTimeOrder()
    {
        // Now is a month after Tết 2026 (14–22 February): the feed posts what has happened by now.
        await using var h = await IngestHarness.CreateAsync();
        var simulator = new ProvinceSimulator(h.Catalog, h.Calendar, DemoTexts.Load(TestPaths.DemoData), new SimulatorOptions { DossiersPerDay = 300 }, h.Time);
        var now = h.Time.GetUtcNow();
        // Duplicates may name tickets of the two days before: those tickets are created first.
        var originals = SimulatorFixture.Days(new DateOnly(2026, 2, 3), new DateOnly(2026, 2, 4))
            .SelectMany(simulator.GenerateDay)
            .Where(e => e.Type == EventTypes.TicketCreated);
        var events = SimulatorFixture.Days(new DateOnly(2026, 2, 5), new DateOnly(2026, 2, 28))
            .SelectMany(simulator.GenerateDay)
            .Concat(originals)
            .Where(e => e.OccurredAt <= now)
            .OrderBy(e => e.OccurredAt)
            .ToList();

        foreach (var batch in events.Chunk(2_000))
        {
            var outcome = await h.Pipeline.IngestAsync(DemoFeed.SourceName, batch);
            Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors.Take(5).Select(e => $"{e.EventId}: {e.Message}")));
        }

        var tet = SimulatorFixture.Days(new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 22)).ToHashSet();
        var received = events.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        Assert.DoesNotContain(received, e => tet.Contains(ProvinceTime.LocalDate(e.OccurredAt!.Value)) && e.Channel != "online");
        var perTetDay = received.Count(e => tet.Contains(ProvinceTime.LocalDate(e.OccurredAt!.Value))) / (double)tet.Count;
        var perWeekday = received.Count(e => ProvinceTime.LocalDate(e.OccurredAt!.Value) is { Month: 2, Day: >= 9 and <= 13 }) / 5.0;
        Assert.InRange(perTetDay / perWeekday, 0.03, 0.25);
    }

    [Fact]
    public async Task DemoFeed_EnabledWithThreeDaysOfHistory_PostsItsEventsThroughTheApi()
    {
        using var folder = TestPaths.NewTempFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = folder.File("ioc.db"),
            ["Database:Synchronous"] = "Normal",
            ["ReferenceData:Directory"] = TestPaths.ReferenceData,
            ["Simulator:Enabled"] = "true",
            ["Simulator:HistoryDays"] = "3",
            ["Simulator:DemoDataDirectory"] = TestPaths.DemoData,
        });
        builder.AddIocData();
        builder.AddIocAggregation();
        await using var app = builder.Build();
        var catalog = await app.InitializeIocDatabaseAsync();
        app.MapIocAggregation();
        // A hotline operator already recorded a ticket under a code the simulator is about to create:
        // the simulator's version is refused, dropped with its later events, and the rest goes in.
        var twoDaysAgo = ProvinceTime.LocalDate(DateTimeOffset.UtcNow).AddDays(-2);
        var simulated = new ProvinceSimulator(catalog, app.Services.GetRequiredService<WorkingCalendar>(), DemoTexts.Load(TestPaths.DemoData), new SimulatorOptions(), TimeProvider.System)
            .GenerateDay(twoDaysAgo).First(e => e.Type == EventTypes.TicketCreated && ProvinceTime.LocalDate(e.OccurredAt!.Value) == twoDaysAgo);
        var taken = Events.TicketCreated(simulated.Ticket!, simulated.OccurredAt!.Value.AddMinutes(-1));
        Assert.True((await app.Services.GetRequiredService<IngestPipeline>().IngestAsync(InProcessEventSink.SourceName, [taken])).Succeeded);
        await app.StartAsync();
        var feed = app.Services.GetServices<IHostedService>().OfType<DemoFeed>().Single();

        await feed.CaughtUp.WaitAsync(TimeSpan.FromSeconds(60));

        using var connection = app.Services.GetRequiredService<SqliteDatabase>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MIN(OccurredAt), MAX(OccurredAt), SUM(EntityCode = $taken) FROM Events WHERE Source = 'simulator'";
        cmd.Parameters.AddWithValue("$taken", simulated.Ticket);
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        var (count, first, last) = (reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        var now = DateTimeOffset.UtcNow;
        Assert.True(count > 2_000, $"{count} events");
        Assert.True(first >= ProvinceTime.StartOfDay(ProvinceTime.LocalDate(now).AddDays(-3)));
        Assert.True(last <= now.AddMinutes(1));
        Assert.Equal(0, reader.GetInt64(3));
        await app.StopAsync();
    }
}

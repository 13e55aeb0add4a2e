using Ioc.Aggregation.Simulation;
using Ioc.Data;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Tests.Simulation;

/// <summary>
/// The demo feed's own reads (is this a demo database, where did the simulator stop) on SQLite and PostgreSQL:
/// a restart resumes from its last stored event instead of posting its history again, and a database with a
/// real source is refused.
/// </summary>
public sealed class DemoFeedOnBothProvidersTests
{
    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Restart_ResumesAfterTheLastSimulatedEvent_AndStoresNothingTwice(string provider)
    {
        await using var database = await ProviderHost.StartAsync(provider);

        var (first, _) = await RunFeedAsync(database);
        var (second, log) = await RunFeedAsync(database);

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Simulator resumes after", StringComparison.Ordinal));
        Assert.True(first > 1_000, $"{first} events");
        // Between the two starts only the seconds that passed can bring new events.
        Assert.InRange(second - first, 0, first / 20);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DatabaseWithEventsOfAnotherSource_Refused_NothingPosted(string provider)
    {
        await using var database = await ProviderHost.StartAsync(provider);
        Assert.True((await database.Services.GetRequiredService<Aggregation.Ingest.IngestPipeline>()
            .IngestAsync("test", [Events.TicketCreated("PA-REAL-1", IngestHarness.DefaultNow.AddHours(-1))])).Succeeded);
        var log = new CapturingLoggerProvider();
        await using var app = Feed(database, log);
        _ = app.ServerAddress;

        await app.Services.GetServices<IHostedService>().OfType<DemoFeed>().Single().CaughtUp.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Simulator refused: the database holds events from the source 'test'", StringComparison.Ordinal));
        Assert.Equal(1, await database.ReadAsync(db => db.Events.CountAsync()));
    }

    /// <summary>A whole app on the database with the demo feed on, until its history is caught up; the events stored then.</summary>
    private static async Task<(int Events, CapturingLoggerProvider Log)> RunFeedAsync(ProviderHost database)
    {
        var log = new CapturingLoggerProvider();
        await using var app = Feed(database, log);
        _ = app.ServerAddress;
        await app.Services.GetServices<IHostedService>().OfType<DemoFeed>().Single().CaughtUp.WaitAsync(TimeSpan.FromMinutes(2));
        return (await database.ReadAsync(db => db.Events.CountAsync(e => e.Source == DemoFeed.SourceName)), log);
    }

    private static IocAppFactory Feed(ProviderHost database, CapturingLoggerProvider log)
    {
        var app = new IocAppFactory { UseManualClock = false }
            .With("Simulator:Enabled", "true")
            .With("Simulator:DemoDataDirectory", TestPaths.DemoData)
            .With("Simulator:HistoryDays", "3")
            .With("Simulator:DossiersPerDay", "200");
        foreach (var (key, value) in database.DatabaseSettings)
        {
            app.With(key, value);
        }
        app.LoggerProviders.Add(log);
        return app;
    }
}

extern alias aggregationservice;

using System.Collections.Concurrent;
using System.Net;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Testing;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using AggregationProgram = aggregationservice::Program;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>The web process's shared hub connection: gaps trigger a resync, and the hub may live in another process.</summary>
public sealed class LiveClientTests
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    [Fact]
    public async Task SharedClient_GapInSequence_ResyncsInsteadOfApplyingTheUpdate()
    {
        await using var app = new IocAppFactory();
        _ = app.ServerAddress;
        var key = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today);
        var client = app.Services.GetRequiredService<KpiHubClient>();
        var received = new ConcurrentQueue<KpiSnapshot>();
        using var watch = client.Watch(key, s =>
        {
            received.Enqueue(s);
            return Task.CompletedTask;
        });
        var first = await WaitAsync(() => received.FirstOrDefault());

        // A message from the future, as if the ones in between had been lost.
        var hub = app.Services.GetRequiredService<IHubContext<KpiHub, IKpiClient>>();
        await hub.Clients.Group(KpiStreamRegistry.GroupName(key)).KpiUpdated(first with { Sequence = first.Sequence + 5, UnitName = "GIẢ" });

        var resynced = await WaitAsync(() => received.Skip(1).FirstOrDefault());
        Assert.Equal(first.Sequence, resynced.Sequence);
        Assert.DoesNotContain(received, s => s.UnitName == "GIẢ");
    }

    [Fact]
    public async Task SharedClient_OneCircuitStuck_OthersStillGetEveryUpdate()
    {
        await using var app = new IocAppFactory();
        _ = app.ServerAddress;
        var unit = app.Catalog.Units.Root;
        var key = new KpiStreamKey(unit.Id, KpiWindow.Today);
        var client = app.Services.GetRequiredService<KpiHubClient>();
        var stuck = new TaskCompletionSource();
        using var frozen = client.Watch(key, _ => stuck.Task);
        using var frozenTickets = client.WatchTickets(_ => stuck.Task);
        var snapshots = new ConcurrentQueue<KpiSnapshot>();
        var tickets = new ConcurrentQueue<TicketFeedUpdate>();
        using var live = client.Watch(key, s =>
        {
            snapshots.Enqueue(s);
            return Task.CompletedTask;
        });
        using var liveTickets = client.WatchTickets(u =>
        {
            tickets.Enqueue(u);
            return Task.CompletedTask;
        });
        await WaitAsync(() => snapshots.FirstOrDefault());

        (await app.PostEventsAsync(Events.TicketCreated("PA-KHONG-CHO", At))).EnsureSuccessStatusCode();

        var created = await WaitAsync(() => tickets.SelectMany(t => t.Changes).FirstOrDefault(c => c.TicketCode == "PA-KHONG-CHO"));
        Assert.Equal(TicketChangeKind.Created, created.Kind);
        var after = await WaitAsync(() => snapshots.LastOrDefault(s => s.Hotline.Received == 1));
        Assert.Equal(unit.Id, after.Stream.UnitId);
        stuck.SetResult();
    }

    [Fact]
    public async Task SharedClient_LastWatcherLeaving_UnsubscribesTheStream()
    {
        await using var app = new IocAppFactory();
        _ = app.ServerAddress;
        var key = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Year);
        var client = app.Services.GetRequiredService<KpiHubClient>();
        var registry = app.Services.GetRequiredService<KpiStreamRegistry>();
        var watch = client.Watch(key, _ => Task.CompletedTask);
        await WaitAsync(() => registry.WindowsOf(key.UnitId).Contains(KpiWindow.Year) ? "yes" : null);

        watch.Dispose();

        await WaitAsync(() => registry.WindowsOf(key.UnitId).Count == 0 ? "gone" : null);
        Assert.Equal(0, client.WatchedStreams);
    }

    [Fact]
    public async Task SeparateProcesses_EventIngestedByAggregationService_ReachesWebProcess()
    {
        using var folder = TestPaths.NewTempFolder();
        var database = folder.File("shared.db");
        const string serviceKey = "shared-kpi-service-key-0123456789";
        await using var aggregation = new WebApplicationFactory<AggregationProgram>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Path", database);
            b.UseSetting("ReferenceData:Directory", TestPaths.ReferenceData);
            b.UseSetting("Simulator:Enabled", "false");
            b.UseSetting("Kpi:ServiceKey", serviceKey);
            b.UseSetting("Ingest:Sources:0:Name", "test");
            b.UseSetting("Ingest:Sources:0:Key", IocAppFactory.TestSourceKey);
            // Any free port: UseKestrel(0) below does not reach a factory made by WithWebHostBuilder, which then
            // took Kestrel's default http://localhost:5000 and failed while the dashboard (`dotnet run`) ran.
            b.UseUrls("http://127.0.0.1:0");
        });
        aggregation.UseKestrel(0);
        aggregation.StartServer();
        var hubUrl = new Uri(aggregation.ClientOptions.BaseAddress, KpiHubContract.Path).ToString();

        await using var web = new IocAppFactory { UseManualClock = false }
            .With("Database:Path", database)
            .With("Kpi:HubUrl", hubUrl)
            .With("Kpi:ServiceKey", serviceKey);
        _ = web.ServerAddress;
        var key = new KpiStreamKey(web.Catalog.Units.Root.Id, KpiWindow.Today);
        var received = new ConcurrentQueue<KpiSnapshot>();
        using var watch = web.Services.GetRequiredService<KpiHubClient>().Watch(key, s =>
        {
            received.Enqueue(s);
            return Task.CompletedTask;
        });
        await WaitAsync(() => received.FirstOrDefault());

        var commune = web.Catalog.Units.All.First(u => u.IsLocal).Code;
        var procedure = web.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        using var api = new HttpClient { BaseAddress = aggregation.ClientOptions.BaseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", IocAppFactory.TestSourceKey);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/events",
            new IngestBatch { Events = [Events.DossierReceived("SPLIT-1", commune, procedure, now, channel: "in-person")] });
        response.EnsureSuccessStatusCode();

        var update = await WaitAsync(() => received.FirstOrDefault(s => s.Dossiers.Received == 1));
        Assert.Equal(key, update.Stream);
        // The web process does not ingest when the aggregation service runs elsewhere.
        using var webApi = web.CreateApiClient();
        var status = (await webApi.PostAsync("/api/v1/events", new StringContent("{}"))).StatusCode;
        Assert.Contains(status, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    private static async Task<T> WaitAsync<T>(Func<T?> probe, int seconds = 15) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is T value)
            {
                return value;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException("The expected live update did not arrive.");
    }
}

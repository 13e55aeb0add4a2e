using System.Collections.Concurrent;
using System.Net;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Testing;
using Ioc.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>The web process's shared hub connection: gaps trigger a resync, and the hub may live in another process.</summary>
public sealed class LiveClientTests
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);
    private static readonly AccessScope Leader = new(IocRoles.Leader, null, "lãnh đạo");

    [Fact]
    public async Task SharedClient_GapInSequence_ResyncsInsteadOfApplyingTheUpdate()
    {
        await using var app = new IocAppFactory();
        _ = app.ServerAddress;
        var key = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today);
        var client = app.Services.GetRequiredService<KpiHubClient>();
        var received = new ConcurrentQueue<KpiSnapshot>();
        using var watch = client.Watch(Leader, key, s =>
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
        var snapshots = new ConcurrentQueue<KpiSnapshot>();
        var tickets = new ConcurrentQueue<TicketFeedUpdate>();
        // The live ticket watcher first: joining the hub's ticket feed ends with a resync to the watchers there
        // are, so once it has one the feed reaches this client (a ticket posted before would reach nobody).
        using var liveTickets = client.WatchTickets(u =>
        {
            tickets.Enqueue(u);
            return Task.CompletedTask;
        });
        using var frozen = client.Watch(Leader, key, _ => stuck.Task);
        using var frozenTickets = client.WatchTickets(_ => stuck.Task);
        using var live = client.Watch(Leader, key, s =>
        {
            snapshots.Enqueue(s);
            return Task.CompletedTask;
        });
        await WaitAsync(() => snapshots.FirstOrDefault());
        await WaitAsync(() => tickets.FirstOrDefault(t => t.Resync));

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
        var watch = client.Watch(Leader, key, _ => Task.CompletedTask);
        await WaitAsync(() => registry.WindowsOf(key.UnitId).Contains(KpiWindow.Year) ? "yes" : null);

        watch.Dispose();

        await WaitAsync(() => registry.WindowsOf(key.UnitId).Count == 0 ? "gone" : null);
        Assert.Equal(0, client.WatchedStreams);
    }

    [Theory]
    [InlineData(IocRoles.HotlineStaff, "department", KpiWindow.Today)]
    [InlineData(IocRoles.HotlineStaff, "province", KpiWindow.Month)]
    [InlineData(IocRoles.Display, "department", KpiWindow.Today)]
    [InlineData(IocRoles.DepartmentHead, "province", KpiWindow.Today)]
    [InlineData("", "province", KpiWindow.Today)]
    public async Task SharedClient_StreamOutsideTheCircuitsScope_IsRefusedAndNotSubscribed(string role, string unit, KpiWindow window)
    {
        await using var app = new IocAppFactory();
        _ = app.ServerAddress;
        var department = app.Catalog.Units.All.First(u => u.Kind == Domain.Units.UnitKind.Department);
        var other = app.Catalog.Units.All.First(u => u.Kind == Domain.Units.UnitKind.Department && u.Id != department.Id);
        var viewer = new AccessScope(role, role == IocRoles.DepartmentHead ? other.Id : null, "người xem");
        var key = new KpiStreamKey(unit == "province" ? app.Catalog.Units.Root.Id : department.Id, window);
        var client = app.Services.GetRequiredService<KpiHubClient>();
        var delivered = 0;

        Assert.Throws<UnauthorizedAccessException>(() => client.Watch(viewer, key, _ =>
        {
            Interlocked.Increment(ref delivered);
            return Task.CompletedTask;
        }));

        // What the same process's pages do watch still goes through: the refusal left nothing behind.
        using var allowed = client.Watch(Leader, key with { Window = KpiWindow.Year }, _ => Task.CompletedTask);
        var registry = app.Services.GetRequiredService<KpiStreamRegistry>();
        await WaitAsync(() => registry.WindowsOf(key.UnitId).Contains(KpiWindow.Year) ? "yes" : null);
        Assert.DoesNotContain(key.Window, registry.WindowsOf(key.UnitId));
        Assert.Equal(1, client.WatchedStreams);
        Assert.Equal(0, delivered);
    }

    [Fact]
    public async Task SeparateProcesses_EventIngestedByAggregationService_ReachesWebProcess()
    {
        using var folder = TestPaths.NewTempFolder();
        var database = folder.File("shared.db");
        const string serviceKey = "shared-kpi-service-key-0123456789";
        await using var aggregation = new AggregationHost(database, serviceKey);
        aggregation.StartServer();
        var hubUrl = new Uri(aggregation.ClientOptions.BaseAddress, KpiHubContract.Path).ToString();

        await using var web = new IocAppFactory { UseManualClock = false }
            .With("Database:Path", database)
            .With("Kpi:HubUrl", hubUrl)
            .With("Kpi:ServiceKey", serviceKey);
        _ = web.ServerAddress;
        var key = new KpiStreamKey(web.Catalog.Units.Root.Id, KpiWindow.Today);
        var received = new ConcurrentQueue<KpiSnapshot>();
        using var watch = web.Services.GetRequiredService<KpiHubClient>().Watch(Leader, key, s =>
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

using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>The KPI hub as any client sees it: snapshot first, then coalesced, numbered updates.</summary>
public sealed class KpiHubTests : IAsyncLifetime
{
    private readonly IocAppFactory _app = new();
    private string _commune = "";
    private string _procedure = "";
    private KpiStreamKey _provinceToday;
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    public Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        _commune = _app.Catalog.Units.All.First(u => u.IsLocal).Code;
        _procedure = _app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        _provinceToday = new KpiStreamKey(_app.Catalog.Units.Root.Id, KpiWindow.Today);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Subscribe_ThenIngest_GivesSnapshotThenUpdateMatchingQueryService()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        var snapshots = await client.SubscribeAsync(_provinceToday);
        Assert.Equal(0, snapshots.Single().Dossiers.Received);

        (await _app.PostEventsAsync(
            Events.DossierReceived("H-1", _commune, _procedure, At, channel: "in-person"),
            Events.DossierReceived("H-2", _commune, _procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();

        var update = await client.WaitForUpdateAsync(s => s.Dossiers.Received == 2);
        Assert.True(update.Sequence > snapshots[0].Sequence);
        var queries = _app.Services.GetRequiredService<IndicatorQueries>();
        var expected = await queries.SnapshotAsync(_provinceToday, 0);
        Assert.Equal(expected.Dossiers, update.Dossiers);
        Assert.Equal(expected.Hotline, update.Hotline);
    }

    [Fact]
    public async Task Ingest_ChangesOfACommune_ReachSubscribersOfItsProvince()
    {
        var commune = _app.Catalog.Units.FindByCode(_commune)!;
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        await client.SubscribeAsync(new KpiStreamKey(commune.Id, KpiWindow.Today), _provinceToday);

        (await _app.PostEventsAsync(Events.DossierReceived("H-3", _commune, _procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();

        await client.WaitForUpdateAsync(s => s.Stream.UnitId == commune.Id && s.Dossiers.Received == 1);
        await client.WaitForUpdateAsync(s => s.Stream == _provinceToday && s.Dossiers.Received == 1);
    }

    [Fact]
    public async Task Burst_OfTenThousandEvents_IsCoalescedIntoFewUpdates()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        await client.SubscribeAsync(_provinceToday);

        var started = DateTime.UtcNow;
        for (var batch = 0; batch < 10; batch++)
        {
            var events = Enumerable.Range(0, 1_000)
                .Select(i => Events.DossierReceived($"B-{batch}-{i}", _commune, _procedure, At, channel: "in-person"))
                .ToArray();
            (await _app.PostEventsAsync(events)).EnsureSuccessStatusCode();
        }
        await client.WaitForUpdateAsync(s => s.Dossiers.Received == 10_000, TimeSpan.FromSeconds(30));
        var elapsed = DateTime.UtcNow - started;
        await Task.Delay(500);

        var messages = client.Updates.Count(u => u.Stream == _provinceToday);
        // At most one update per 250 ms window while the burst lasts, plus the first and the last.
        var bound = (int)(elapsed.TotalMilliseconds / 250) + 2;
        Assert.InRange(messages, 1, bound);
        Console.WriteLine($"10,000 events in {elapsed.TotalMilliseconds:F0} ms produced {messages} updates for one subscriber.");
    }

    [Fact]
    public async Task Updates_CarryConsecutiveSequenceNumbers()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        var first = (await client.SubscribeAsync(_provinceToday)).Single();
        for (var i = 0; i < 3; i++)
        {
            (await _app.PostEventsAsync(Events.DossierReceived($"S-{i}", _commune, _procedure, At, channel: "in-person"))).EnsureSuccessStatusCode();
            await client.WaitForUpdateAsync(s => s.Dossiers.Received == i + 1);
            await Task.Delay(300);
        }
        var sequences = client.Updates.Where(u => u.Stream == _provinceToday).Select(u => u.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => first.Sequence + 1 + i), sequences);
    }

    [Fact]
    public async Task Resync_WithoutSubscription_IsRefused()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        var ex = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, _provinceToday));
        Assert.Contains("Subscribe", ex.Message);
    }

    [Theory]
    [InlineData("shorter")]
    [InlineData("same length")]
    [InlineData("longer")]
    public async Task Connect_WithAWrongServiceKey_IsRefused(string variant)
    {
        var key = _app.ServiceKey;
        var wrong = variant switch
        {
            "shorter" => key[..^1],
            "longer" => key + "x",
            _ => key[..^1] + (key[^1] == 'A' ? 'B' : 'A'),
        };
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => KpiTestClient.ConnectAsync(_app.ServerAddress, wrong));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Subscribe_UnknownUnit_IsRefused()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync(new KpiStreamKey(987654, KpiWindow.Today)));
    }

    [Fact]
    public async Task Heartbeats_ArriveWithoutEvents()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        await client.SubscribeAsync(_provinceToday);
        var deadline = DateTime.UtcNow.AddSeconds(12);
        while (client.Heartbeats.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.NotEmpty(client.Heartbeats);
    }

    [Fact]
    public async Task TicketChanges_ArriveOnTheirOwnStream()
    {
        await using var client = await KpiTestClient.ConnectAsync(_app.ServerAddress, _app.ServiceKey);
        await client.Connection.InvokeAsync(KpiHubContract.SubscribeTickets);

        (await _app.PostEventsAsync(Events.TicketCreated("PA-9", At))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (client.TicketChanges.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var change = Assert.Single(Assert.Single(client.TicketChanges));
        Assert.Equal(("PA-9", TicketChangeKind.Created, "New"), (change.TicketCode, change.Kind, change.Status));
        Assert.Equal(1, change.Sequence);
    }
}

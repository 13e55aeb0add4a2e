using System.Diagnostics;
using System.Net;
using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>
/// Revoking a display key on /admin/displays (<see cref="DisplayKeyStore.RevokeAsync"/>) takes the hub
/// away from every screen holding it, as such a screen notices: its connection closes within
/// seconds, it cannot come back, and a call that slips in first is refused.
/// </summary>
public sealed class DisplayKeyRevocationTests(ITestOutputHelper output)
{
    private const string ServiceKey = "shared-kpi-service-key-0123456789";

    public enum Transport
    {
        /// <summary>An LED board or app: header X-Display-Key.</summary>
        Header,
        /// <summary>A browser client that cannot set WebSocket headers: ?display_key=…</summary>
        Query,
        /// <summary>The wall screen's cookie, after opening /wall?key=… (one-process mode).</summary>
        Cookie,
    }

    [Theory]
    [InlineData(Transport.Header)]
    [InlineData(Transport.Query)]
    [InlineData(Transport.Cookie)]
    public async Task Revoke_OpenHubConnectionWithTheKey_ClosesAtOnceAndCannotReconnect(Transport transport)
    {
        // The periodic sweep (the other process's path) waits five minutes here: a connection that closes at all
        // within the wait below was closed by the revocation itself, however busy the machine (no stopwatch bound).
        await using var app = new IocAppFactory().With("Kpi:KeyCheckSeconds", "300");
        var store = app.Services.GetRequiredService<DisplayKeyStore>();
        var (key, secret) = await store.CreateAsync("Màn hình phòng điều hành", "quantri");
        using var screen = transport == Transport.Cookie ? await SignedInClient.DisplayAsync(app.ServerAddress, secret) : null;
        var province = new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today);

        await using var connection = Connect(app.ServerAddress, transport, secret, screen);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var snapshot = Assert.Single(await connection.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, new[] { province }));
        Assert.Equal(province, snapshot.Stream);

        var clock = Stopwatch.StartNew();
        await store.RevokeAsync(key.Id, "quantri");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"{transport}: connection closed {clock.Elapsed.TotalMilliseconds:F0} ms after the revocation started");

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await using var again = Connect(app.ServerAddress, transport, secret, screen);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task RevokedByTheWebProcess_ConnectionToTheAggregationService_ClosesWithinTheCheckInterval()
    {
        await using var processes = await TwoProcesses.StartAsync(keyCheckSeconds: 2);
        var store = processes.Web.Services.GetRequiredService<DisplayKeyStore>();
        var (key, secret) = await store.CreateAsync("Bảng LED sảnh", "quantri");
        await using var board = await KpiTestClient.ConnectWithDisplayKeyAsync(processes.AggregationAddress, secret);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await board.SubscribeAsync(new KpiStreamKey(processes.Web.Catalog.Units.Root.Id, KpiWindow.Today));

        var clock = Stopwatch.StartNew();
        await store.RevokeAsync(key.Id, "quantri");
        // Only the sweep can close it: the revocation happened in the other process. The wait (five 2-s intervals)
        // fails when the sweep does not run; a tighter stopwatch bound only measured how loaded the machine was.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5 * 2));
        output.WriteLine($"two processes: connection closed {clock.Elapsed.TotalMilliseconds:F0} ms after the revocation (check every 2 s)");

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => KpiTestClient.ConnectWithDisplayKeyAsync(processes.AggregationAddress, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task RevokedByTheWebProcess_NextHubCallBeforeTheConnectionIsCut_IsRefused()
    {
        // A long check interval: the open connection outlives the revocation, so only the per-call check stands in the way.
        await using var processes = await TwoProcesses.StartAsync(keyCheckSeconds: 600);
        var store = processes.Web.Services.GetRequiredService<DisplayKeyStore>();
        var (key, secret) = await store.CreateAsync("Bảng LED sảnh", "quantri");
        await using var board = await KpiTestClient.ConnectWithDisplayKeyAsync(processes.AggregationAddress, secret);
        var today = new KpiStreamKey(processes.Web.Catalog.Units.Root.Id, KpiWindow.Today);
        var year = today with { Window = KpiWindow.Year };
        await board.SubscribeAsync(today);

        await store.RevokeAsync(key.Id, "quantri");

        var subscribe = await Assert.ThrowsAsync<HubException>(() => board.SubscribeAsync(year));
        Assert.Contains("revoked", subscribe.Message);
        var resync = await Assert.ThrowsAsync<HubException>(() => board.Connection.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, today));
        Assert.Contains("revoked", resync.Message);
    }

    private static HubConnection Connect(Uri server, Transport transport, string secret, SignedInClient? screen)
    {
        var hub = new Uri(server, KpiHubContract.Path);
        return transport switch
        {
            Transport.Header => new HubConnectionBuilder().WithUrl(hub, o => o.Headers[HubKeyAuthenticationHandler.DisplayHeader] = secret).Build(),
            Transport.Query => new HubConnectionBuilder().WithUrl(new Uri(hub + "?display_key=" + Uri.EscapeDataString(secret))).Build(),
            _ => screen!.Hub(),
        };
    }

    /// <summary>The aggregation service (ingest, hub) and a web process (pages, admin) on one database, as in production.</summary>
    private sealed class TwoProcesses : IAsyncDisposable
    {
        private readonly TempFolder _folder;

        private TwoProcesses(TempFolder folder, AggregationHost aggregation, IocAppFactory web)
        {
            _folder = folder;
            Aggregation = aggregation;
            Web = web;
        }

        public AggregationHost Aggregation { get; }

        public IocAppFactory Web { get; }

        public Uri AggregationAddress => Aggregation.ClientOptions.BaseAddress;

        public static Task<TwoProcesses> StartAsync(int keyCheckSeconds)
        {
            var folder = TestPaths.NewTempFolder();
            var database = folder.File("shared.db");
            var aggregation = new AggregationHost(database, ServiceKey, ("Kpi:KeyCheckSeconds", keyCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            aggregation.StartServer();
            var web = new IocAppFactory { UseManualClock = false }
                .With("Database:Path", database)
                .With("Kpi:HubUrl", new Uri(aggregation.ClientOptions.BaseAddress, KpiHubContract.Path).ToString())
                .With("Kpi:ServiceKey", ServiceKey);
            _ = web.ServerAddress;
            return Task.FromResult(new TwoProcesses(folder, aggregation, web));
        }

        public async ValueTask DisposeAsync()
        {
            await Web.DisposeAsync();
            await Aggregation.DisposeAsync();
            _folder.Dispose();
        }
    }
}

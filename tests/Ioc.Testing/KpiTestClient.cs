using System.Collections.Concurrent;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ioc.Testing;

/// <summary>A third-party hub client (as an LED board would be): records everything the hub sends.</summary>
public sealed class KpiTestClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private KpiTestClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<KpiSnapshot>(nameof(IKpiClient.KpiUpdated), s => Updates.Enqueue(s));
        connection.On<KpiHeartbeat>(nameof(IKpiClient.Heartbeat), h => Heartbeats.Enqueue(h));
        connection.On<IReadOnlyList<TicketChange>>(nameof(IKpiClient.TicketsChanged), c => TicketChanges.Enqueue(c));
    }

    public ConcurrentQueue<KpiSnapshot> Updates { get; } = new();

    public ConcurrentQueue<KpiHeartbeat> Heartbeats { get; } = new();

    public ConcurrentQueue<IReadOnlyList<TicketChange>> TicketChanges { get; } = new();

    public HubConnection Connection => _connection;

    public static async Task<KpiTestClient> ConnectAsync(Uri server, string? serviceKey = null, Action<IHubConnectionBuilder>? configure = null) =>
        await ConnectWithHeaderAsync(server, serviceKey is null ? null : (KpiServiceCredentials.Header, serviceKey), configure);

    /// <summary>A wall screen or LED board holding a display key (header X-Display-Key).</summary>
    public static Task<KpiTestClient> ConnectWithDisplayKeyAsync(Uri server, string displayKey) =>
        ConnectWithHeaderAsync(server, (HubKeyAuthenticationHandler.DisplayHeader, displayKey), null);

    private static async Task<KpiTestClient> ConnectWithHeaderAsync(Uri server, (string Name, string Value)? header, Action<IHubConnectionBuilder>? configure)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, KpiHubContract.Path), o =>
        {
            if (header is var (name, value))
            {
                o.Headers[name] = value;
            }
        });
        configure?.Invoke(builder);
        var client = new KpiTestClient(builder.Build());
        await client._connection.StartAsync();
        return client;
    }

    public Task<IReadOnlyList<KpiSnapshot>> SubscribeAsync(params KpiStreamKey[] streams) =>
        _connection.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, streams);

    /// <summary>Waits until an update satisfying the condition has arrived.</summary>
    public async Task<KpiSnapshot> WaitForUpdateAsync(Func<KpiSnapshot, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var match = Updates.FirstOrDefault(condition);
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No matching update within the timeout; received {Updates.Count} updates.");
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

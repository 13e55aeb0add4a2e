using System.Net.Http.Json;
using Ioc.Contracts;
using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Microsoft.Extensions.DependencyInjection;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>
/// The KPI hub hosted by two processes with the Redis backplane (a real redis-server on a loopback port):
/// a client connected to one receives what the other publishes. Which streams a process publishes is still
/// decided by its own subscribers (the registry is per process), so the ingesting host has one here too.
/// </summary>
public sealed class KpiBackplaneTests
{
    private const string ServiceKey = "backplane-service-key-0123456789abcdef";

    [Fact]
    public async Task TwoHubHosts_EventIngestedAtOne_ReachesASubscriberOfTheOther()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var redis = await RedisServer.StartAsync(folder.Path);
        (string, string)[] settings = [("Redis:Configuration", redis.Configuration), ("Kpi:RefreshSeconds", "3600")];
        await using var ingesting = new AggregationHost(folder.File("ioc.db"), ServiceKey, settings);
        ingesting.StartServer();
        // The other host never ingests and never refreshes during the test: whatever its client gets came through Redis.
        await using var other = new AggregationHost(folder.File("ioc.db"), ServiceKey, settings);
        other.StartServer();
        var root = other.Services.GetRequiredService<ReferenceCatalog>().Units.Root;
        var stream = new KpiStreamKey(root.Id, KpiWindow.Today);
        await using var watcher = await KpiTestClient.ConnectAsync(ingesting.Address, ServiceKey);
        await watcher.SubscribeAsync(stream);
        await using var client = await KpiTestClient.ConnectAsync(other.Address, ServiceKey);
        var before = (await client.SubscribeAsync(stream))[0].Dossiers.Received;

        using var api = new HttpClient { BaseAddress = ingesting.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", IocAppFactory.TestSourceKey);
        var (commune, procedure) = CommuneProcedure();
        (await api.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [Events.DossierReceived("BP-1", commune, procedure, DateTimeOffset.UtcNow.AddMinutes(-1))] }))
            .EnsureSuccessStatusCode();

        var update = await client.WaitForUpdateAsync(s => s.Dossiers.Received == before + 1, TimeSpan.FromSeconds(15));
        Assert.Equal(root.Code, update.UnitCode);

        // /health names the backplane: healthy while Redis answers, unhealthy (503) once it is gone.
        using var health = new HttpClient { BaseAddress = other.Address };
        var (code, body) = await HealthAsync(health, "Healthy");
        Assert.Equal(System.Net.HttpStatusCode.OK, code);
        Assert.StartsWith("Redis answers", body);
        await redis.KillAsync();
        (code, body) = await HealthAsync(health, "Unhealthy");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, code);
        Assert.StartsWith("Redis", body);
    }

    /// <summary>The backplane check's description once its status is <paramref name="status"/> (or after 20 s).</summary>
    private static async Task<(System.Net.HttpStatusCode Code, string Description)> HealthAsync(HttpClient client, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.GetAsync(Ioc.Aggregation.Health.HealthEndpoints.Path);
            var check = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                .GetProperty("checks").GetProperty(Ioc.Aggregation.Health.HealthEndpoints.Backplane);
            if (check.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, check.GetProperty("description").GetString() ?? "");
            }
            await Task.Delay(200);
        }
    }

    private static (string Commune, string Procedure) CommuneProcedure()
    {
        var commune = ReferenceFiles.ReadUnits(TestPaths.ReferenceData)
            .First(u => u.RetiredFrom is null && u.MergedInto is null && ReferenceFiles.ParseKind(u.Kind, u.Code) is UnitKind.Commune or UnitKind.Ward).Code;
        var procedure = ReferenceFiles.ReadProcedures(TestPaths.ReferenceData).First(p => p.HandledBy == "commune").Code;
        return (commune, procedure);
    }
}

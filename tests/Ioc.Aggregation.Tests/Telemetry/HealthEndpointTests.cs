using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Health;
using Ioc.Aggregation.Tests.Publishing;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Telemetry;

/// <summary>/health as a monitor or load balancer reads it: the overall status, the HTTP code, and each named check.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task OneProcess_NamesDatabaseHubLinkAndBackplane_HealthyOnceTheLinkIsUp()
    {
        await using var app = new IocAppFactory();
        using var client = new HttpClient { BaseAddress = app.ServerAddress };

        var (code, body) = await WaitForAsync(client, b => Status(b, HealthEndpoints.HubLink) == "Healthy");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Database));
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Backplane));
        Assert.StartsWith("Not configured", Description(body, HealthEndpoints.Backplane));
        Assert.StartsWith("Connected to http://", Description(body, HealthEndpoints.HubLink));
    }

    [Fact]
    public async Task WebProcess_AggregationServiceUnreachable_HubLinkUnhealthyAnd503()
    {
        var nobody = $"http://127.0.0.1:{IocAppFactory.FreePort()}{KpiHubContract.Path}";
        await using var web = new IocAppFactory { UseManualClock = false }
            .With("Kpi:HubUrl", nobody)
            .With("Kpi:ServiceKey", "unreachable-service-key-0123456789")
            .With("Kpi:StaleAfterSeconds", "2");
        using var client = new HttpClient { BaseAddress = web.ServerAddress };

        var (code, body) = await WaitForAsync(client, b => Status(b, HealthEndpoints.HubLink) == "Unhealthy");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, code);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Contains(nobody, Description(body, HealthEndpoints.HubLink));
        // The database answers still: the check says which part is down, not just that something is.
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Database));
    }

    [Fact]
    public async Task AggregationService_NamesDatabaseAndBackplane()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var aggregation = new AggregationHost(folder.File("ioc.db"), "aggregation-service-key-0123456789");
        aggregation.StartServer();
        using var client = new HttpClient { BaseAddress = aggregation.Address };

        var response = await client.GetAsync(HealthEndpoints.Path);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Database));
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Backplane));
        Assert.False(body.GetProperty("checks").TryGetProperty(HealthEndpoints.HubLink, out _));
    }

    [Fact]
    public async Task AggregationService_OnPostgreSql_StartsIngestsAndReportsTheDatabaseHealthy()
    {
        await using var database = await PostgresCluster.Shared.CreateDatabaseAsync();
        using var folder = TestPaths.NewTempFolder();
        var sqliteFile = folder.File("ioc.db");
        await using var aggregation = new AggregationHost(sqliteFile, "aggregation-service-key-0123456789",
            ("Database:Provider", DatabaseOptions.PostgreSql), ("Database:ConnectionString", database.ConnectionString));
        aggregation.StartServer();
        using var client = new HttpClient { BaseAddress = aggregation.Address };
        client.DefaultRequestHeaders.Add(IngestEndpoints.ApiKeyHeader, IocAppFactory.TestSourceKey);
        var catalog = aggregation.Services.GetRequiredService<ReferenceCatalog>();
        var commune = catalog.Units.All.First(u => u.IsLocal);
        var procedure = catalog.Procedures.First(p => p.HandledBy == Procedure.HandledByCommune);

        var posted = await client.PostAsJsonAsync("/api/v1/events",
            new IngestBatch { Events = [Events.DossierReceived("HS-PG-1", commune.Code, procedure.Code, DateTimeOffset.UtcNow.AddMinutes(-5))] },
            IngestJsonContext.Default.IngestBatch);
        var response = await client.GetAsync(HealthEndpoints.Path);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        await using var db = await aggregation.Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", Status(body, HealthEndpoints.Database));
        Assert.Equal(["HS-PG-1"], await db.Dossiers.Select(d => d.Code).ToListAsync());
        Assert.True(await db.Units.AnyAsync());
        // No SQLite file, and no lease beside it: the service never touched SQLite.
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private static string? Status(JsonElement body, string check) =>
        body.GetProperty("checks").TryGetProperty(check, out var c) ? c.GetProperty("status").GetString() : null;

    private static string Description(JsonElement body, string check) =>
        body.GetProperty("checks").GetProperty(check).GetProperty("description").GetString() ?? "";

    private static async Task<(HttpStatusCode Code, JsonElement Body)> WaitForAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.GetAsync(HealthEndpoints.Path);
            var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
            if (condition(body) || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }
            await Task.Delay(100);
        }
    }
}

using Ioc.Aggregation;
using Ioc.Aggregation.Health;
using Ioc.Aggregation.Telemetry;
using Ioc.Aggregation.Indices;
using Ioc.Data;
using Ioc.Data.Sqlite;

// The aggregation service on its own: ingest API, rollups, KPI hub and simulator, without pages.
// Web nodes point Kpi:HubUrl at it.
var commandLine = CommandLine.Parse(args);
if (IocCommands.RunWithoutDatabase(commandLine, Console.Out) is int exit)
{
    return exit;
}
var builder = WebApplication.CreateBuilder(IocCommands.HostConfiguration(commandLine));
builder.AddIocData();
builder.AddIocAggregation();
builder.AddIocTelemetry();
builder.AddIocHealthChecks();

var app = builder.Build();
if (IocCommands.IsCommand(commandLine))
{
    return await IocCommands.RunAsync(commandLine, app.Services, Console.Out);
}

// Held while serving, so that a maintenance command cannot write under a running server (SQLite's file;
// PostgreSQL orders its writers itself, see ShareWhileServing).
using var lease = DatabaseLease.ShareWhileServing(app.Services);
await app.InitializeIocDatabaseAsync();
await app.Services.RecomputeAfterTreeChangeAsync(app.Logger);
await app.Services.SeedIfDemoAsync(app.Logger);
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapIocAggregation();
app.MapIocHealth();
app.MapIocTelemetry();
app.MapGet("/", () => Results.Text("IOC aggregation service. POST /api/v1/events; hub at /hubs/kpi; /health."));
await app.RunAsync();
return 0;

/// <summary>Entry point of the separate aggregation process.</summary>
public partial class Program;

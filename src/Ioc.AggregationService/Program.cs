using Ioc.Aggregation;
using Ioc.Data;

// The aggregation service on its own: ingest API, rollups, KPI hub and simulator, without pages.
// Web nodes point Kpi:HubUrl at it.
var builder = WebApplication.CreateBuilder(args);
builder.AddIocData();
builder.AddIocAggregation();

var app = builder.Build();
if (IocCommands.IsCommand(args))
{
    return await IocCommands.RunAsync(args, app.Services, Console.Out);
}

await app.InitializeIocDatabaseAsync();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapIocAggregation();
app.MapGet("/", () => Results.Text("IOC aggregation service. POST /api/v1/events; hub at /hubs/kpi."));
await app.RunAsync();
return 0;

/// <summary>Entry point of the separate aggregation process.</summary>
public partial class Program;

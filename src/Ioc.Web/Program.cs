using Ioc.Aggregation;
using Ioc.Aggregation.Indices;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Publishing;
using Ioc.Aggregation.Telemetry;
using Ioc.Data;
using Ioc.Data.Sqlite;
using Ioc.Web.Extensions;
using Ioc.Web.Features.Account;
using Microsoft.Extensions.Options;

// The command's own words and the settings (--Section:Key=value) apart, in any order.
var commandLine = CommandLine.Parse(args);
if (IocCommands.RunWithoutDatabase(commandLine, Console.Out) is int exit)
{
    return exit;
}
var builder = WebApplication.CreateBuilder(IocCommands.HostConfiguration(commandLine));
// Run from a build (dotnet run, not dotnet publish) outside Development, the framework's and MudBlazor's
// files live in NuGet and obj/, listed by the build's static-web-assets manifest; without this only
// Development reads that manifest and every other environment answers 500 for blazor.web.js. A
// published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();
// With Kpi:HubUrl the aggregation service runs elsewhere; this process only shows pages.
var hostsAggregation = string.IsNullOrWhiteSpace(builder.Configuration[$"{KpiOptions.Section}:{nameof(KpiOptions.HubUrl)}"]);
builder.AddIocData();
if (hostsAggregation)
{
    builder.AddIocAggregation();
}
else
{
    builder.AddIocIndicators();
    builder.Services.AddHttpClient<IEventSink, HttpEventSink>();
}
builder.AddIocWeb();
builder.AddIocTelemetry();

var app = builder.Build();
if (IocCommands.IsCommand(commandLine))
{
    return await IocCommands.RunAsync(commandLine, app.Services, Console.Out);
}
string[] words = [.. commandLine.Words];
if (UserCommands.IsCommand(words) || UserImport.IsCommand(words))
{
    using var alone = IocCommands.TakeDatabase(app.Services, Console.Out);
    if (alone is null)
    {
        return IocCommands.DatabaseBusy;
    }
    await app.InitializeIocDatabaseAsync();
    return UserImport.IsCommand(words)
        ? await UserImport.RunAsync(words, app.Services, Console.Out)
        : await UserCommands.RunAsync(words, app.Services, Console.In, Console.Out);
}

// Held while serving, so that a maintenance command cannot write under a running server (SQLite's file;
// PostgreSQL orders its writers itself, see ShareWhileServing).
using var lease = DatabaseLease.ShareWhileServing(app.Services);
await app.InitializeIocDatabaseAsync();
if (hostsAggregation)
{
    await app.Services.RecomputeAfterTreeChangeAsync(app.Logger);
    await app.Services.SeedIfDemoAsync(app.Logger);
}
await app.SeedDemoAccountsIfAllowedAsync();
app.MapIocWeb();
app.MapIocTelemetry();
if (hostsAggregation)
{
    app.MapIocAggregation();
}
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

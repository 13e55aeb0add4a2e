using Ioc.Aggregation;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Publishing;
using Ioc.Data;
using Ioc.Web.Extensions;
using Ioc.Web.Features.Account;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
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

var app = builder.Build();
if (IocCommands.IsCommand(args))
{
    return await IocCommands.RunAsync(args, app.Services, Console.Out);
}

await app.InitializeIocDatabaseAsync();
if (UserCommands.IsCommand(args))
{
    return await UserCommands.RunAsync(args, app.Services, Console.In, Console.Out);
}
if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value is { Enabled: true } demo)
{
    await DemoAccounts.SeedAsync(app.Services, demo.Password, app.Logger);
}
app.MapIocWeb();
if (hostsAggregation)
{
    app.MapIocAggregation();
}
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

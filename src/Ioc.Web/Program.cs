using Ioc.Aggregation;
using Ioc.Aggregation.Publishing;
using Ioc.Data;
using Ioc.Web.Extensions;

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
}
builder.AddIocWeb();

var app = builder.Build();
if (IocCommands.IsCommand(args))
{
    return await IocCommands.RunAsync(args, app.Services, Console.Out);
}

await app.InitializeIocDatabaseAsync();
app.MapIocWeb();
if (hostsAggregation)
{
    app.MapIocAggregation();
}
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

using Ioc.Aggregation;
using Ioc.Data;
using Ioc.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddIocData();
builder.AddIocAggregation();
builder.AddIocWeb();

var app = builder.Build();
if (IocCommands.IsCommand(args))
{
    return await IocCommands.RunAsync(args, app.Services, Console.Out);
}

await app.InitializeIocDatabaseAsync();
app.MapIocWeb();
app.MapIocAggregation();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

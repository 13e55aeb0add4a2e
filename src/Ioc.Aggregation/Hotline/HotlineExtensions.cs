using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ioc.Aggregation.Hotline;

public static class HotlineExtensions
{
    /// <summary>Ticket queries for the triage queue.</summary>
    public static IHostApplicationBuilder AddIocHotline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HotlineOptions>().BindConfiguration(HotlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<TicketQueries>();
        return builder;
    }
}

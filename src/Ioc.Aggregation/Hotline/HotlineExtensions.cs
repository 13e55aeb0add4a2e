using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ioc.Aggregation.Hotline;

public static class HotlineExtensions
{
    /// <summary>Ticket queries, history, triage suggestions, duplicate detection and triage commands (no background work).</summary>
    public static IHostApplicationBuilder AddIocHotline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HotlineOptions>().BindConfiguration(HotlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<TicketQueries>();
        builder.Services.TryAddSingleton<TicketSuggester>();
        builder.Services.TryAddSingleton<DuplicateFinder>();
        builder.Services.TryAddSingleton<TicketHistoryReader>();
        builder.Services.TryAddSingleton<TriageCommands>();
        return builder;
    }

    /// <summary>Trains the suggestion model in this process (the one that serves the triage page).</summary>
    public static IHostApplicationBuilder AddIocHotlineLearning(this IHostApplicationBuilder builder)
    {
        builder.AddIocHotline();
        builder.Services.AddHostedService<SuggestionTrainer>();
        return builder;
    }
}

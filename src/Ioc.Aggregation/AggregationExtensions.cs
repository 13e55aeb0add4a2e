using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ioc.Aggregation;

public static class AggregationExtensions
{
    /// <summary>Indicator queries over the shared database: every process that shows indicators needs them.</summary>
    public static IHostApplicationBuilder AddIocIndicators(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IndicatorQueries>();
        return builder;
    }

    /// <summary>The aggregation service: ingest API, rollups, and (with later parts) the KPI hub and simulator.</summary>
    public static IHostApplicationBuilder AddIocAggregation(this IHostApplicationBuilder builder)
    {
        builder.AddIocIndicators();
        builder.Services.AddOptions<IngestLimits>().BindConfiguration(IngestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SourceKeyRegistry>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddProblemDetails();
        Simulation.SimulatorExtensions.AddIocSimulator(builder);
        return builder;
    }

    public static WebApplication MapIocAggregation(this WebApplication app)
    {
        app.MapIngestEndpoints();
        return app;
    }
}

using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Alerts;
using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Publishing;
using Ioc.Aggregation.Rebuild;
using Ioc.Aggregation.Simulation;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Time;
using Microsoft.AspNetCore.Authentication;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation;

public static class AggregationExtensions
{
    /// <summary>Indicator queries over the shared database: every process that shows indicators needs them.</summary>
    public static IHostApplicationBuilder AddIocIndicators(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(ProvinceClock.System);
        builder.Services.TryAddSingleton<IndicatorQueries>();
        builder.Services.TryAddSingleton<DossierQueries>();
        builder.Services.TryAddSingleton<Indices.AnnualIndexStore>();
        builder.Services.TryAddSingleton<Indices.AnnualIndexQueries>();
        builder.Services.TryAddSingleton<Documents.DocumentQueries>();
        builder.Services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<KpiServiceCredentials>();
        builder.Services.TryAddSingleton<AuditLog>();
        builder.Services.TryAddSingleton<DisplayKeyStore>();
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        builder.Services.TryAddSingleton<AlertStore>();
        builder.AddIocHotline();
        return builder;
    }

    /// <summary>The single writer (IngestPipeline) and its store for the configured database provider.</summary>
    public static IHostApplicationBuilder AddIocIngestWriter(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestLimits>().BindConfiguration(IngestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<IngestLimits>, IngestLimitsValidator>());
        builder.Services.TryAddSingleton<IIngestStore>(sp => sp.UsesPostgreSql()
            ? new Storage.PostgreSql.PostgreSqlIngestStore(sp.GetRequiredService<Data.PostgreSql.PostgreSqlDatabase>())
            : new SqliteIngestStore(sp.GetRequiredService<Data.Sqlite.SqliteDatabase>()));
        builder.Services.TryAddSingleton<IngestPipeline>();
        // The rebuild runs as the writer (ingest held off), on either provider.
        builder.Services.TryAddSingleton<RollupRebuilder>();
        return builder;
    }

    /// <summary>The aggregation service: ingest API, rollups, and (with later parts) the KPI hub and simulator.</summary>
    public static IHostApplicationBuilder AddIocAggregation(this IHostApplicationBuilder builder)
    {
        builder.AddIocIndicators();
        builder.AddIocIngestWriter();
        builder.Services.AddSingleton<SourceKeyRegistry>();
        builder.Services.AddSingleton<SourceKeyStore>();
        builder.Services.AddSingleton<IEventSink, InProcessEventSink>();
        if (!builder.Configuration.UsesPostgreSql())
        {
            // SQLite's write-ahead log; PostgreSQL checkpoints its own.
            builder.Services.AddHostedService<WalCheckpointer>();
        }
        builder.Services.AddSingleton<DossierCodeIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DossierCodeIndexer>());
        builder.Services.AddSingleton<CsvBackfill>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<KpiStreamRegistry>();
        builder.Services.AddSingleton<KpiPublisher>();
        builder.Services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<KpiPublisher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KpiPublisher>());
        builder.Services.AddSingleton<AlertReadings>();
        builder.Services.AddSingleton<AlertMonitor>();
        builder.Services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<AlertMonitor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        var limits = builder.Configuration.GetSection(IngestLimits.Section).Get<IngestLimits>() ?? new IngestLimits();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = 429;
            o.AddPolicy(IngestEndpoints.RateLimiter, http => RateLimitPartition.GetFixedWindowLimiter(
                IngestEndpoints.PresentedKey(http) is { Length: > 0 } key ? KeyHashing.Hash(key) : "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerMinutePerKey, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, HubKeyAuthenticationHandler>(HubKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(KpiHub.Policy, p => p.AddAuthenticationSchemes(HubKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        builder.Services.AddSingleton<DisplayKeyConnections>();
        builder.Services.AddSingleton<DisplayKeyHubFilter>();
        builder.Services.AddHostedService<DisplayKeyRevocationWatcher>();
        builder.Services.AddSingleton<HubRefusalLogFilter>();
        builder.Services.AddSignalR(o =>
            {
                // Wall displays stay connected for days: tolerate slow networks, notice dead ones within a minute.
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.MaximumReceiveMessageSize = 256 * 1024;
                o.AddFilter<HubRefusalLogFilter>();
            })
            .AddHubOptions<KpiHub>(o => o.AddFilter<DisplayKeyHubFilter>());
        // The filter above logs each failed call once, at the right level; the dispatcher would log
        // refusals again at Error with a stack trace.
        builder.Logging.AddFilter(HubRefusalLogFilter.DispatcherCategory, LogLevel.Critical);
        builder.AddKpiBackplane();
        builder.AddIocSimulator();
        return builder;
    }

    /// <summary>
    /// After a start that moved or merged a unit under another parent, every rollup of its old and new
    /// ancestors is wrong: recompute them all from the event store before serving, so that nobody has
    /// to remember a manual rebuild. Ingest waits meanwhile (the rebuild holds the writer).
    /// </summary>
    public static async Task RecomputeAfterTreeChangeAsync(this IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        if (!services.GetRequiredService<Data.CatalogHolder>().TreeChanged)
        {
            return;
        }
        logger.LogWarning("The unit tree changed (a unit moved or merged): recomputing every rollup from the event store before serving");
        var report = await services.GetRequiredService<RollupRebuilder>().RunAsync(replace: true, ct);
        services.GetRequiredService<Data.CatalogHolder>().TreeChanged = false;
        logger.LogWarning("Rollups recomputed: {Events} events in {Elapsed}; replaced: {Replaced}; replay errors: {Errors}",
            report.Events, report.Elapsed, report.Replaced, report.ReplayErrors);
    }

    public static WebApplication MapIocAggregation(this WebApplication app)
    {
        app.MapIngestEndpoints();
        app.MapHub<KpiHub>(KpiHubContract.Path);
        return app;
    }
}

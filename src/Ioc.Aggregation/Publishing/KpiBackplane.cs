using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ioc.Aggregation.Publishing;

/// <summary>The KPI hub's Redis backplane (<c>Redis</c> section).</summary>
public sealed class BackplaneOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>127.0.0.1:6379,password=…</c>). Empty: no backplane,
    /// the hub reaches only the clients connected to this process.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of the backplane's Redis channels, so that two IOC installations can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "ioc";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>
/// With <see cref="BackplaneOptions.Configuration"/> set, every message the KPI hub sends to a group or to
/// all goes through Redis, so that a client connected to any process hosting the hub receives what any of
/// them publishes. Only the KPI hub: Blazor circuits talk to the one node that holds them (sticky sessions
/// at the load balancer) and would only pay for a Redis subscription per page.
/// </summary>
public static class KpiBackplane
{
    public static IHostApplicationBuilder AddKpiBackplane(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BackplaneOptions.Section).Get<BackplaneOptions>() ?? new BackplaneOptions();
        builder.Services.AddOptions<BackplaneOptions>().BindConfiguration(BackplaneOptions.Section);
        if (!options.IsConfigured)
        {
            return builder;
        }
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        // Start and keep serving while Redis is down: the multiplexer reconnects on its own, /health says so.
        configuration.AbortOnConnectFail = false;
        configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        // One multiplexer per process, for the hub and for whoever checks Redis' health.
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddOptions<RedisOptions>().Configure<IServiceProvider>((o, services) =>
        {
            o.Configuration = configuration;
            o.ConnectionFactory = _ => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
        });
        builder.Services.AddSingleton<HubLifetimeManager<KpiHub>, RedisHubLifetimeManager<KpiHub>>();
        return builder;
    }
}

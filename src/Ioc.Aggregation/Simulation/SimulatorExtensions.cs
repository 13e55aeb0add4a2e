using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ioc.Aggregation.Simulation;

public static class SimulatorExtensions
{
    /// <summary>The demo feed, when <c>Simulator:Enabled</c> is true: a source like any other, posting through the ingest API.</summary>
    public static IHostApplicationBuilder AddIocSimulator(this IHostApplicationBuilder builder)
    {
        var options = builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations();
        if (builder.Configuration.GetValue<bool>($"{SimulatorOptions.Section}:{nameof(SimulatorOptions.Enabled)}"))
        {
            options.ValidateOnStart();
            builder.Services.AddHostedService<DemoFeed>();
        }
        return builder;
    }
}

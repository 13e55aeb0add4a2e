using System.Reflection;
using Ioc.Testing;
using Microsoft.Extensions.Configuration;

namespace Ioc.Web.Tests;

/// <summary>appsettings.sample.json documents every setting: each settable property of each options class appears in it and binds.</summary>
public sealed class SampleSettingsTests
{
    public static TheoryData<Type, string> Options() => new()
    {
        { typeof(Ioc.Data.DatabaseOptions), Ioc.Data.DatabaseOptions.Section },
        { typeof(Ioc.Data.ReferenceDataOptions), Ioc.Data.ReferenceDataOptions.Section },
        { typeof(Ioc.Aggregation.Ingest.IngestLimits), Ioc.Aggregation.Ingest.IngestLimits.Section },
        { typeof(Ioc.Aggregation.Publishing.KpiOptions), Ioc.Aggregation.Publishing.KpiOptions.Section },
        { typeof(Ioc.Aggregation.Publishing.BackplaneOptions), Ioc.Aggregation.Publishing.BackplaneOptions.Section },
        { typeof(Ioc.Aggregation.Simulation.SimulatorOptions), Ioc.Aggregation.Simulation.SimulatorOptions.Section },
        { typeof(Ioc.Web.Features.Account.DemoOptions), Ioc.Web.Features.Account.DemoOptions.Section },
        { typeof(Ioc.Web.Features.Account.SecurityOptions), Ioc.Web.Features.Account.SecurityOptions.Section },
        { typeof(Ioc.Web.Features.Account.KeyRingOptions), Ioc.Web.Features.Account.KeyRingOptions.Section },
        { typeof(Ioc.Web.Components.Shared.KpiThresholds), Ioc.Web.Components.Shared.KpiThresholds.Section },
        { typeof(Ioc.Web.Features.Wall.WallOptions), Ioc.Web.Features.Wall.WallOptions.Section },
        { typeof(Ioc.Web.Live.PageConnectionOptions), Ioc.Web.Live.PageConnectionOptions.Section },
        { typeof(Ioc.Aggregation.Hotline.HotlineOptions), Ioc.Aggregation.Hotline.HotlineOptions.Section },
        { typeof(Ioc.Aggregation.Alerts.AlertOptions), Ioc.Aggregation.Alerts.AlertOptions.Section },
        { typeof(Ioc.Domain.Alerts.AlertRule), Ioc.Aggregation.Alerts.AlertOptions.Section + ":Rules:0" },
        { typeof(Ioc.Aggregation.Telemetry.TelemetryOptions), Ioc.Aggregation.Telemetry.TelemetryOptions.Section },
    };

    private static IConfiguration Sample() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(TestPaths.RepositoryRoot, "appsettings.sample.json"), optional: false)
        .Build();

    [Theory]
    [MemberData(nameof(Options))]
    public void Sample_DocumentsEverySettingOf(Type options, string section)
    {
        var config = Sample();
        var missing = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Where(p => !config.GetSection($"{section}:{p.Name}").Exists())
            .Select(p => p.Name)
            .ToList();
        Assert.True(missing.Count == 0, $"{section}: not in appsettings.sample.json: {string.Join(", ", missing)}");
        Assert.NotNull(config.GetSection(section).Get(options));
    }
}

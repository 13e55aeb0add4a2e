using Ioc.Aggregation.Simulation;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Indices;

/// <summary>
/// Gives the demo province its index results once, through the same import a province uses:
/// Quảng Ninh's published national ranks and scores, and departments' and communes' results marked
/// as demo in their source (data/SOURCES.md). Never on a province's own reference data.
/// </summary>
public static class AnnualIndexDemo
{
    /// <summary>The file's name in the demo's data folder (<c>Simulator:DemoDataDirectory</c>, <c>data/demo</c> by default).</summary>
    public const string FileName = "annual-indices.csv";

    /// <summary>The file in the repository, for tests.</summary>
    public const string File = "data/demo/" + FileName;

    public static async Task SeedIfDemoAsync(this IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<AnnualIndexStore>();
        if (!DemoData.IsDemoReference(DataExtensions.ReferenceDirectory(services)) || await store.AnyAsync(ct))
        {
            return;
        }
        var units = services.GetRequiredService<ReferenceCatalog>().Units;
        if (units.IsNational)
        {
            // The national demo (national init --demo) has the country's tree; the demo's results are Quảng Ninh's units'.
            logger.LogInformation("No demo index results on a national deployment: {File} holds the demo province's units", File);
            return;
        }
        // From the folder the simulator takes its demo texts from: a published server runs outside the repository.
        var file = Path.Combine(DataPaths.Resolve(services.GetRequiredService<IOptions<SimulatorOptions>>().Value.DemoDataDirectory), FileName);
        var read = AnnualIndexImport.Read(file, units, services.GetRequiredService<ProvinceClock>().Today.Year);
        if (read.Problems.Count > 0)
        {
            logger.LogError("The demo's index results were not loaded: {Problems}", string.Join("; ", read.Problems));
            return;
        }
        var result = await store.ReplaceAsync(read.Rows, ct);
        logger.LogInformation("Demo index results loaded: {Count} results from {File}", result.Written, file);
    }
}

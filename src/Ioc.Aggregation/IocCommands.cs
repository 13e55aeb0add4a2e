using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation;

/// <summary>
/// Maintenance commands that run instead of the web server: <c>rebuild [--check]</c> and
/// <c>backfill &lt;file.csv&gt; [--source name]</c>. They open the same database with the same settings.
/// </summary>
public static class IocCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "rebuild" or "backfill";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await services.InitializeIocDatabaseAsync(ct);
        switch (args[0])
        {
            case "rebuild":
            {
                var check = args.Contains("--check");
                var report = await services.GetRequiredService<RollupRebuilder>().RunAsync(replace: !check, ct);
                output.WriteLine($"Replayed {report.Events:N0} events: {report.Dossiers:N0} dossiers, {report.Tickets:N0} tickets in {report.Elapsed.TotalSeconds:F1} s.");
                output.WriteLine($"Rollup rows that differed: {report.RollupDifferences:N0}; states that differed: {report.StateDifferences:N0}; replay errors: {report.ReplayErrors:N0}.");
                output.WriteLine(report.Agrees ? "Incremental rollups agree with the event store." : "DIFFERENCES FOUND.");
                if (report.Replaced)
                {
                    output.WriteLine("Rollups were replaced by the recomputed ones.");
                }
                return report.Agrees ? 0 : 2;
            }
            case "backfill":
            {
                if (args.Length < 2 || !File.Exists(args[1]))
                {
                    output.WriteLine("Usage: backfill <file.csv> [--source name]  (the file must exist)");
                    return 64;
                }
                var sourceIndex = Array.IndexOf(args, "--source");
                var source = sourceIndex > 0 && sourceIndex + 1 < args.Length ? args[sourceIndex + 1] : "backfill:" + Path.GetFileName(args[1]);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var outcome = await services.GetRequiredService<CsvBackfill>().LoadAsync(args[1], source, ct);
                if (!outcome.Succeeded)
                {
                    output.WriteLine($"Backfill refused; nothing was stored. {outcome.Errors.Count} problem(s):");
                    foreach (var e in outcome.Errors)
                    {
                        output.WriteLine($"  line {e.Index}: {e.Code}: {e.Message}");
                    }
                    return 1;
                }
                output.WriteLine($"Stored {outcome.Result!.Accepted:N0} events ({outcome.Result.Duplicates:N0} already present) in {clock.Elapsed.TotalSeconds:F1} s.");
                return 0;
            }
            default:
                return 64;
        }
    }
}

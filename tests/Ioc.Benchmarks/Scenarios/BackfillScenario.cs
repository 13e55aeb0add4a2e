using System.Diagnostics;
using Ioc.Benchmarks.Harness;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// A province-year of events from CSV into an empty database through the <c>backfill</c> command
/// (the same code <c>dotnet Ioc.Web.dll backfill file.csv</c> runs: CSV reader, the ingest pipeline's
/// validation and writes, one transaction for the whole file), with <c>Database:Synchronous</c> at
/// its default. Compared with the ingest figure of the same run.
/// </summary>
public sealed class BackfillScenario : IScenario
{
    /// <summary>A province-year of the issue: 3 M dossiers ≈ 12 M events in at most five minutes.</summary>
    private const double TargetSeconds = 300;
    private const double YearEvents = 12_000_000;

    public string Name => "backfill";

    public async Task RunAsync(BenchContext context)
    {
        var year = context.Data.Year();
        var seconds = new List<double>();
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var folder = context.NewWorkFolder("backfill");
            try
            {
                await using var host = await DataHost.OpenAsync(Path.Combine(folder, "ioc.db"));
                var output = new StringWriter();
                var clock = Stopwatch.StartNew();
                var exit = await host.RunCommandAsync(["backfill", year.Path, "--source", "backfill-bench"], output);
                var elapsed = clock.Elapsed.TotalSeconds;
                if (exit != 0 || !output.ToString().Contains($"Stored {year.Events:N0} events", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"backfill exited with {exit}: {output.ToString().Trim()}");
                }
                seconds.Add(elapsed);
                Log.Info($"backfill run {run}: {year.Events:N0} events in {elapsed:F1} s ({year.Events / elapsed:N0} events/s); {output.ToString().Trim()}");
            }
            finally
            {
                BenchContext.DeleteFolder(folder);
            }
        }

        var spread = Spread.Of(seconds);
        var rate = year.Events / spread.Median;
        var full = !context.Options.Quick && context.Options.Scale is null;
        // At quick sizes the file is a fraction of a year: judge the rate a year would need.
        var met = full ? spread.Median <= TargetSeconds : rate >= YearEvents / TargetSeconds;
        var ingest = context.IngestRate;
        context.Results.Add(new ResultRow
        {
            Scenario = "backfill",
            Figure = $"CSV of {year.Dossiers:N0} dossiers / {year.Tickets:N0} tickets ({year.Events:N0} events) into an empty database ({rate:N0} events/s)",
            Value = spread,
            Unit = "s",
            Target = full ? "≤ 300 s" : $"≤ 300 s per 12 M events (≥ {YearEvents / TargetSeconds:N0} events/s)",
            Verdict = met ? Verdict.Met : Verdict.Missed,
            Compared = ingest is null ? "ingest not run (use --only ingest,backfill)" : $"ingest: {ResultTable.Number(ingest.Median)} events/s → {ResultTable.Number(year.Events / ingest.Median)} s for this file",
            Ratio = ingest is null ? "—" : ResultTable.Ratio(rate, ingest.Median, "ingest rate"),
        });
        context.Results.Note("backfill",
            $"The simulated year {Data.DataSets.YearFirst.Year} (lifecycles reaching into the next year), generated in {year.GenerateSeconds:F0} s and kept as {Path.GetFileName(year.Path)}; " +
            "the time covers the `backfill` command from start to exit (CSV parsing, validation, event store, states, rollups, one commit).");
    }
}

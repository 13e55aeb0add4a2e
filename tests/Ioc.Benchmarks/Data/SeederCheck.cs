using System.Diagnostics;
using System.Text;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;

namespace Ioc.Benchmarks.Data;

/// <summary>
/// Proves the bulk seeder equivalent to ingest on a sample of about 10,000 dossiers: the same
/// simulated days go once through the ingest pipeline (batches of 1,000 in time order) and once
/// through <see cref="BulkSeeder"/>; every state row, every non-zero rollup row and the indicators
/// of every unit over several windows must be equal.
/// </summary>
public static class SeederCheck
{
    public static async Task<string> RunAsync(BenchContext context)
    {
        var clock = Stopwatch.StartNew();
        var now = context.Now;
        var today = ProvinceTime.LocalDate(now);
        // Recent days, so that some dossiers and tickets are still open "now", as in the big database.
        var first = today.AddDays(-20);
        var last = today.AddDays(-9);
        var folder = context.NewWorkFolder("seedcheck");
        try
        {
            await using var ingested = await DataHost.OpenAsync(Path.Combine(folder, "ingest.db"), "Normal", now);
            await using var seeded = await DataHost.OpenAsync(Path.Combine(folder, "seeded.db"), "Normal", now);

            var province = new SimulatedProvince(ingested.Catalog, ingested.Calendar, context.Texts, 900, 60, now, seed: 7);
            var batch = new List<IngestEvent>(1_000);
            long events = 0;
            foreach (var e in province.TimeOrdered(first, last))
            {
                batch.Add(e);
                if (batch.Count == 1_000)
                {
                    await IngestAsync(ingested, batch);
                    events += batch.Count;
                    batch.Clear();
                }
            }
            await IngestAsync(ingested, batch);
            events += batch.Count;

            var seedProvince = new SimulatedProvince(seeded.Catalog, seeded.Calendar, context.Texts, 900, 60, now, seed: 7);
            SeedReport report;
            using (var connection = seeded.Database.Open())
            {
                report = new BulkSeeder(seeded.Catalog, seeded.Calendar, now).Seed(connection, seedProvince.Days(first, last));
            }
            if (report.Events != events)
            {
                throw new InvalidOperationException($"Seeder check: ingest stored {events:N0} events, the seeder replayed {report.Events:N0}.");
            }

            var differences = new List<string>();
            var compared = 0;
            using (var a = ingested.Database.Open())
            using (var b = seeded.Database.Open())
            {
                foreach (var sql in new[]
                {
                    $"{StateStore.DossierSelect} ORDER BY Code",
                    $"{StateStore.TicketSelect} ORDER BY Code",
                    RollupTable.Dossiers.NonZeroSelect(RollupTable.Dossiers.Name) + " ORDER BY 1, 2, 3, 4",
                    RollupTable.Tickets.NonZeroSelect(RollupTable.Tickets.Name) + " ORDER BY 1, 2, 3, 4, 5",
                    "SELECT UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count FROM TicketAnswerTimes WHERE Count <> 0 ORDER BY 1, 2, 3, 4, 5, 6",
                    $"SELECT {DocumentStore.SelectColumns} FROM Documents ORDER BY Code",
                    RollupTable.Documents.NonZeroSelect(RollupTable.Documents.Name) + " ORDER BY 1, 2, 3",
                })
                {
                    var rowsA = Rows(a, sql);
                    var rowsB = Rows(b, sql);
                    compared += rowsA.Count;
                    if (!rowsA.SequenceEqual(rowsB))
                    {
                        var firstDiff = rowsA.Zip(rowsB).FirstOrDefault(p => p.First != p.Second);
                        differences.Add($"{sql[..Math.Min(60, sql.Length)]}…: {rowsA.Count} vs {rowsB.Count} rows; first difference: {firstDiff.First} | {firstDiff.Second}");
                    }
                }
            }

            var units = ingested.Catalog.Units.All.Select(u => u.Id).Order().ToList();
            var windows = new List<DayRange>
            {
                new(first, last), new(first.AddDays(-30), today), new(today.AddDays(-3), today),
                KpiWindows.Resolve(KpiWindow.Month, today), KpiWindows.Resolve(KpiWindow.Year, today), new(first.AddDays(5), first.AddDays(5)),
            };
            foreach (var window in windows)
            {
                var x = await ingested.Indicators.GetManyAsync(units, window);
                var y = await seeded.Indicators.GetManyAsync(units, window);
                compared += x.Count;
                for (var i = 0; i < x.Count; i++)
                {
                    if (x[i] != y[i])
                    {
                        differences.Add($"indicators of unit {x[i].UnitId} over {window}: {x[i]} vs {y[i]}");
                        break;
                    }
                }
            }
            if (differences.Count > 0)
            {
                throw new InvalidOperationException("The bulk seeder does not match ingest:\n  " + string.Join("\n  ", differences));
            }
            var verdict = $"seeder = ingest on {report.Dossiers:N0} dossiers, {report.Tickets:N0} tickets and {report.Documents:N0} documents ({events:N0} events): {compared:N0} state, rollup and indicator rows equal";
            Log.Info($"Seeder check passed in {clock.Elapsed.TotalSeconds:F0} s: {verdict}");
            return verdict;
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    private static async Task IngestAsync(DataHost host, List<IngestEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var outcome = await host.Pipeline.IngestAsync("sim", batch);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Seeder check: ingest refused simulated events: {string.Join("; ", outcome.Errors.Take(3).Select(e => $"{e.EventId}: {e.Message}"))}");
        }
    }

    private static List<string> Rows(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        var sb = new StringBuilder();
        while (r.Read())
        {
            sb.Clear();
            for (var i = 0; i < r.FieldCount; i++)
            {
                sb.Append(r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }
            rows.Add(sb.ToString());
        }
        return rows;
    }
}

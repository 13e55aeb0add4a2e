using System.Diagnostics;
using System.Text.Json;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;

namespace Ioc.Benchmarks.Data;

/// <summary>A generated CSV of one simulated province-year.</summary>
public sealed record YearFile(string Path, long Events, long Dossiers, long Tickets, double GenerateSeconds);

/// <summary>A database seeded with five years of dossiers, tickets and rollups.</summary>
public sealed record SeededDatabase(string Path, long Dossiers, long Tickets, DateOnly First, DateOnly Last, double SeedSeconds, string Check);

/// <summary>
/// Generated data, kept in the data folder under names that say their size, and reused by later
/// runs (a manifest beside each file is written last, so a half-written file is never reused).
/// </summary>
public sealed class DataSets(BenchContext context)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private YearFile? _year;
    private SeededDatabase? _seeded;

    /// <summary>The year of the backfill: complete lifecycles, all in the past.</summary>
    public static readonly DateOnly YearFirst = new(2025, 1, 1);
    public static readonly DateOnly YearLast = new(2025, 12, 31);

    /// <summary>The five years of the query database, up to yesterday.</summary>
    public static readonly DateOnly SeedFirst = new(2022, 1, 1);

    private BenchSizes Sizes => context.Sizes;

    private string Root => context.Options.DataDirectory;

    public YearFile Year()
    {
        if (_year is not null)
        {
            return _year;
        }
        var path = System.IO.Path.Combine(Root, $"year-{YearFirst.Year}-d{Sizes.YearDossiersPerDay}-t{Sizes.YearTicketsPerDay}-k{Sizes.YearDocumentsPerDay}.csv");
        if (TryLoad<YearFile>(path) is { } existing)
        {
            Log.Info($"Reusing {path}: {existing.Events:N0} events, {existing.Dossiers:N0} dossiers, {existing.Tickets:N0} tickets");
            return _year = existing;
        }
        Log.Info($"Generating a province-year ({Sizes.YearDossiersPerDay:N0} dossiers, {Sizes.YearTicketsPerDay:N0} tickets and {Sizes.YearDocumentsPerDay:N0} documents per ordinary weekday) into {path}");
        var clock = Stopwatch.StartNew();
        var province = new SimulatedProvince(context.Reference.Catalog, context.Reference.Calendar, context.Texts,
            Sizes.YearDossiersPerDay, Sizes.YearTicketsPerDay, context.Now, documentsPerDay: Sizes.YearDocumentsPerDay);
        long dossiers = 0, tickets = 0;
        var partial = path + ".partial";
        using (var writer = new CsvEventWriter(partial))
        {
            foreach (var e in province.TimeOrdered(YearFirst, YearLast))
            {
                writer.Write(e);
                if (e.Type == EventTypes.DossierReceived)
                {
                    dossiers++;
                }
                else if (e.Type == EventTypes.TicketCreated)
                {
                    tickets++;
                }
                if (writer.Rows % 1_000_000 == 0)
                {
                    Log.Info($"  {writer.Rows:N0} events written ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
            _year = new YearFile(path, writer.Rows, dossiers, tickets, clock.Elapsed.TotalSeconds);
        }
        File.Move(partial, path, overwrite: true);
        Save(path, _year);
        Log.Info($"Generated {_year.Events:N0} events ({dossiers:N0} dossiers, {tickets:N0} tickets) in {clock.Elapsed.TotalSeconds:F0} s");
        return _year;
    }

    public async Task<SeededDatabase> SeededAsync()
    {
        if (_seeded is not null)
        {
            return _seeded;
        }
        var path = System.IO.Path.Combine(Root, $"seed-5y-d{Sizes.SeedDossiersPerDay}-t{Sizes.SeedTicketsPerDay}-k{Sizes.SeedDocumentsPerDay}.db");
        if (TryLoad<SeededDatabase>(path) is { } existing && File.Exists(path))
        {
            // "Now" moved on since the file was made: dossiers still open then are simply older now, as in production.
            Log.Info($"Reusing {path}: {existing.Dossiers:N0} dossiers, {existing.Tickets:N0} tickets ({existing.First:yyyy-MM-dd} to {existing.Last:yyyy-MM-dd})");
            return _seeded = existing;
        }
        var check = await SeederCheck.RunAsync(context);
        foreach (var stale in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(stale);
        }
        var last = Ioc.Domain.Time.ProvinceTime.LocalDate(context.Now).AddDays(-1);
        Log.Info($"Seeding {SeedFirst:yyyy-MM-dd} to {last:yyyy-MM-dd} at {Sizes.SeedDossiersPerDay:N0} dossiers, {Sizes.SeedTicketsPerDay:N0} tickets and {Sizes.SeedDocumentsPerDay:N0} documents per ordinary weekday into {path}");
        SeedReport report;
        await using (var host = await DataHost.OpenAsync(path))
        {
            var province = new SimulatedProvince(host.Catalog, host.Calendar, context.Texts, Sizes.SeedDossiersPerDay, Sizes.SeedTicketsPerDay, context.Now, documentsPerDay: Sizes.SeedDocumentsPerDay);
            using var connection = host.Database.Open();
            report = new BulkSeeder(host.Catalog, host.Calendar, context.Now).Seed(connection, province.Days(SeedFirst, last), m => Log.Info("  " + m));
        }
        _seeded = new SeededDatabase(path, report.Dossiers, report.Tickets, SeedFirst, last, report.Elapsed.TotalSeconds, check);
        Save(path, _seeded);
        Log.Info($"Seeded {report.Dossiers:N0} dossiers ({report.DossierEvents:N0} events), {report.Tickets:N0} tickets and {report.Documents:N0} documents in {report.Elapsed.TotalSeconds:F0} s");
        return _seeded;
    }

    private static T? TryLoad<T>(string path) where T : class
    {
        var manifest = path + ".manifest.json";
        if (!File.Exists(manifest) || !File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(manifest));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Save<T>(string path, T manifest) => File.WriteAllText(path + ".manifest.json", JsonSerializer.Serialize(manifest, Json));
}

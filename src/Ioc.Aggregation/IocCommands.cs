using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Indices;
using Ioc.Aggregation.Rebuild;
using Ioc.Aggregation.Reference;
using Ioc.Data;
using Ioc.Data.Reference;
using Ioc.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation;

/// <summary>
/// Maintenance commands that run instead of the web server: <c>rebuild [--check]</c>,
/// <c>backfill &lt;file.csv&gt; [--source name]</c>, <c>backup &lt;file&gt; [--force]</c> and
/// <c>reference validate &lt;dir&gt;</c> and <c>indices import &lt;file&gt; [--into &lt;db&gt;]</c>. Each says which database it uses before it does anything;
/// those that write refuse a database that a running server holds.
/// </summary>
public static class IocCommands
{
    /// <summary>Exit code when a server holds the database (EX_TEMPFAIL: try again once it is stopped).</summary>
    public const int DatabaseBusy = 75;

    /// <summary>Exit code for a wrong command line (EX_USAGE).</summary>
    public const int Usage = 64;

    public static bool IsCommand(CommandLine line) => line.Name is "rebuild" or "backfill" or "backup" or "indices";

    public static bool IsCommand(string[] args) => IsCommand(CommandLine.Parse(args));

    public static Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken ct = default) =>
        RunAsync(CommandLine.Parse(args), services, output, ct);

    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        var known = line.Name switch
        {
            "rebuild" => new[] { "--check" },
            "backup" => ["--force"],
            "indices" => ["--into"],
            _ => ["--source"],
        };
        if (line.UnknownOptions(known) is { Count: > 0 } unknown)
        {
            output.WriteLine($"Unknown option(s) for {line.Name}: {string.Join(' ', unknown)}. Settings are given as --Section:Key=value.");
            return Usage;
        }
        if (line.Name == "backup")
        {
            // Reads only, beside a running server: it must not wait for (or lock out) the server.
            return BackupCommand.Run(line, services, output);
        }
        using var lease = TakeDatabase(services, output);
        if (lease is null)
        {
            return DatabaseBusy;
        }
        return line.Name switch
        {
            "rebuild" => await RebuildAsync(line.Flag("--check"), services, output, ct),
            "indices" => await AnnualIndexCommand.RunAsync(line, services, output, ct),
            _ => await BackfillAsync(line, services, output, ct),
        };
    }

    /// <summary>
    /// The settings the host is built with: the command line's own, and for <c>indices import … --into X</c>
    /// the database X (a file, or a directory holding <c>ioc.db</c>), so that the import names its target
    /// like the other import commands do.
    /// </summary>
    public static string[] HostConfiguration(CommandLine line) =>
        line.Name == "indices" && line.Option("--into") is { } into
            ? [.. line.Configuration, $"--{DatabaseOptions.Section}:{nameof(DatabaseOptions.Path)}={AnnualIndexCommand.DatabasePath(into)}"]
            : line.Configuration;

    /// <summary>Commands that need no database (reference validate, province, national, procedures import, units import); null for any other.</summary>
    public static int? RunWithoutDatabase(CommandLine line, TextWriter output) => line.Name switch
    {
        "reference" => ValidateReference(line, output),
        "province" => Province(line, output),
        "national" => National(line, output),
        "procedures" => ImportProcedures(line, output),
        "units" => ImportUnits(line, output),
        _ => null,
    };

    /// <summary>
    /// Prints the database and reference directory in use and takes the database alone; null (and
    /// why, printed) while a server holds it. On PostgreSQL there is no file to take: the server orders
    /// a command's writes among the running servers' (row locks, the ingest store's advisory lock).
    /// </summary>
    public static IDisposable? TakeDatabase(IServiceProvider services, TextWriter output)
    {
        output.WriteLine($"Database: {services.DescribeDatabase()}");
        output.WriteLine($"Reference data: {DataExtensions.ReferenceDirectory(services)}");
        if (services.UsesPostgreSql())
        {
            return NothingHeld.Instance;
        }
        var database = services.GetRequiredService<SqliteDatabase>().FilePath;
        var lease = DatabaseLease.TryTakeAlone(database);
        if (lease is null)
        {
            output.WriteLine($"Refused: a running IOC server holds this database (it keeps {DatabaseLease.LockPath(database)} locked). Stop the server first; nothing was changed.");
        }
        return lease;
    }

    /// <summary>What a command holds on PostgreSQL while it runs: nothing to release.</summary>
    private sealed class NothingHeld : IDisposable
    {
        public static readonly NothingHeld Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// <c>province init &lt;code&gt; --out &lt;dir&gt; [--root-code CODE]</c>: a valid reference directory for one of
    /// the 34 provinces from the national list; <c>province list</c>: their codes.
    /// </summary>
    public static int Province(CommandLine line, TextWriter output)
    {
        var national = DataPaths.Resolve(ProvinceInit.NationalList);
        if (line.Words is [_, "list"])
        {
            foreach (var (code, name, communes) in ProvinceInit.Provinces(national))
            {
                output.WriteLine($"{code}  {name} ({communes} xã, phường, đặc khu)");
            }
            return 0;
        }
        var unknown = line.UnknownOptions("--out", "--root-code");
        var words = line.Positional("--out", "--root-code");
        if (words.Count != 3 || words[1] != "init" || line.Option("--out") is not { } outDir || unknown.Count > 0)
        {
            output.WriteLine("Usage: province init <province code, e.g. 40> --out <new directory> [--root-code CODE]   |   province list");
            return Usage;
        }
        var directory = DataPaths.Resolve(outDir);
        try
        {
            var result = ProvinceInit.Write(national, words[2], directory, DataPaths.Resolve("data/reference"), line.Option("--root-code"), DataPaths.Resolve(ProvinceInit.CommuneShapesDirectory));
            output.WriteLine($"Wrote {result.Directory} for {result.ProvinceName}: the province, {result.Departments} departments and {result.Agencies} agency to check and complete,");
            output.WriteLine($"{result.Communes} xã, {result.Wards} phường and {result.SpecialZones} đặc khu from the national list of 01/07/2025.");
            output.WriteLine(result.CommuneShapes > 0
                ? $"{result.CommuneShapes} commune boundaries in {CommuneShapes.File} for the map (data/SOURCES.md)."
                : $"IOC ships no commune boundaries for this province: add your own {CommuneShapes.File} for the map (docs/reference-data.md).");
            output.WriteLine("Next: add your procedures and hotline categories (docs/reference-data.md), run 'reference validate' on the directory,");
            output.WriteLine($"then start with --ReferenceData:Directory={result.Directory} and a new --Database:Path.");
        }
        catch (ArgumentException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }
        return ValidateWritten(directory, output);
    }

    /// <summary>Validates a directory an init command wrote: 0 when valid, else 1 with its problems printed.</summary>
    private static int ValidateWritten(string directory, TextWriter output)
    {
        var problems = ReferenceValidator.Validate(directory);
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>national init --out &lt;dir&gt; [--demo]</c>: a valid reference directory whose root is the country and
    /// whose children are the 34 provinces of the national list; <c>--demo</c> makes it demo data for the simulator.
    /// </summary>
    public static int National(CommandLine line, TextWriter output)
    {
        var words = line.Positional("--out");
        if (words is not [_, "init"] || line.Option("--out") is not { } outDir || line.UnknownOptions("--out", "--demo").Count > 0)
        {
            output.WriteLine("Usage: national init --out <new directory> [--demo]");
            return Usage;
        }
        var directory = DataPaths.Resolve(outDir);
        try
        {
            var result = NationalInit.Write(DataPaths.Resolve(ProvinceInit.NationalList), directory, DataPaths.Resolve("data/reference"),
                line.Flag("--demo") ? DataPaths.Resolve("data/reference") : null);
            output.WriteLine($"Wrote {result.Directory}: Việt Nam ({NationalInit.CountryCode}), {result.Provinces} provinces, {result.Departments} provincial bodies to check and {result.Communes} xã, phường, đặc khu from the national list of 01/07/2025.");
            output.WriteLine(result.Procedures > 0
                ? $"Demo data: {result.Procedures} commune-level procedures and {result.Categories} hotline categories of the demo province; start with --Simulator:National=true for a national feed."
                : "Next: add the procedures and hotline categories (docs/reference-data.md), run 'reference validate' on the directory,");
            output.WriteLine($"then start with --ReferenceData:Directory={result.Directory} and a new --Database:Path.");
        }
        catch (ArgumentException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }
        return ValidateWritten(directory, output);
    }

    /// <summary>
    /// <c>procedures import &lt;file.xlsx|csv&gt; --into &lt;dir&gt;</c>: complete rows into the directory's
    /// procedures.json, the others into a worksheet to complete and import again.
    /// </summary>
    public static int ImportProcedures(CommandLine line, TextWriter output)
    {
        var words = line.Positional("--into");
        if (words.Count != 3 || words[1] != "import" || line.Option("--into") is not { } into || line.UnknownOptions("--into").Count > 0)
        {
            output.WriteLine("Usage: procedures import <national list export .xlsx, or .csv/.xlsx with the documented columns> --into <reference directory>");
            return Usage;
        }
        var file = DataPaths.Resolve(words[2]);
        var directory = DataPaths.Resolve(into);
        if (!File.Exists(file) || !Directory.Exists(directory))
        {
            output.WriteLine($"{(File.Exists(file) ? directory : file)} does not exist.");
            return 1;
        }
        output.WriteLine($"Reference data: {directory}");
        ProcedureImportResult result;
        try
        {
            result = ProcedureImport.Apply(directory, ProcedureImport.Read(file));
        }
        catch (InvalidDataException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }
        output.WriteLine($"{result.Written} procedure(s) written to {ReferenceFiles.ProceduresFile}; {result.OtherLevels} row(s) of other levels (ministries) left out.");
        if (result.ToComplete.Count > 0)
        {
            output.WriteLine($"{result.ToComplete.Count} procedure(s) to complete in {result.Worksheet} (then import that file again):");
            foreach (var (row, field, message) in result.ToComplete.Take(20))
            {
                output.WriteLine($"{Path.GetFileName(file)}: line {row.Line}: {row.Code}: {field}: {message}");
            }
            if (result.ToComplete.Count > 20)
            {
                output.WriteLine($"… and {result.ToComplete.Count - 20} more, all in {ProcedureImport.Worksheet}.");
            }
        }
        return 0;
    }

    /// <summary>
    /// <c>units import &lt;file.csv|xlsx&gt; --into &lt;dir&gt;</c>: departments and agencies (or any units)
    /// into the directory's units.json, all rows or none, and only if the directory stays valid.
    /// </summary>
    public static int ImportUnits(CommandLine line, TextWriter output)
    {
        var words = line.Positional("--into");
        if (words.Count != 3 || words[1] != "import" || line.Option("--into") is not { } into || line.UnknownOptions("--into").Count > 0)
        {
            output.WriteLine($"Usage: units import <.csv or .xlsx with the columns {string.Join(',', UnitImport.Columns)}> --into <reference directory>");
            return Usage;
        }
        var file = DataPaths.Resolve(words[2]);
        var directory = DataPaths.Resolve(into);
        if (!File.Exists(file) || !File.Exists(Path.Combine(directory, ReferenceFiles.UnitsFile)))
        {
            output.WriteLine($"{(File.Exists(file) ? Path.Combine(directory, ReferenceFiles.UnitsFile) : file)} does not exist.");
            return 1;
        }
        output.WriteLine($"Reference data: {directory}");
        var result = UnitImport.Apply(directory, file);
        foreach (var problem in result.Problems)
        {
            output.WriteLine(problem);
        }
        if (result.Problems.Count > 0)
        {
            output.WriteLine($"{result.Problems.Count} problem(s); {ReferenceFiles.UnitsFile} was not changed.");
            return 1;
        }
        output.WriteLine($"{result.Added} unit(s) added and {result.Updated} updated in {ReferenceFiles.UnitsFile}.");
        return 0;
    }

    /// <summary><c>reference validate &lt;dir&gt;</c>: every problem of a reference directory, without touching any database.</summary>
    public static int ValidateReference(CommandLine line, TextWriter output)
    {
        if (line.Words.Count != 3 || line.Words[1] != "validate")
        {
            output.WriteLine("Usage: reference validate <directory>");
            return Usage;
        }
        var directory = DataPaths.Resolve(line.Words[2]);
        output.WriteLine($"Reference data: {directory}");
        var (problems, warnings) = ReferenceValidator.Check(directory);
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
        // Warnings do not stop a start; they are listed so that nothing is left out silently.
        foreach (var warning in warnings)
        {
            output.WriteLine($"warning: {warning}");
        }
        output.WriteLine(problems.Count == 0 ? "No problems found." : $"{problems.Count} problem(s); a server would refuse to start with this directory.");
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> RebuildAsync(bool check, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        // A check reads the database as it is: it neither migrates it nor writes reference data into it.
        if (check && !await services.OpenIocDatabaseAsIsAsync(output, ct))
        {
            return 1;
        }
        if (!check)
        {
            await services.InitializeIocDatabaseAsync(ct);
        }
        var report = await services.GetRequiredService<RollupRebuilder>().RunAsync(replace: !check, ct);
        output.WriteLine($"Replayed {report.Events:N0} events: {report.Dossiers:N0} dossiers, {report.Tickets:N0} tickets, {report.Documents:N0} documents in {report.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine($"Rollup rows that differed: {report.RollupDifferences:N0}; states that differed: {report.StateDifferences:N0}; replay errors: {report.ReplayErrors:N0}.");
        output.WriteLine(report.Agrees ? "Incremental rollups agree with the event store." : "DIFFERENCES FOUND.");
        if (report.Replaced)
        {
            output.WriteLine("Rollups were replaced by the recomputed ones.");
        }
        else if (!check && report.ReplayErrors > 0)
        {
            output.WriteLine("Rollups were NOT replaced: some stored events no longer replay (see the log), and recomputed rollups would lose them.");
        }
        return report.Agrees ? 0 : 2;
    }

    private static async Task<int> BackfillAsync(CommandLine line, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var file = line.Words.Skip(1).FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal) && w != line.Option("--source"));
        if (file is null || !File.Exists(file))
        {
            output.WriteLine("Usage: backfill <file.csv> [--source name]  (the file must exist)");
            return Usage;
        }
        await services.InitializeIocDatabaseAsync(ct);
        var source = line.Option("--source") ?? "backfill:" + Path.GetFileName(file);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await services.GetRequiredService<CsvBackfill>().LoadAsync(file, source, ct);
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
}

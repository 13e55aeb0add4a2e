using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Indices;

/// <summary>
/// <c>indices import &lt;file.csv|xlsx&gt; [--into &lt;database file or data directory&gt;]</c>: a year's (or
/// several years') published index results into the database, every row or none. The database must
/// exist (a start of the server creates it): an import into a mistyped path must not make a new one.
/// </summary>
public static class AnnualIndexCommand
{
    public const string DatabaseFile = "ioc.db";

    public static string Usage => $"Usage: indices import <.csv or .xlsx with the columns {string.Join(',', AnnualIndexImport.Columns)} and 'nhóm: <tên>' per component group> [--into <database file, or a directory holding {DatabaseFile}>]";

    /// <summary>The database <c>--into</c> names: a file, or <c>ioc.db</c> in a directory.</summary>
    public static string DatabasePath(string into)
    {
        var resolved = DataPaths.Resolve(into);
        return Directory.Exists(resolved) ? Path.Combine(resolved, DatabaseFile) : resolved;
    }

    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        var words = line.Positional("--into");
        if (words.Count != 3 || words[1] != "import" || (line.Flag("--into") && line.Option("--into") is null))
        {
            output.WriteLine(Usage);
            return IocCommands.Usage;
        }
        if (line.Flag("--into") && services.UsesPostgreSql())
        {
            output.WriteLine("--into names a SQLite file, and Database:Provider is PostgreSQL: the import goes into the database of Database:ConnectionString. Nothing was imported.");
            return IocCommands.Usage;
        }
        var file = DataPaths.Resolve(words[2]);
        if (!File.Exists(file))
        {
            output.WriteLine($"{file} does not exist.");
            return 1;
        }
        if (!await services.IocDatabaseExistsAsync(ct))
        {
            var into = services.UsesPostgreSql() ? "" : " (or name it with --into)";
            output.WriteLine($"There is no database at {services.DescribeDatabase()}; start IOC on it once{into}. Nothing was imported.");
            return 1;
        }
        await services.InitializeIocDatabaseAsync(ct);
        var units = services.GetRequiredService<ReferenceCatalog>().Units;
        var read = AnnualIndexImport.Read(file, units, services.GetRequiredService<ProvinceClock>().Today.Year);
        foreach (var problem in read.Problems)
        {
            output.WriteLine(problem);
        }
        if (read.Problems.Count > 0)
        {
            output.WriteLine($"{read.Problems.Count} problem(s); nothing was imported.");
            return 1;
        }
        var result = await services.GetRequiredService<AnnualIndexStore>().ReplaceAsync(read.Rows, ct);
        output.WriteLine($"Imported {result.Written} result(s) of {string.Join(", ", result.Replaced.Select(p => $"{p.Index} {p.Year}"))}; {result.Removed} earlier result(s) of those indices and years were replaced.");
        return 0;
    }
}

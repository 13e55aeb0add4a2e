using System.Text.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Data.Reference;
using System.Data.Common;
using Ioc.Data;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Keeps demo things out of a real province: the demo reference directory says so in its units
/// file (<c>"demo": true</c>), and a database that holds events of a real source is not the
/// simulator's to write into. Started in Development against a province's own files, the demo
/// used to seed accounts with the published password and post simulated history into the real
/// event store, which cannot be purged.
/// </summary>
public static class DemoData
{
    public const string Marker = "demo";

    public static bool IsDemoReference(string directory)
    {
        var path = Path.Combine(directory, ReferenceFiles.UnitsFile);
        if (!File.Exists(path))
        {
            return false;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(Marker, out var demo) && demo.ValueKind == JsonValueKind.True;
    }

    /// <summary>A source of stored events other than the simulator and people's actions in the web app, or null.</summary>
    public static async Task<string?> ForeignSourceAsync(DbConnection connection, SqlDialect d, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        // Ranges around the two names, so that the (Source, EventId) index answers without a scan.
        var (source, sim, web) = (d.Name("Source"), Parameter(d, "sim"), Parameter(d, "web"));
        cmd.CommandText = $"SELECT {source} FROM {d.Name("Events")} WHERE {source} < {sim} OR ({source} > {sim} AND {source} < {web}) OR {source} > {web} LIMIT 1";
        cmd.AddParameter(sim, DemoFeed.SourceName);
        cmd.AddParameter(web, InProcessEventSink.SourceName);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>A named parameter as these statements always spelled it on SQLite (<c>$name</c>); Npgsql names them <c>@name</c>.</summary>
    internal static string Parameter(SqlDialect d, string name) => (d.IsSqlite ? "$" : "@") + name;
}

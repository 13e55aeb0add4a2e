using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Ioc.Aggregation.Backfill;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Microsoft.Data.Sqlite;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Events per second through <c>POST /api/v1/events</c> (batches of 1,000: validation, event
/// store, states and rollups in one transaction per batch), the whole app in this process on a
/// real Kestrel port, into a fresh database per run. The events are the first N of the simulated
/// province-year, split by entity into a few streams posted concurrently (each stream in time
/// order, so every dossier's events still arrive in order). Compared with prepared inserts of the
/// same rows into a table shaped like Events, with the same pragmas, in the same run.
/// </summary>
public sealed class IngestScenario : IScenario
{
    public string Name => "ingest";

    public async Task RunAsync(BenchContext context)
    {
        var sizes = context.Sizes;
        var year = context.Data.Year();
        var events = await ReadPrefixAsync(year.Path, sizes.IngestEvents);
        var streams = Partition(events, sizes.IngestConcurrency);
        var bodies = streams.Select(s => s.Chunk(sizes.IngestBatchSize).Select(Serialize).ToList()).ToList();
        var rows = RawRows(events);
        Log.Info($"ingest: {events.Count:N0} events in {bodies.Sum(b => b.Count)} batches of {sizes.IngestBatchSize:N0}, {streams.Count} concurrent streams ({string.Join("/", streams.Select(s => s.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} events)");

        // One unmeasured pass first: in a fresh process tiered JIT would otherwise slow the first run down
        // (a server that has been up a while runs optimized code).
        var warmUp = Math.Min(events.Count, 100_000);
        await RunApiAsync(context, [[.. events.Take(warmUp).Chunk(sizes.IngestBatchSize).Select(Serialize)]], warmUp);
        var api = new List<double>();
        var raw = new List<double>();
        var rawOne = new List<double>();
        var rawBare = new List<double>();
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var rate = await RunApiAsync(context, bodies, events.Count);
            api.Add(rate);
            var rawRate = RunRawInserts(context, rows, sizes.IngestBatchSize);
            raw.Add(rawRate);
            var rawOneRate = RunRawInserts(context, rows, rows.Count);
            rawOne.Add(rawOneRate);
            rawBare.Add(RunRawInserts(context, rows, rows.Count, withIndexes: false));
            Log.Info($"ingest run {run}: API {rate:N0} events/s; raw inserts {rawRate:N0} rows/s ({sizes.IngestBatchSize:N0} per transaction), {rawOneRate:N0} rows/s (one transaction)");
        }
        var pipelineOnly = await RunPipelineOnlyAsync(context, events, sizes.IngestBatchSize);
        Log.Info($"ingest: pipeline alone (no HTTP, one stream) {pipelineOnly:N0} events/s");
        var oneStream = await RunApiAsync(context, [[.. events.Chunk(sizes.IngestBatchSize).Select(Serialize)]], events.Count);
        Log.Info($"ingest: API with a single stream {oneStream:N0} events/s");

        var apiSpread = Spread.Of(api);
        var rawSpread = Spread.Of(raw);
        context.IngestRate = apiSpread;
        context.Results.Add(new ResultRow
        {
            Scenario = "ingest",
            Figure = $"events/s through POST /api/v1/events ({events.Count:N0} events, batches of {sizes.IngestBatchSize:N0}, {streams.Count} concurrent)",
            Value = apiSpread,
            Unit = "events/s",
            Target = "≥ 50,000 events/s",
            Verdict = apiSpread.Median >= 50_000 ? Verdict.Met : Verdict.Missed,
            Compared = $"raw prepared inserts into an Events-shaped table: {ResultTable.FormatSpread(rawSpread, "rows/s")}",
            Ratio = ResultTable.Ratio(apiSpread.Median, rawSpread.Median, "raw"),
        });
        context.Results.Note("ingest",
            $"In-process Kestrel on 127.0.0.1, HTTP/1.1, bodies serialized before timing; `Database:Synchronous` = Full (the default: every acknowledged batch fsynced); a fresh database per run; " +
            $"{streams.Count} streams posted concurrently, entities split between them (tickets all in one) so each entity's events stay in order; one unmeasured pass over the first {Math.Min(events.Count, 100_000):N0} events beforehand warms the JIT; " +
            $"the rate limit was raised to 1,000,000 requests/min (the default 6,000/min allows 100 batches/s). " +
            $"Raw comparison: the same {events.Count:N0} rows (id, source, type, entity, times, JSON payload) into a copy of the Events table with its two indexes, " +
            $"WAL + synchronous=FULL, one prepared statement, one transaction per {sizes.IngestBatchSize:N0} rows (the same commits as the API's batches); " +
            $"all rows in a single transaction: {ResultTable.FormatSpread(Spread.Of(rawOne), "rows/s")}; the same without the two secondary indexes: {ResultTable.FormatSpread(Spread.Of(rawBare), "rows/s")}. " +
            $"The same events from a single client, one batch at a time: {oneStream:N0} events/s; " +
            $"the ingest pipeline called directly (no HTTP, JSON or key check; one stream): {pipelineOnly:N0} events/s (1 run each).");
    }

    public static async Task<List<IngestEvent>> ReadPrefixAsync(string csv, int count)
    {
        var events = new List<IngestEvent>(count);
        using var file = new StreamReader(csv);
        var reader = new CsvEventReader(file);
        await foreach (var chunk in reader.ReadChunksAsync(10_000))
        {
            foreach (var (_, e) in chunk)
            {
                events.Add(e);
                if (events.Count == count)
                {
                    return events;
                }
            }
        }
        if (reader.Errors.Count > 0)
        {
            throw new InvalidOperationException($"{csv}: {reader.Errors[0].Message}");
        }
        return events;
    }

    /// <summary>Disjoint streams by entity; tickets share one stream because a duplicate names another ticket (dossiers and documents name none).</summary>
    public static List<List<IngestEvent>> Partition(IReadOnlyList<IngestEvent> events, int streams)
    {
        var result = Enumerable.Range(0, streams).Select(_ => new List<IngestEvent>(events.Count / streams + 1)).ToList();
        foreach (var e in events)
        {
            var index = (e.Dossier ?? e.Document) is string code ? (int)(Fnv(code) % (uint)streams) : 0;
            result[index].Add(e);
        }
        return result;
    }

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }

    private static byte[] Serialize(IngestEvent[] batch) =>
        JsonSerializer.SerializeToUtf8Bytes(new IngestBatch { Events = [.. batch] }, IngestJsonContext.Default.IngestBatch);

    private static async Task<double> RunApiAsync(BenchContext context, List<List<byte[]>> bodies, int expected)
    {
        var folder = context.NewWorkFolder("ingest");
        try
        {
            await using var app = InProcessApp.Create(Path.Combine(folder, "ioc.db"));
            using var http = InProcessApp.ApiClient(app);
            // Warm up the server's code paths with a few batches of other dossiers before the clock starts.
            var warm = new LiveEvents(app.Catalog, LiveEvents.NewPrefix("warm"));
            for (var i = 0; i < 3; i++)
            {
                await PostAsync(http, Serialize([.. Enumerable.Range(0, 200).Select(_ => warm.Received())]));
            }
            var clock = Stopwatch.StartNew();
            var accepted = await Task.WhenAll(bodies.Select(stream => Task.Run(async () =>
            {
                long sum = 0;
                foreach (var body in stream)
                {
                    sum += await PostAsync(http, body);
                }
                return sum;
            })));
            var elapsed = clock.Elapsed.TotalSeconds;
            if (accepted.Sum() != expected)
            {
                throw new InvalidOperationException($"The API accepted {accepted.Sum():N0} of {expected:N0} events.");
            }
            return expected / elapsed;
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    private static async Task<long> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v1/events", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
        }
        return JsonSerializer.Deserialize(text, IngestJsonContext.Default.IngestResult)!.Accepted;
    }

    private static async Task<double> RunPipelineOnlyAsync(BenchContext context, List<IngestEvent> events, int batchSize)
    {
        var folder = context.NewWorkFolder("pipeline");
        try
        {
            await using var host = await DataHost.OpenAsync(Path.Combine(folder, "ioc.db"));
            var pipeline = host.Pipeline;
            var clock = Stopwatch.StartNew();
            foreach (var batch in events.Chunk(batchSize))
            {
                var outcome = await pipeline.IngestAsync("bench", batch);
                if (!outcome.Succeeded)
                {
                    throw new InvalidOperationException($"The pipeline refused a batch: {outcome.Errors[0].Message}");
                }
            }
            return events.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    internal sealed record RawRow(string EventId, string Type, string Entity, long OccurredAt, string Payload);

    internal static List<RawRow> RawRows(IReadOnlyList<IngestEvent> events) =>
        [.. events.Select(e => new RawRow(e.Id!, e.Type!, e.Dossier ?? e.Ticket ?? e.Document!, e.OccurredAt!.Value.ToUnixTimeMilliseconds(),
            JsonSerializer.Serialize(e, IngestJsonContext.Default.IngestEvent)))];

    /// <summary>The physical floor: the same rows into a copy of the Events table (same DDL and indexes, same pragmas).</summary>
    internal static double RunRawInserts(BenchContext context, List<RawRow> rows, int batchSize, bool withIndexes = true)
    {
        var folder = context.NewWorkFolder("raw");
        try
        {
            var ddl = EventsDdl(context);
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "raw.db"), Pooling = false }.ToString());
            c.Open();
            Execute(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
            foreach (var sql in ddl.Where(d => withIndexes || !d.StartsWith("CREATE INDEX", StringComparison.OrdinalIgnoreCase) && !d.StartsWith("CREATE UNIQUE INDEX", StringComparison.OrdinalIgnoreCase)))
            {
                Execute(c, sql);
            }
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO Events (EventId, Source, Type, EntityCode, OccurredAt, AcceptedAt, Payload) VALUES (@id, @source, @type, @entity, @at, @accepted, @payload)";
            cmd.Parameters.Add("@id", SqliteType.Text);
            cmd.Parameters.Add("@source", SqliteType.Text);
            cmd.Parameters.Add("@type", SqliteType.Text);
            cmd.Parameters.Add("@entity", SqliteType.Text);
            cmd.Parameters.Add("@at", SqliteType.Integer);
            cmd.Parameters.Add("@accepted", SqliteType.Integer);
            cmd.Parameters.Add("@payload", SqliteType.Text);
            return TimeInserts(c, cmd, rows, batchSize);
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    /// <summary>
    /// Rows/s of the rows through one insert whose parameters are, in order, id, source, type, entity, occurred,
    /// accepted and payload, one transaction per batch: the raw floor on any engine.
    /// </summary>
    internal static double TimeInserts(System.Data.Common.DbConnection c, System.Data.Common.DbCommand cmd, List<RawRow> rows, int batchSize)
    {
        var p = cmd.Parameters;
        p[1].Value = "test";
        var clock = Stopwatch.StartNew();
        foreach (var batch in rows.Chunk(batchSize))
        {
            using var tx = c.BeginTransaction();
            cmd.Transaction = tx;
            // SQLite prepares within the transaction; Npgsql's second Prepare of the same command does nothing.
            cmd.Prepare();
            p[5].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var r in batch)
            {
                p[0].Value = r.EventId;
                p[2].Value = r.Type;
                p[3].Value = r.Entity;
                p[4].Value = r.OccurredAt;
                p[6].Value = r.Payload;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The Events table and its indexes exactly as the migrations create them.</summary>
    private static List<string> EventsDdl(BenchContext context)
    {
        using var c = context.Reference.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'Events' AND sql IS NOT NULL ORDER BY type DESC";
        using var r = cmd.ExecuteReader();
        var ddl = new List<string>();
        while (r.Read())
        {
            ddl.Add(r.GetString(0));
        }
        return ddl;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Benchmarks.Data;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Benchmarks.Scenarios;

/// <summary>
/// Where the time goes, for the figures that miss their targets: the ingest pipeline's SQL
/// statements (timed by SQLite's profile hook on the app's own connection) next to the CPU work of
/// each phase done apart on the same events (parsing, the JSON payload, lifecycles, rollup
/// projection), allocations per event; and the SQL behind indicator queries and dossier lists with
/// SQLite's plans. Printed as a section after the table.
/// </summary>
public sealed class ProfileScenario : IScenario
{
    public string Name => "profile";

    public async Task RunAsync(BenchContext context)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Where the time goes");
        sb.AppendLine();
        await ProfileIngestAsync(context, sb);
        // Kept apart, so that the ingest profile is printed even when the query half fails (it needs the seeded database).
        context.Results.Section(sb.ToString());
        var queries = new StringBuilder();
        await ProfileQueriesAsync(context, queries);
        context.Results.Section(queries.ToString());
    }

    private static async Task ProfileIngestAsync(BenchContext context, StringBuilder sb)
    {
        var year = context.Data.Year();
        var count = (int)Math.Min(year.Events, 200_000);
        var batchSize = context.Sizes.IngestBatchSize;
        var events = await IngestScenario.ReadPrefixAsync(year.Path, count);
        var batches = events.Chunk(batchSize).ToList();

        // 1. The pipeline itself on a fresh database (Full sync): once plain for the time, once with every statement timed.
        // A first pass on a throwaway database lets tiered JIT finish, as in a server that has been running a
        // while (in short runs unoptimized tier-0 code otherwise doubles the time per batch).
        await RunPipelineAsync(context, batches, profiler: null);
        var (wallMs, allocated, gcs, _) = await RunPipelineAsync(context, batches, profiler: null);
        var profiler = new SqlProfiler();
        var (profiledMs, _, _, _) = await RunPipelineAsync(context, batches, profiler);
        var (gen0, gen1, gen2) = gcs;

        // 2. The same work phase by phase, as IngestSession.Apply does it, on another fresh database:
        //    wall time, time inside SQLite and allocations of each phase.
        var phases = await ReplicateSessionAsync(context, batches);

        var batchesCount = batches.Count;
        double PerBatch(double ms) => ms / batchesCount;
        var replicatedMs = phases.Sum(p => p.WallMs);
        sb.AppendLine(CultureInfo.InvariantCulture, $"**Ingest pipeline** (no HTTP; {count:N0} events of the simulated year in {batchesCount} batches of {batchSize:N0}, one stream, fresh database, Full sync): " +
            $"{count / wallMs * 1000:N0} events/s, {PerBatch(wallMs):F1} ms per batch; {allocated / (double)count / 1024:F1} KiB allocated per event; GC {gen0}/{gen1}/{gen2} (gen 0/1/2) collections. " +
            $"Per batch: {phases.Single(p => p.Name.StartsWith("write: states", StringComparison.Ordinal)).Rows / (double)batchesCount:N0} dossier/ticket states written, " +
            $"{phases.Single(p => p.Name.StartsWith("write: rollups", StringComparison.Ordinal)).Rows / (double)batchesCount:N0} rollup rows upserted.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"The same batches through the same building blocks, phase by phase (StateStore, DossierLifecycle/TicketWorkflow, RollupProjector, the Events insert of IngestSession; {PerBatch(replicatedMs):F1} ms per batch in all); " +
            $"\"in SQLite\" is the time SQLite's profile hook reports for the phase's statements, the rest of the phase is .NET (binding parameters, reading rows, building objects, JSON):");
        sb.AppendLine();
        sb.AppendLine("| phase (per batch of 1,000 events) | statements | ms | in SQLite | .NET | allocated |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var phase in phases)
        {
            var name = phase.PagesPerCommit > 0 ? $"{phase.Name}: {phase.PagesPerCommit:N0} pages ({phase.PagesPerCommit * 4 / 1024:F1} MiB) written to the WAL per commit" : phase.Name;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {phase.Statements / (double)batchesCount:N0} | {PerBatch(phase.WallMs):F1} ({phase.WallMs / replicatedMs * 100:F0} %) | {PerBatch(phase.SqlMs):F1} | {PerBatch(phase.WallMs - phase.SqlMs):F1} | {phase.Allocated / (double)batchesCount / 1024 / 1024:F1} MiB |");
        }
        sb.AppendLine();
        sb.AppendLine("Top statements of the real pipeline by time inside SQLite (per batch):");
        sb.AppendLine();
        sb.AppendLine("| statement | executions | ms |");
        sb.AppendLine("| --- | --- | --- |");
        foreach (var (statement, entry) in profiler.Top(6))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| `{Short(statement)}` | {entry.Count / (double)batchesCount:N0} | {PerBatch(entry.Nanoseconds / 1e6):F1} |");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"| all statements | {profiler.Statements / (double)batchesCount:N0} | {PerBatch(profiler.TotalMilliseconds):F1} |");
        sb.AppendLine();
        var (commitMs, deserializeMs, bodyBytes) = Floors(context, batches);
        var csvClock = Stopwatch.StartNew();
        var csvEvents = (await IngestScenario.ReadPrefixAsync(year.Path, count)).Count;
        var csvRate = csvEvents / csvClock.Elapsed.TotalSeconds;
        sb.AppendLine(CultureInfo.InvariantCulture, $"Floors measured alone: an empty-ish commit (one row, WAL, synchronous=FULL, same disk) takes {commitMs:F1} ms, " +
            $"so Full sync with one transaction per batch of 1,000 caps ingest near {1000 / commitMs * 1000:N0} events/s before any work; " +
            $"deserializing one request body ({bodyBytes / 1024.0:F0} KiB, 1,000 events) with System.Text.Json takes {deserializeMs:F1} ms; " +
            $"CsvEventReader reads {csvRate:N0} events/s from the year's file ({1000 / csvRate * 1000:F1} ms per 1,000 events, before any ingest work).");
        sb.AppendLine();
        if (context.IngestRate is { } api)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Through HTTP (ingest scenario): {ResultTable.Number(api.Median)} events/s, i.e. {1000.0 / api.Median * 1000:F1} ms per 1,000 events against {PerBatch(wallMs):F1} ms in the pipeline alone: " +
                $"the rest is Kestrel, JSON deserialization of the body, the key check and the client in the same process.");
            sb.AppendLine();
        }
    }

    /// <summary>The fsync of a minimal transaction, and JSON deserialization of a request body, each measured alone.</summary>
    private static (double CommitMs, double DeserializeMs, long BodyBytes) Floors(BenchContext context, List<IngestEvent[]> batches)
    {
        var folder = context.NewWorkFolder("fsync");
        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "f.db")};Pooling=False");
            c.Open();
            using (var setup = c.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (x INTEGER);";
                setup.ExecuteNonQuery();
            }
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES (1)";
            var clock = Stopwatch.StartNew();
            const int commits = 50;
            for (var i = 0; i < commits; i++)
            {
                using var tx = c.BeginTransaction();
                insert.Transaction = tx;
                insert.ExecuteNonQuery();
                tx.Commit();
            }
            var commitMs = clock.Elapsed.TotalMilliseconds / commits;

            var bodies = batches.Take(20).Select(b => JsonSerializer.SerializeToUtf8Bytes(new IngestBatch { Events = [.. b] }, IngestJsonContext.Default.IngestBatch)).ToList();
            clock.Restart();
            foreach (var body in bodies)
            {
                _ = JsonSerializer.Deserialize(body, IngestJsonContext.Default.IngestBatch);
            }
            return (commitMs, clock.Elapsed.TotalMilliseconds / bodies.Count, (long)bodies.Average(b => b.Length));
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    private sealed record PhaseCost(string Name, double WallMs, double SqlMs, long Statements, long Allocated, long Rows, double PagesPerCommit = 0);

    /// <summary>IngestSession.Apply's steps on in-memory copies of its inputs, each timed on its own.</summary>
    private static async Task<List<PhaseCost>> ReplicateSessionAsync(BenchContext context, List<IngestEvent[]> batches)
    {
        var folder = context.NewWorkFolder("phases");
        try
        {
            await using var host = await DataHost.OpenAsync(Path.Combine(folder, "ioc.db"));
            var profiler = new SqlProfiler();
            profiler.Attach(host.Database.ConnectionString, connections: 1);
            using var c = host.Database.Open();
            // Without automatic checkpoints the WAL only grows: its growth per commit is the pages each batch dirtied.
            using (var pragma = c.CreateCommand())
            {
                pragma.CommandText = "PRAGMA wal_autocheckpoint=0;";
                pragma.ExecuteNonQuery();
            }
            var wal = host.Database.FilePath + "-wal";
            long WalFrames() => File.Exists(wal) ? Math.Max(0, (new FileInfo(wal).Length - 32) / (4096 + 24)) : 0;
            long frames = 0;
            var catalog = host.Catalog;
            var calendar = host.Calendar;
            var parser = new EventParser(catalog, ProvinceClock.System, new IngestLimits());
            var workflow = new TicketWorkflow(catalog, calendar);
            var names = new[]
            {
                "parse, validate, payload JSON (EventParser; the API's request thread)", "read: existing event ids (IN lists)", "read: current states (IN lists)", "lifecycles (DossierLifecycle, TicketWorkflow)",
                "write: events (INSERT)", "write: states (INSERT new, UPDATE changed)", "project rollup deltas (RollupProjector)", "write: rollups (upserts)", "commit (fsync)",
            };
            var wall = new double[names.Length];
            var sql = new double[names.Length];
            var statements = new long[names.Length];
            var allocated = new long[names.Length];
            var rows = new long[names.Length];
            var clock = new Stopwatch();
            var phase = 0;
            var sqlAt = 0.0;
            long statementsAt = 0, allocatedAt = 0;
            void Begin(int p)
            {
                phase = p;
                sqlAt = profiler.TotalMilliseconds;
                statementsAt = profiler.Statements;
                allocatedAt = GC.GetAllocatedBytesForCurrentThread();
                clock.Restart();
            }
            void End(long rowCount = 0)
            {
                wall[phase] += clock.Elapsed.TotalMilliseconds;
                allocated[phase] += GC.GetAllocatedBytesForCurrentThread() - allocatedAt;
                sql[phase] += profiler.TotalMilliseconds - sqlAt;
                statements[phase] += profiler.Statements - statementsAt;
                rows[phase] += rowCount;
            }

            using var ws = new WriterStatements(c);
            foreach (var batch in batches)
            {
                Begin(0);
                var errors = new List<IngestError>();
                var parsed = batch.Select((e, i) => parser.Parse(i, e, errors)!).ToList();
                foreach (var e in parsed)
                {
                    _ = e.Payload;
                }
                End();

                using var tx = c.BeginTransaction(deferred: false);
                Begin(1);
                var stored = StateStore.StoredEvents(ws, tx, "bench", [.. parsed.Select(e => e.Wire.Id!).Distinct()]);
                End();

                Begin(2);
                var dossierCodes = parsed.Where(e => e.Dossier is not null).Select(e => e.EntityCode).ToHashSet(StringComparer.Ordinal);
                var ticketCodes = parsed.Where(e => e.Ticket is not null).SelectMany(e => e.Ticket!.DuplicateOf is string d ? new[] { e.EntityCode, d } : [e.EntityCode]).ToHashSet(StringComparer.Ordinal);
                var dossiersBefore = StateStore.LoadDossiers(ws, tx, dossierCodes);
                var ticketsBefore = StateStore.LoadTickets(ws, tx, ticketCodes);
                End();

                Begin(3);
                var dossiers = new Dictionary<string, DossierState>(dossiersBefore, StringComparer.Ordinal);
                var tickets = new Dictionary<string, TicketState>(ticketsBefore, StringComparer.Ordinal);
                var changedDossiers = new HashSet<string>(StringComparer.Ordinal);
                var changedTickets = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in parsed.Where(e => !stored.ContainsKey(e.Wire.Id!)))
                {
                    if (e.Dossier is DossierEvent de)
                    {
                        dossiers[de.DossierCode] = DossierLifecycle.Apply(dossiers.GetValueOrDefault(de.DossierCode), de, catalog, calendar).State
                            ?? throw new InvalidOperationException($"{e.Wire.Id} refused");
                        changedDossiers.Add(de.DossierCode);
                    }
                    else if (e.Ticket is TicketEvent te)
                    {
                        var original = te.DuplicateOf is string d ? tickets.GetValueOrDefault(d) : null;
                        tickets[te.TicketCode] = workflow.Apply(tickets.GetValueOrDefault(te.TicketCode), te, original).State
                            ?? throw new InvalidOperationException($"{e.Wire.Id} refused");
                        changedTickets.Add(te.TicketCode);
                    }
                }
                End();

                Begin(4);
                WriteEvents(ws, parsed);
                End(parsed.Count);

                Begin(5);
                StateStore.SaveDossiers(ws, changedDossiers.Select(code => (dossiers[code], IsNew: !dossiersBefore.ContainsKey(code))));
                StateStore.SaveTickets(ws, changedTickets.Select(code => (tickets[code], IsNew: !ticketsBefore.ContainsKey(code))), catalog);
                End(changedDossiers.Count + changedTickets.Count);

                Begin(6);
                var projector = new RollupProjector(catalog);
                foreach (var code in changedDossiers)
                {
                    projector.Project(dossiersBefore.GetValueOrDefault(code), dossiers[code]);
                }
                foreach (var code in changedTickets)
                {
                    projector.Project(ticketsBefore.GetValueOrDefault(code), tickets[code]);
                }
                var pending = projector.PendingRows;
                End();

                Begin(7);
                projector.WriteTo(ws);
                End(pending);

                var framesBefore = WalFrames();
                Begin(8);
                tx.Commit();
                End();
                frames += WalFrames() - framesBefore;
            }
            return [.. names.Select((n, i) => new PhaseCost(n, wall[i], sql[i], statements[i], allocated[i], rows[i], i == 8 ? frames / (double)batches.Count : 0))];
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    /// <summary>SqliteIngestTransaction.WriteEvents: one prepared INSERT bound by position, the JSON made at parse time as payload.</summary>
    private static void WriteEvents(WriterStatements statements, List<ParsedEvent> events)
    {
        var insert = statements.Prepared("INSERT INTO Events (EventId, Source, Type, EntityCode, OccurredAt, AcceptedAt, Payload) VALUES (@id, @source, @type, @entity, @at, @accepted, @payload)");
        var accepted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var e in events)
        {
            insert.Bind(1, e.Wire.Id);
            insert.Bind(2, "bench");
            insert.Bind(3, e.Wire.Type);
            insert.Bind(4, e.EntityCode);
            insert.Bind(5, e.OccurredAt.ToUnixTimeMilliseconds());
            insert.Bind(6, accepted);
            insert.Bind(7, e.Payload);
            insert.Execute();
        }
    }

    private static async Task<(double WallMs, long Allocated, (int, int, int) Collections, bool Profiled)> RunPipelineAsync(BenchContext context, List<IngestEvent[]> batches, SqlProfiler? profiler)
    {
        var folder = context.NewWorkFolder("profile");
        try
        {
            await using var host = await DataHost.OpenAsync(Path.Combine(folder, "ioc.db"));
            profiler?.Attach(host.Database.ConnectionString);
            var pipeline = host.Pipeline;
            if (profiler is not null)
            {
                await pipeline.RunExclusiveAsync(statements =>
                {
                    profiler.Hook(statements.Connection);
                    return true;
                }, keepStateCache: true);
            }
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                var outcome = await pipeline.IngestAsync("bench", batch);
                if (!outcome.Succeeded)
                {
                    throw new InvalidOperationException(outcome.Errors[0].Message);
                }
            }
            var wallMs = clock.Elapsed.TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            return (wallMs, allocated, (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2), profiler is not null);
        }
        finally
        {
            BenchContext.DeleteFolder(folder);
        }
    }

    private static async Task ProfileQueriesAsync(BenchContext context, StringBuilder sb)
    {
        var db = await context.Data.SeededAsync();
        await using var host = await DataHost.OpenAsync(db.Path);
        var catalog = host.Catalog;
        var root = catalog.Units.Root.Id;
        var children = catalog.Units.Children(root).Select(u => u.Id).ToList();
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var windows = new[]
        {
            KpiWindows.Resolve(KpiWindow.Today, today), KpiWindows.Resolve(KpiWindow.Year, today),
            KpiWindows.Resolve(KpiWindow.Last12Months, today), new DayRange(db.First, today), new DayRange(today.AddYears(-3).AddDays(17), today.AddDays(-40)),
        };
        var commune = catalog.Units.All.First(u => u.IsLocal).Id;

        // work() makes `calls` queries; figures are per query.
        async Task<string> Profile(string title, Func<Task> work, int repeat, int calls = 1)
        {
            var profiler = new SqlProfiler();
            profiler.Attach(host.Database.ConnectionString);
            await work();
            profiler.Reset();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < repeat; i++)
            {
                await work();
            }
            var n = repeat * calls;
            var wallMs = clock.Elapsed.TotalMilliseconds / n;
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"**{title}**: {wallMs:F1} ms per query, of which SQL {profiler.TotalMilliseconds / n:F1} ms in {profiler.Statements / (double)n:F0} statements.");
            text.AppendLine();
            text.AppendLine("| statement | ms per query | plan |");
            text.AppendLine("| --- | --- | --- |");
            using var c = host.Database.Open();
            foreach (var (statement, entry) in profiler.Top(8).Where(t => !t.Statement.StartsWith("PRAGMA", StringComparison.Ordinal)).Take(4))
            {
                string plan;
                try
                {
                    plan = SqlProfiler.Plan(c, entry.Sample);
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    plan = ex.Message;
                }
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{Short(statement)}` | {entry.Nanoseconds / 1e6 / n:F1} | {plan} |");
            }
            text.AppendLine();
            return text.ToString();
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"**Queries** over {db.Dossiers:N0} dossiers (the five-year database); indicator queries over five windows in turn (today, year, 12 months, five years, three years ending 40 days ago):");
        sb.AppendLine();
        sb.Append(await Profile("GetAsync(province)", async () =>
        {
            foreach (var w in windows)
            {
                await host.Indicators.GetAsync(root, w);
            }
        }, 5, windows.Length));
        sb.Append(await Profile($"GetManyAsync(the province's {children.Count} children)", async () =>
        {
            foreach (var w in windows)
            {
                await host.Indicators.GetManyAsync(children, w);
            }
        }, 3, windows.Length));
        sb.Append(await Profile("ListAsync(province, all, overdue first, page 1)", () => host.Dossiers.ListAsync(new DossierFilter(root), 0, 50), 3));
        sb.Append(await Profile("ListAsync(province, completed)", () => host.Dossiers.ListAsync(new DossierFilter(root, DossierStatusFilter.Completed), 0, 50), 3));
        sb.Append(await Profile("ListAsync(one commune, all, overdue first)", () => host.Dossiers.ListAsync(new DossierFilter(commune), 0, 50), 5));
    }

    private static string Short(string statement) => (statement.Length > 160 ? statement[..160] + "…" : statement).Replace("|", "\\|", StringComparison.Ordinal);
}

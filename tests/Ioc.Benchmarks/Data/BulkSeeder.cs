using System.Collections.Concurrent;
using System.Diagnostics;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Benchmarks.Harness;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Tickets;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;

namespace Ioc.Benchmarks.Data;

public sealed record SeedReport(long Dossiers, long Tickets, long Documents, long DossierEvents, long TicketEvents, long DocumentEvents, TimeSpan Elapsed)
{
    public long Events => DossierEvents + TicketEvents + DocumentEvents;
}

/// <summary>
/// Fills a database with current states and rollups directly, for the query scenarios: five years
/// of a province through ingest would take hours. Dossier states come from replaying each
/// simulated dossier's events through the domain's lifecycle (as ingest does); their rollup
/// contributions are summed per (unit, procedure, day) first and then fanned out to the unit's
/// ancestors, which gives the same rows as ingest's per-dossier projection in far fewer writes.
/// Tickets are replayed in global time order (a duplicate refers to another ticket's state) and
/// projected one by one through <see cref="RollupProjector"/>. Documents (văn bản), like dossiers, get
/// their whole lifecycle on the day they are registered; they are few (a few hundred a day), so they
/// are projected one by one too. <see cref="SeederCheck"/> proves the
/// result equal to ingest's on a sample.
/// </summary>
public sealed class BulkSeeder(ReferenceCatalog catalog, WorkingCalendar calendar, DateTimeOffset now)
{
    private const int DaysPerTransaction = 7;
    private const int MaxAggregateRows = 1_500_000;

    private readonly TicketWorkflow _workflow = new(catalog, calendar);

    public SeedReport Seed(SqliteConnection connection, IEnumerable<(DateOnly Day, IReadOnlyList<IngestEvent> Events)> days, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        using (var pragma = connection.CreateCommand())
        {
            // A generated file: losing it to a power cut only means generating it again.
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;";
            pragma.ExecuteNonQuery();
        }
        // Indexes are built once at the end (a sort) instead of being updated row by row.
        var indexes = DropIndexes(connection, "Dossiers", "Tickets");

        // Stage 1 (another thread): replay each day's dossiers into final states, in parallel with the writes.
        using var replayed = new BlockingCollection<DayStates>(boundedCapacity: 4);
        var replay = Task.Run(() =>
        {
            try
            {
                var parser = new EventParser(catalog, new ProvinceClock(new FixedTimeProvider(now)), new IngestLimits());
                foreach (var (day, events) in days)
                {
                    replayed.Add(ReplayDay(parser, day, events));
                }
            }
            finally
            {
                replayed.CompleteAdding();
            }
        });

        var aggregate = new DossierAggregate(catalog);
        var tickets = new TicketReplay(this, catalog, now);
        var documents = new RollupProjector(catalog);
        long dossierCount = 0, dossierEvents = 0, ticketEvents = 0, documentCount = 0, documentEvents = 0;
        using var statements = new WriterStatements(connection);
        var transaction = connection.BeginTransaction();
        var daysInTransaction = 0;
        var lastReport = clock.Elapsed;
        foreach (var day in replayed.GetConsumingEnumerable())
        {
            StateStore.SaveDossiers(statements, day.Dossiers.Select(d => (d, IsNew: true)));
            foreach (var s in day.Dossiers)
            {
                aggregate.Add(s);
            }
            dossierCount += day.Dossiers.Count;
            dossierEvents += day.DossierEvents;
            DocumentStore.Save(statements, day.Documents);
            foreach (var d in day.Documents)
            {
                documents.Project(null, d);
            }
            documents.WriteTo(statements);
            documentCount += day.Documents.Count;
            documentEvents += day.DocumentEvents;
            ticketEvents += tickets.Add(day.Day, day.TicketEvents);
            tickets.Flush(statements, transaction, final: false);
            if (aggregate.Rows > MaxAggregateRows)
            {
                aggregate.WriteTo(statements);
            }
            if (++daysInTransaction >= DaysPerTransaction)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                daysInTransaction = 0;
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                progress?.Invoke($"seeded up to {day.Day:yyyy-MM-dd}: {dossierCount:N0} dossiers, {tickets.Saved:N0} tickets, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        replay.GetAwaiter().GetResult();
        tickets.Flush(statements, transaction, final: true);
        aggregate.WriteTo(statements);
        transaction.Commit();
        transaction.Dispose();

        progress?.Invoke($"building {indexes.Count} indexes over {dossierCount:N0} dossiers");
        foreach (var sql in indexes)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            cmd.ExecuteNonQuery();
        }
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        return new SeedReport(dossierCount, tickets.Saved, documentCount, dossierEvents, ticketEvents, documentEvents, clock.Elapsed);
    }

    private sealed record DayStates(DateOnly Day, List<DossierState> Dossiers, long DossierEvents, List<DocumentState> Documents, long DocumentEvents, List<IngestEvent> TicketEvents);

    private DayStates ReplayDay(EventParser parser, DateOnly day, IReadOnlyList<IngestEvent> events)
    {
        var states = new Dictionary<string, DossierState>(StringComparer.Ordinal);
        var documents = new Dictionary<string, DocumentState>(StringComparer.Ordinal);
        var ticketEvents = new List<IngestEvent>();
        long dossierEvents = 0, documentEvents = 0;
        foreach (var e in events)
        {
            if (e.OccurredAt > now)
            {
                continue;
            }
            if (e.Ticket is not null)
            {
                ticketEvents.Add(e);
                continue;
            }
            if (e.Document is not null)
            {
                var document = Parse(parser, e).Document ?? throw new InvalidOperationException($"Simulated event {e.Id} is not a document event.");
                var applied = DocumentLifecycle.Apply(documents.GetValueOrDefault(document.DocumentCode), document);
                documents[document.DocumentCode] = applied.State ?? throw new InvalidOperationException($"Simulated event {e.Id} refused: {applied.Error}");
                documentEvents++;
                continue;
            }
            var parsed = Parse(parser, e).Dossier ?? throw new InvalidOperationException($"Simulated event {e.Id} is not a dossier event.");
            var t = DossierLifecycle.Apply(states.GetValueOrDefault(parsed.DossierCode), parsed, catalog, calendar);
            states[parsed.DossierCode] = t.State ?? throw new InvalidOperationException($"Simulated event {e.Id} refused: {t.Error}");
            dossierEvents++;
        }
        return new DayStates(day, [.. states.Values], dossierEvents, [.. documents.Values], documentEvents, ticketEvents);
    }

    /// <summary>A simulated event as ingest parses it; the simulator's events always parse, so a refusal stops the seed.</summary>
    private static ParsedEvent Parse(EventParser parser, IngestEvent e)
    {
        var errors = new List<IngestError>();
        return parser.Parse(0, e, errors) ?? throw new InvalidOperationException($"Simulated event {e.Id} does not parse: {string.Join("; ", errors.Select(x => x.Message))}");
    }

    private static List<string> DropIndexes(SqliteConnection connection, params string[] tables)
    {
        var sql = new List<(string Name, string Sql)>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(",", tables.Select(t => $"'{t}'"))})";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                sql.Add((r.GetString(0), r.GetString(1)));
            }
        }
        foreach (var (name, _) in sql)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            drop.ExecuteNonQuery();
        }
        return [.. sql.Select(s => s.Sql)];
    }

    /// <summary>Dossier contributions summed per (unit, procedure, day), then fanned out to every scope.</summary>
    private sealed class DossierAggregate(ReferenceCatalog catalog) : IDayDeltaSink
    {
        private readonly Dictionary<(int Unit, int Procedure, int Day), long[]> _rows = [];
        private int _unit;
        private int _procedure;

        public int Rows => _rows.Count;

        public void Add(DossierState s)
        {
            _unit = s.UnitId;
            _procedure = s.ProcedureId;
            DossierContribution.Emit(s, +1, this);
        }

        void IDayDeltaSink.Add(int dayNumber, int measure, int delta)
        {
            var key = (_unit, _procedure, dayNumber);
            if (!_rows.TryGetValue(key, out var row))
            {
                _rows[key] = row = new long[DossierMeasures.Count];
            }
            row[measure] += delta;
        }

        public void WriteTo(WriterStatements statements)
        {
            // The same fan-out as RollupProjector.Project: every scope of the unit, per procedure and for all procedures.
            var deltas = new RollupDeltas(RollupTable.Dossiers);
            foreach (var ((unit, procedure, day), values) in _rows)
            {
                foreach (var scope in catalog.Units.Scopes(unit))
                {
                    for (var m = 0; m < values.Length; m++)
                    {
                        if (values[m] != 0)
                        {
                            deltas.AddDayAndMonth(scope, procedure, 0, day, m, values[m]);
                            deltas.AddDayAndMonth(scope, 0, 0, day, m, values[m]);
                        }
                    }
                }
            }
            deltas.WriteTo(statements);
            _rows.Clear();
        }
    }

    /// <summary>
    /// Tickets in global time order: a duplicate is judged against its original's state at that
    /// moment. A ticket whose last event has been applied is final: it is saved and projected, and
    /// kept a few days more in case a later duplicate names it.
    /// </summary>
    private sealed class TicketReplay(BulkSeeder seeder, ReferenceCatalog catalog, DateTimeOffset now)
    {
        private static readonly TimeSpan KeepFinished = TimeSpan.FromDays(7);

        private readonly PriorityQueue<IngestEvent, (long Ticks, long Seq)> _pending = new();
        private readonly Dictionary<string, string> _lastEventId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TicketState> _open = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TicketState> _recentlyFinished = new(StringComparer.Ordinal);
        private readonly List<TicketState> _toSave = [];
        private readonly EventParser _parser = new(catalog, new ProvinceClock(new FixedTimeProvider(now)), new IngestLimits());
        private readonly RollupProjector _projector = new(catalog);
        private long _seq;

        public long Saved { get; private set; }

        /// <summary>Queues a day's ticket events and applies every queued event before the day's end.</summary>
        public int Add(DateOnly day, List<IngestEvent> events)
        {
            foreach (var e in events)
            {
                _lastEventId[e.Ticket!] = e.Id!;
                _pending.Enqueue(e, (e.OccurredAt!.Value.UtcTicks, _seq++));
            }
            var end = ProvinceTime.StartOfDay(day.AddDays(1)).UtcTicks;
            while (_pending.TryPeek(out var e, out var key) && key.Ticks < end)
            {
                _pending.Dequeue();
                Apply(e);
            }
            var forgetBefore = ProvinceTime.StartOfDay(day) - KeepFinished;
            foreach (var code in _recentlyFinished.Where(kv => kv.Value.LastEventAt < forgetBefore).Select(kv => kv.Key).ToList())
            {
                _recentlyFinished.Remove(code);
            }
            return events.Count;
        }

        public void Flush(WriterStatements statements, SqliteTransaction transaction, bool final)
        {
            if (final)
            {
                while (_pending.TryDequeue(out var e, out _))
                {
                    Apply(e);
                }
                _toSave.AddRange(_open.Values);
                _open.Clear();
            }
            if (_toSave.Count == 0)
            {
                return;
            }
            StateStore.SaveTickets(statements, _toSave.Select(t => (t, IsNew: true)), catalog);
            foreach (var s in _toSave)
            {
                _projector.Project(null, s);
            }
            _projector.WriteTo(statements);
            Saved += _toSave.Count;
            _toSave.Clear();
        }

        private void Apply(IngestEvent e)
        {
            var parsed = Parse(_parser, e).Ticket ?? throw new InvalidOperationException($"Simulated event {e.Id} is not a ticket event.");
            var original = parsed.DuplicateOf is string d ? _open.GetValueOrDefault(d) ?? _recentlyFinished.GetValueOrDefault(d) : null;
            var t = seeder._workflow.Apply(_open.GetValueOrDefault(parsed.TicketCode), parsed, original);
            var state = t.State ?? throw new InvalidOperationException($"Simulated event {e.Id} refused: {t.Error}");
            if (_lastEventId.GetValueOrDefault(parsed.TicketCode) == e.Id)
            {
                _open.Remove(parsed.TicketCode);
                _lastEventId.Remove(parsed.TicketCode);
                _recentlyFinished[parsed.TicketCode] = state;
                _toSave.Add(state);
            }
            else
            {
                _open[parsed.TicketCode] = state;
            }
        }
    }
}

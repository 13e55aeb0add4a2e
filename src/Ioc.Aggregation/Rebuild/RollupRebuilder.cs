using System.Diagnostics;
using System.Text.Json;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Domain;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Rebuild;

/// <param name="RollupDifferences">Rows (with some non-zero measure) present on one side only, summed over the rollup tables.</param>
/// <param name="StateDifferences">Dossiers, tickets and documents whose stored state differs from the replayed one.</param>
public sealed record RebuildReport(
    long Events,
    int Dossiers,
    int Tickets,
    int ReplayErrors,
    long RollupDifferences,
    int StateDifferences,
    bool Replaced,
    TimeSpan Elapsed,
    int Documents = 0)
{
    public bool Agrees => ReplayErrors == 0 && RollupDifferences == 0 && StateDifferences == 0;
}

/// <summary>
/// Recomputes every rollup from the raw event store, compares with the incrementally maintained
/// rollups and states, and (unless only checking) replaces the rollups with the recomputed ones.
/// Dossiers and documents are replayed one at a time in event-code order, so memory stays flat however large the
/// store; tickets are replayed in acceptance order, because a duplicate verdict reads its original.
/// </summary>
public sealed class RollupRebuilder(IngestPipeline pipeline, ReferenceCatalog catalog, WorkingCalendar calendar, ILogger<RollupRebuilder> logger)
{
    private const string Prefix = "rebuild_";

    private readonly EventParser _replay = EventParser.ForReplay(catalog);
    private const int FlushEvery = 5_000;

    public Task<RebuildReport> RunAsync(bool replace, CancellationToken ct = default) =>
        pipeline.RunExclusiveAsync(statements => Run(statements, replace, ct), ct);

    private RebuildReport Run(WriterStatements statements, bool replace, CancellationToken ct)
    {
        var c = statements.Connection;
        var clock = Stopwatch.StartNew();
        using var tx = c.BeginTransaction();
        Execute(c, tx, $"DROP TABLE IF EXISTS {Prefix}DossierRollups; DROP TABLE IF EXISTS {Prefix}TicketRollups; DROP TABLE IF EXISTS {Prefix}TicketAnswerTimes; DROP TABLE IF EXISTS {Prefix}DocumentRollups;");
        foreach (var table in Tables)
        {
            Execute(c, tx, table.CreateSql(Prefix + table.Name));
        }
        Execute(c, tx, $"CREATE TABLE {Prefix}TicketAnswerTimes (UnitId INTEGER NOT NULL, Dimension INTEGER NOT NULL, DimensionValue INTEGER NOT NULL, Grain INTEGER NOT NULL, Period INTEGER NOT NULL, Hours INTEGER NOT NULL, Count INTEGER NOT NULL, PRIMARY KEY (UnitId, Dimension, DimensionValue, Grain, Period, Hours)) WITHOUT ROWID");

        var projector = new RollupProjector(catalog);
        var counts = new Counts();
        ReplayDossiers(statements, tx, projector, counts, ct);
        ReplayTickets(statements, tx, projector, counts, ct);
        ReplayDocuments(statements, tx, projector, counts, ct);
        projector.WriteTo(statements, Prefix);

        long differences = 0;
        foreach (var table in Tables)
        {
            differences += Difference(c, tx, table.NonZeroSelect(table.Name), table.NonZeroSelect(Prefix + table.Name));
        }
        const string answers = "SELECT UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count FROM {0} WHERE Count <> 0";
        differences += Difference(c, tx, string.Format(answers, "TicketAnswerTimes"), string.Format(answers, Prefix + "TicketAnswerTimes"));

        // Events that no longer replay would be missing from recomputed rollups: keep the
        // incremental ones rather than lose that history from every indicator.
        var replaced = replace && counts.ReplayErrors == 0;
        if (replaced)
        {
            foreach (var table in Tables)
            {
                var columns = string.Join(", ", table.KeyColumns.Concat(table.Measures));
                Execute(c, tx, $"DELETE FROM {table.Name}; INSERT INTO {table.Name} ({columns}) SELECT {columns} FROM {Prefix}{table.Name};");
            }
            Execute(c, tx, $"DELETE FROM TicketAnswerTimes; INSERT INTO TicketAnswerTimes (UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count) SELECT UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count FROM {Prefix}TicketAnswerTimes;");
        }
        Execute(c, tx, $"DROP TABLE {Prefix}DossierRollups; DROP TABLE {Prefix}TicketRollups; DROP TABLE {Prefix}TicketAnswerTimes; DROP TABLE {Prefix}DocumentRollups;");
        tx.Commit();

        var report = new RebuildReport(counts.Events, counts.Dossiers, counts.Tickets, counts.ReplayErrors, differences, counts.StateDifferences, replaced, clock.Elapsed, counts.Documents);
        Telemetry.IocMetrics.Rebuilt(report.Elapsed);
        logger.LogInformation("Rebuild: {Events} events, {Dossiers} dossiers, {Tickets} tickets, {Documents} documents in {Elapsed}; {Differences} rollup rows and {States} states differed; {Errors} replay errors",
            report.Events, report.Dossiers, report.Tickets, report.Documents, report.Elapsed, report.RollupDifferences, report.StateDifferences, report.ReplayErrors);
        return report;
    }

    /// <summary>The rollup tables with measures (answer times have their own shape).</summary>
    private static readonly RollupTable[] Tables = [RollupTable.Dossiers, RollupTable.Tickets, RollupTable.Documents];

    private sealed class Counts
    {
        public int Documents;
        public long Events;
        public int Dossiers;
        public int Tickets;
        public int ReplayErrors;
        public int StateDifferences;
    }

    private void ReplayDossiers(WriterStatements statements, SqliteTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct) =>
        ReplayInCodeOrder<DossierState>(statements, tx, projector, counts, "dossier", s => s.Code,
            (state, p) => p.Dossier is DossierEvent e ? DossierLifecycle.Apply(state, e, catalog, calendar) : null,
            s =>
            {
                projector.Project(null, s);
                counts.Dossiers++;
            },
            replayed => CompareDossiers(statements, tx, replayed), ct);

    private void ReplayDocuments(WriterStatements statements, SqliteTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct) =>
        ReplayInCodeOrder<DocumentState>(statements, tx, projector, counts, "document", s => s.Code,
            (state, p) => p.Document is DocumentEvent e ? DocumentLifecycle.Apply(state, e) : null,
            s =>
            {
                projector.Project(null, s);
                counts.Documents++;
            },
            replayed =>
            {
                var stored = DocumentStore.Load(statements, tx, replayed.Keys);
                return replayed.Count(kv => stored.GetValueOrDefault(kv.Key) != kv.Value);
            }, ct);

    /// <summary>
    /// Replays a family whose entities are independent of each other one entity at a time, in code order, so
    /// that memory stays flat however large the store: every <see cref="FlushEvery"/> entities the replayed
    /// states are compared with the stored ones and the recomputed rollups are written.
    /// </summary>
    /// <param name="apply">The transition of one stored event, or null when the event is not of this family.</param>
    /// <param name="compare">How many of the replayed states differ from the stored ones.</param>
    private void ReplayInCodeOrder<TState>(WriterStatements statements, SqliteTransaction tx, RollupProjector projector, Counts counts,
        string family, Func<TState, string> codeOf, Func<TState?, ParsedEvent, Transition<TState>?> apply, Action<TState> finished,
        Func<Dictionary<string, TState>, int> compare, CancellationToken ct) where TState : class
    {
        using var cmd = statements.Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT EntityCode, Payload FROM Events WHERE Type >= '{family}.' AND Type < '{family}/' ORDER BY EntityCode, Seq";
        using var r = cmd.ExecuteReader();
        var replayed = new Dictionary<string, TState>(StringComparer.Ordinal);
        string? code = null;
        TState? state = null;

        void Compare()
        {
            counts.StateDifferences += compare(replayed);
            replayed.Clear();
        }

        void Finish()
        {
            if (state is not null)
            {
                finished(state);
                replayed[codeOf(state)] = state;
            }
            if (replayed.Count >= FlushEvery)
            {
                Compare();
                projector.WriteTo(statements, Prefix);
                ct.ThrowIfCancellationRequested();
            }
        }

        while (r.Read())
        {
            var entity = r.GetString(0);
            if (entity != code)
            {
                Finish();
                code = entity;
                state = null;
            }
            counts.Events++;
            if (Parse(r.GetString(1), counts) is ParsedEvent p && apply(state, p) is Transition<TState> t)
            {
                if (t.Succeeded)
                {
                    state = t.State;
                }
                else
                {
                    counts.ReplayErrors++;
                    logger.LogWarning("Replay of {Family} {Code} failed: {Error}", family, entity, t.Error);
                }
            }
        }
        Finish();
        Compare();
    }

    private void ReplayTickets(WriterStatements statements, SqliteTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct)
    {
        var c = statements.Connection;
        var workflow = new TicketWorkflow(catalog, calendar);
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT EntityCode, Payload FROM Events WHERE Type >= 'ticket.' AND Type < 'ticket/' ORDER BY Seq";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                counts.Events++;
                if (Parse(r.GetString(1), counts) is not { Ticket: TicketEvent e })
                {
                    continue;
                }
                var original = e.DuplicateOf is string d ? states.GetValueOrDefault(d) : null;
                var t = workflow.Apply(states.GetValueOrDefault(e.TicketCode), e, original);
                if (t.Succeeded)
                {
                    states[e.TicketCode] = t.State!;
                }
                else
                {
                    counts.ReplayErrors++;
                    logger.LogWarning("Replay of ticket {Code} failed: {Error}", e.TicketCode, t.Error);
                }
            }
        }
        ct.ThrowIfCancellationRequested();
        foreach (var s in states.Values)
        {
            projector.Project(null, s);
        }
        counts.Tickets = states.Count;
        foreach (var chunk in states.Values.Chunk(FlushEvery))
        {
            var stored = StateStore.LoadTickets(statements, tx, [.. chunk.Select(s => s.Code)]);
            counts.StateDifferences += chunk.Count(s => stored.GetValueOrDefault(s.Code) != s);
        }
    }

    private static int CompareDossiers(WriterStatements statements, SqliteTransaction tx, Dictionary<string, DossierState> replayed)
    {
        var stored = StateStore.LoadDossiers(statements, tx, replayed.Keys);
        return replayed.Count(kv => !stored.TryGetValue(kv.Key, out var other) || !SameDossier(kv.Value, other));
    }

    private static bool SameDossier(DossierState a, DossierState b) =>
        a with { Pauses = [] } == b with { Pauses = [] } && a.Pauses.SequenceEqual(b.Pauses);

    private ParsedEvent? Parse(string payload, Counts counts)
    {
        var wire = JsonSerializer.Deserialize(payload, IngestJsonContext.Default.IngestEvent);
        var errors = new List<IngestError>();
        var parsed = wire is null ? null : _replay.Parse(0, wire, errors);
        if (parsed is null)
        {
            counts.ReplayErrors++;
            logger.LogWarning("Stored event no longer parses: {Errors}", string.Join("; ", errors.Select(e => e.Message)));
        }
        return parsed;
    }

    private static long Difference(SqliteConnection c, SqliteTransaction tx, string left, string right)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT (SELECT COUNT(*) FROM ({left} EXCEPT {right})) + (SELECT COUNT(*) FROM ({right} EXCEPT {left}))";
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

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
    private readonly EventParser _replay = EventParser.ForReplay(catalog);

    /// <summary>Entities replayed between two writes of the recomputed rollups (and comparisons of states); tests make it small to take that path with little data.</summary>
    internal int FlushEvery { get; set; } = 5_000;

    /// <summary>Runs with ingest held off; a rebuild that fails leaves the rollups as they were (one transaction).</summary>
    public Task<RebuildReport> RunAsync(bool replace, CancellationToken ct = default) =>
        pipeline.RunExclusiveOnStoreAsync(store =>
        {
            using var tx = store.BeginRebuild();
            return Run(tx, replace, ct);
        }, ct);

    private RebuildReport Run(IRebuildTransaction tx, bool replace, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var projector = new RollupProjector(catalog);
        var counts = new Counts();
        ReplayDossiers(tx, projector, counts, ct);
        ReplayTickets(tx, projector, counts, ct);
        ReplayDocuments(tx, projector, counts, ct);
        tx.WriteScratch(projector);

        var differences = tx.Differences();

        // Events that no longer replay would be missing from recomputed rollups: keep the
        // incremental ones rather than lose that history from every indicator.
        var replaced = replace && counts.ReplayErrors == 0;
        if (replaced)
        {
            tx.ReplaceRollups();
        }
        tx.Commit();

        var report = new RebuildReport(counts.Events, counts.Dossiers, counts.Tickets, counts.ReplayErrors, differences, counts.StateDifferences, replaced, clock.Elapsed, counts.Documents);
        Telemetry.IocMetrics.Rebuilt(report.Elapsed);
        logger.LogInformation("Rebuild: {Events} events, {Dossiers} dossiers, {Tickets} tickets, {Documents} documents in {Elapsed}; {Differences} rollup rows and {States} states differed; {Errors} replay errors",
            report.Events, report.Dossiers, report.Tickets, report.Documents, report.Elapsed, report.RollupDifferences, report.StateDifferences, report.ReplayErrors);
        return report;
    }

    private sealed class Counts
    {
        public int Documents;
        public long Events;
        public int Dossiers;
        public int Tickets;
        public int ReplayErrors;
        public int StateDifferences;
    }

    private void ReplayDossiers(IRebuildTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct) =>
        ReplayInCodeOrder<DossierState>(tx, projector, counts, "dossier", s => s.Code,
            (state, p) => p.Dossier is DossierEvent e ? DossierLifecycle.Apply(state, e, catalog, calendar) : null,
            s =>
            {
                projector.Project(null, s);
                counts.Dossiers++;
            },
            replayed =>
            {
                var stored = tx.LoadDossiers(replayed.Keys);
                return replayed.Count(kv => !stored.TryGetValue(kv.Key, out var other) || !SameDossier(kv.Value, other));
            }, ct);

    private void ReplayDocuments(IRebuildTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct) =>
        ReplayInCodeOrder<DocumentState>(tx, projector, counts, "document", s => s.Code,
            (state, p) => p.Document is DocumentEvent e ? DocumentLifecycle.Apply(state, e) : null,
            s =>
            {
                projector.Project(null, s);
                counts.Documents++;
            },
            replayed =>
            {
                var stored = tx.LoadDocuments(replayed.Keys);
                return replayed.Count(kv => stored.GetValueOrDefault(kv.Key) != kv.Value);
            }, ct);

    /// <summary>
    /// Replays a family whose entities are independent of each other one entity at a time, in code order, so
    /// that memory stays flat however large the store: every <see cref="FlushEvery"/> entities the replayed
    /// states are compared with the stored ones and the recomputed rollups are written.
    /// </summary>
    /// <param name="apply">The transition of one stored event, or null when the event is not of this family.</param>
    /// <param name="compare">How many of the replayed states differ from the stored ones.</param>
    private void ReplayInCodeOrder<TState>(IRebuildTransaction tx, RollupProjector projector, Counts counts,
        string family, Func<TState, string> codeOf, Func<TState?, ParsedEvent, Transition<TState>?> apply, Action<TState> finished,
        Func<Dictionary<string, TState>, int> compare, CancellationToken ct) where TState : class
    {
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
                tx.WriteScratch(projector);
                ct.ThrowIfCancellationRequested();
            }
        }

        foreach (var (entity, payload) in tx.Events(family, byEntity: true))
        {
            if (entity != code)
            {
                Finish();
                code = entity;
                state = null;
            }
            counts.Events++;
            if (Parse(payload, counts) is ParsedEvent p && apply(state, p) is Transition<TState> t)
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

    private void ReplayTickets(IRebuildTransaction tx, RollupProjector projector, Counts counts, CancellationToken ct)
    {
        var workflow = new TicketWorkflow(catalog, calendar);
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        foreach (var (_, payload) in tx.Events("ticket", byEntity: false))
        {
            counts.Events++;
            if (Parse(payload, counts) is not { Ticket: TicketEvent e })
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
        ct.ThrowIfCancellationRequested();
        foreach (var s in states.Values)
        {
            projector.Project(null, s);
        }
        counts.Tickets = states.Count;
        foreach (var chunk in states.Values.Chunk(FlushEvery))
        {
            var stored = tx.LoadTickets([.. chunk.Select(s => s.Code)]);
            counts.StateDifferences += chunk.Count(s => stored.GetValueOrDefault(s.Code) != s);
        }
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
}

using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// Turns state changes into rollup deltas: the contribution of the state after, minus that of the
/// state before, fanned out to every unit whose subtree holds the entity (precomputed subtree sums),
/// to the per-procedure or per-breakdown rows and to the "all" rows, per day and per month.
/// Ingest and rebuild both go through here.
/// </summary>
public sealed class RollupProjector(ReferenceCatalog catalog)
{
    private readonly ContributionBuffer _buffer = new();

    public RollupDeltas Dossiers { get; } = new(RollupTable.Dossiers);

    public RollupDeltas Tickets { get; } = new(RollupTable.Tickets);

    public AnswerTimeDeltas AnswerTimes { get; } = new();

    public RollupDeltas Documents { get; } = new(RollupTable.Documents);

    public int PendingRows => Dossiers.RowCount + Tickets.RowCount + AnswerTimes.Rows.Count + Documents.RowCount;

    public void Project(DossierState? before, DossierState? after)
    {
        var s = after ?? before;
        if (s is null)
        {
            return;
        }
        _buffer.Clear();
        if (before is not null)
        {
            DossierContribution.Emit(before, -1, _buffer);
        }
        if (after is not null)
        {
            DossierContribution.Emit(after, +1, _buffer);
        }
        var scopes = catalog.Units.Scopes(s.UnitId);
        foreach (var (day, measure, delta) in _buffer.Deltas)
        {
            foreach (var unit in scopes)
            {
                Dossiers.AddDayAndMonth(unit, s.ProcedureId, 0, day, measure, delta);
                Dossiers.AddDayAndMonth(unit, 0, 0, day, measure, delta);
            }
        }
    }

    public void Project(DocumentState? before, DocumentState? after)
    {
        // The unit of a document never changes, so one set of scopes serves both states.
        var s = after ?? before;
        if (s is null)
        {
            return;
        }
        _buffer.Clear();
        if (before is not null)
        {
            DocumentContribution.Emit(before, -1, _buffer);
        }
        if (after is not null)
        {
            DocumentContribution.Emit(after, +1, _buffer);
        }
        var scopes = catalog.Units.Scopes(s.UnitId);
        foreach (var (day, measure, delta) in _buffer.Deltas)
        {
            foreach (var unit in scopes)
            {
                Documents.AddDayAndMonth(unit, 0, 0, day, measure, delta);
            }
        }
    }

    public void Project(TicketState? before, TicketState? after)
    {
        if (before is not null)
        {
            ProjectTicket(before, -1);
        }
        if (after is not null)
        {
            ProjectTicket(after, +1);
        }
    }

    /// <summary>Units whose subtree holds this ticket: its responsible unit's scopes, or the province while unassigned.</summary>
    public IReadOnlyList<int> TicketScopes(TicketState s) =>
        s.UnitId is int u ? catalog.Units.Scopes(u) : [catalog.Units.Root.Id];

    private void ProjectTicket(TicketState s, int sign)
    {
        _buffer.Clear();
        TicketContribution.Emit(s, sign, _buffer);
        var scopes = TicketScopes(s);
        Span<(int Kind, int Value)> dims =
        [
            ((int)TicketDimension.All, 0),
            ((int)TicketDimension.Category, s.CategoryId ?? 0),
            ((int)TicketDimension.Channel, (int)s.Channel),
            ((int)TicketDimension.Commune, s.CommuneId ?? 0),
        ];
        foreach (var (day, measure, delta) in _buffer.Deltas)
        {
            foreach (var unit in scopes)
            {
                foreach (var (kind, value) in dims)
                {
                    Tickets.AddDayAndMonth(unit, kind, value, day, measure, delta);
                }
            }
        }
        foreach (var (day, hours, delta) in _buffer.AnswerTimes)
        {
            foreach (var unit in scopes)
            {
                foreach (var (kind, value) in dims)
                {
                    AnswerTimes.AddDayAndMonth(unit, kind, value, day, hours, delta);
                }
            }
        }
    }

    /// <param name="tablePrefix">Writes to prefixed copies of the rollup tables (rebuild) instead of the live ones.</param>
    public void WriteTo(WriterStatements statements, string tablePrefix = "")
    {
        Dossiers.WriteTo(statements, tablePrefix + RollupTable.Dossiers.Name);
        Tickets.WriteTo(statements, tablePrefix + RollupTable.Tickets.Name);
        AnswerTimes.WriteTo(statements, tablePrefix + AnswerTimeDeltas.TableName);
        Documents.WriteTo(statements, tablePrefix + RollupTable.Documents.Name);
        Clear();
    }

    public void Clear()
    {
        Dossiers.Clear();
        Tickets.Clear();
        AnswerTimes.Clear();
        Documents.Clear();
    }
}

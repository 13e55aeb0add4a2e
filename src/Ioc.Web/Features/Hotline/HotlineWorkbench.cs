using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;

namespace Ioc.Web.Features.Hotline;

/// <summary>Everything the ticket panel shows about one ticket, as this caller may see it.</summary>
/// <param name="Ticket">Reporter in clear only when <paramref name="ReporterInClear"/>.</param>
/// <param name="Suggestion">For tickets still waiting for triage, when the model has learned enough.</param>
/// <param name="Candidates">Possible duplicates, for tickets that may still be merged.</param>
/// <param name="Actions">What the workflow allows now, for callers who may triage; empty otherwise.</param>
public sealed record TicketPanelModel(
    TicketState Ticket,
    bool ReporterInClear,
    IReadOnlyList<TicketHistoryEntry> History,
    IReadOnlyList<TicketLink> Duplicates,
    TicketSuggestion? Suggestion,
    IReadOnlyList<DuplicateCandidate> Candidates,
    IReadOnlyList<TriageAction> Actions);

/// <summary>Composes the read services for the triage page; holds no state of its own.</summary>
public sealed class HotlineWorkbench(
    TicketQueries queries,
    TicketHistoryReader history,
    TicketSuggester suggester,
    DuplicateFinder duplicates,
    ReferenceCatalog catalog)
{
    public ReferenceCatalog Catalog => catalog;

    public async Task<TicketPanelModel?> LoadPanelAsync(AccessScope scope, string code, CancellationToken ct = default)
    {
        var ticket = await queries.FindAsync(scope, code, ct);
        if (ticket is null)
        {
            return null;
        }
        var log = await history.ReadAsync(code, ct);
        var merged = await queries.DuplicatesOfAsync(scope, code, ct);
        var waiting = TicketQuery.NeedsTriage.Contains(ticket.Status);
        var suggestion = waiting && scope.CanTriage ? suggester.Suggest(ticket) : null;
        var candidates = scope.CanTriage && TicketWorkflow.CanApply(ticket.Status, TicketEventKind.MarkedDuplicate)
            ? await duplicates.FindAsync(scope, ticket, ct)
            : [];
        var actions = scope.CanTriage ? TriageCommands.AllowedActions(ticket) : [];
        return new TicketPanelModel(ticket, scope.SeesReporters, log, merged, suggestion, candidates, actions);
    }

    /// <summary>Category of a text being typed at the desk, with the words that decided it.</summary>
    public TicketSuggestion? SuggestForText(string text, int? communeId) =>
        string.IsNullOrWhiteSpace(text) ? null : suggester.Suggest(text, communeId);
}

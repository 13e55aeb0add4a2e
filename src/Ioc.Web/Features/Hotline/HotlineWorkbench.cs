using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;

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
    private static readonly StringComparer VietnameseOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);

    private CommuneGuesser? _communes;

    public ReferenceCatalog Catalog => catalog;

    // Built once: the communes of the reference catalogue do not change while the process runs.
    private CommuneGuesser Communes => _communes ??= new CommuneGuesser(catalog.Units.All.Where(u => u.IsActiveOn(DateOnly.FromDateTime(DateTime.UtcNow))));

    /// <summary>Units a ticket in this scope may be filtered by: the scope's subtree, departments first, by name.</summary>
    public IEnumerable<Unit> ResponsibleUnits(AccessScope scope)
    {
        var root = scope.RootUnit(catalog.Units) ?? catalog.Units.Root.Id;
        return catalog.Units.Subtree(root).OrderBy(u => u.IsLocal).ThenBy(u => u.Kind).ThenBy(u => u.Name, VietnameseOrder);
    }

    /// <summary>Communes that take tickets on <paramref name="day"/>: retired and merged ones keep their tickets but take no new ones.</summary>
    public IEnumerable<Unit> ActiveCommunes(DateOnly day) =>
        catalog.Units.All.Where(u => u.IsLocal && u.IsActiveOn(day)).OrderBy(u => u.Name, VietnameseOrder);

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

    /// <summary>Possible duplicates of a call still being typed, from the same area and recent days.</summary>
    public Task<IReadOnlyList<DuplicateCandidate>> CandidatesForDraftAsync(AccessScope scope, DuplicateProbe draft, CancellationToken ct = default) =>
        draft.Text.Trim().Length < 12 ? Task.FromResult<IReadOnlyList<DuplicateCandidate>>([]) : duplicates.FindAsync(scope, draft, ct);

    /// <summary>The commune an address (or, failing that, the text) names, diacritics and "phường/xã" aside.</summary>
    public CommuneGuess? GuessCommune(string? address, string? text) => Communes.Guess(address) ?? Communes.Guess(text);

    /// <summary>Tickets an operator can name as the original of a duplicate, found by code or words, newest first.</summary>
    public async Task<IReadOnlyList<TicketState>> SearchOriginalsAsync(AccessScope scope, string search, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return [];
        }
        var page = await queries.SearchAsync(scope, new TicketQuery
        {
            Search = search.Trim(),
            Sort = TicketSortField.CreatedAt,
            Descending = true,
            Take = 8,
        }, ct);
        return [.. page.Items.Select(i => i.Ticket).Where(t => t.Status is not (TicketStatus.Duplicate or TicketStatus.Rejected))];
    }

    /// <summary>Category of a text being typed at the desk, with the words that decided it.</summary>
    public TicketSuggestion? SuggestForText(string text, int? communeId) =>
        string.IsNullOrWhiteSpace(text) ? null : suggester.Suggest(text, communeId);
}

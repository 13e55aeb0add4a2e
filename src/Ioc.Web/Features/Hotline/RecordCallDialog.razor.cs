using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Ioc.Web.Features.Hotline;

/// <summary>What the desk recorded: the call, and the earlier ticket it repeats when the operator picked one.</summary>
public sealed record RecordedCall(NewCall Call, string? DuplicateOf);

/// <summary>
/// A phone call as a ticket in a few keystrokes: type the text (a confident category is applied,
/// with an undo), the address (the commune is guessed from it), Tab through the rest, Ctrl+Enter.
/// While typing, tickets from the same area and recent days that may report the same matter are
/// listed with the reason; picking one records the call as its duplicate.
/// </summary>
public sealed partial class RecordCallDialog : IDisposable
{
    /// <summary>From this probability the suggested category is applied without asking ("rất có thể" in the panel).</summary>
    public const double ApplyFrom = 0.9;

    private readonly CallForm _model = new();
    private TicketSuggestion? _suggestion;
    private int? _appliedSuggestion;
    private bool _categoryByHand;
    private bool _communeByHand;
    private CommuneGuess? _communeGuess;
    private IReadOnlyList<DuplicateCandidate> _candidates = [];
    private string? _duplicateOf;
    private CancellationTokenSource? _lookup;
    private string? _problem;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public AccessScope Scope { get; set; } = AccessScope.Anonymous;

    [Inject]
    public required ReferenceCatalog Catalog { get; init; }

    [Inject]
    public required HotlineWorkbench Workbench { get; init; }

    [Inject]
    public required ProvinceClock Clock { get; init; }

    private IEnumerable<Unit> Communes => Catalog.Units.All.Where(u => u.IsLocal && u.IsActiveOn(ProvinceTime.LocalDate(Clock.UtcNow)))
        .OrderBy(u => u.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false));

    private string CategoryValue
    {
        get => _model.CategoryId?.ToString(CultureInfo.InvariantCulture) ?? "";
        set
        {
            _model.CategoryId = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
            _categoryByHand = true;
            _appliedSuggestion = null;
        }
    }

    private string CommuneValue
    {
        get => _model.CommuneId?.ToString(CultureInfo.InvariantCulture) ?? "";
        set
        {
            _model.CommuneId = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
            _communeByHand = true;
        }
    }

    private async Task TextChangedAsync()
    {
        _suggestion = _model.Text.Length >= 12 ? Workbench.SuggestForText(_model.Text, _model.CommuneId) : null;
        if (!_categoryByHand)
        {
            // Confident: applied (the operator sees it, and can undo); otherwise only offered.
            _model.CategoryId = _suggestion is { CategoryId: int c, Probability: >= ApplyFrom } ? c : null;
            _appliedSuggestion = _model.CategoryId;
        }
        GuessCommune();
        await LookUpSoonAsync();
    }

    private async Task AddressChangedAsync()
    {
        GuessCommune();
        await LookUpSoonAsync();
    }

    private void GuessCommune()
    {
        if (_communeByHand)
        {
            return;
        }
        _communeGuess = Workbench.GuessCommune(_model.Address, _model.Text);
        _model.CommuneId = _communeGuess?.CommuneId;
    }

    private void ApplySuggestion(int category)
    {
        _model.CategoryId = category;
        _appliedSuggestion = category;
        _categoryByHand = false;
    }

    /// <summary>Takes back an applied suggestion; the operator chooses (or leaves it to triage).</summary>
    private void UndoSuggestion()
    {
        _model.CategoryId = null;
        _appliedSuggestion = null;
        _categoryByHand = true;
    }

    /// <summary>Looks for possible duplicates once the operator pauses typing.</summary>
    private async Task LookUpSoonAsync()
    {
        _lookup?.Cancel();
        var cts = _lookup = new CancellationTokenSource();
        try
        {
            await Task.Delay(300, cts.Token);
            var draft = new DuplicateProbe(null, _model.Text, Clock.UtcNow)
            {
                Address = _model.Address,
                CommuneId = _model.CommuneId,
                Phone = _model.ReporterPhone,
                CategoryId = _categoryByHand ? _model.CategoryId : null,
            };
            _candidates = await Workbench.CandidatesForDraftAsync(Scope, draft, cts.Token);
            if (_duplicateOf is not null && _candidates.All(c => c.Ticket.Code != _duplicateOf))
            {
                _duplicateOf = null;
            }
            StateHasChanged();
        }
        catch (OperationCanceledException)
        {
            // The operator typed on; a newer look-up follows.
        }
    }

    private void ToggleDuplicate(string code) => _duplicateOf = _duplicateOf == code ? null : code;

    private Task SubmitAsync()
    {
        if (string.IsNullOrWhiteSpace(_model.Text))
        {
            _problem = T["Hãy nhập nội dung phản ánh."];
            return Task.CompletedTask;
        }
        Dialog.Close(DialogResult.Ok(new RecordedCall(new NewCall(_model.Text.Trim())
        {
            CategoryId = _model.CategoryId,
            CommuneId = _model.CommuneId,
            Address = _model.Address,
            ReporterName = _model.ReporterName,
            ReporterPhone = _model.ReporterPhone,
            IsPublic = _model.IsPublic,
            Urgency = _model.Urgency,
        }, _duplicateOf)));
        return Task.CompletedTask;
    }

    public void Dispose() => _lookup?.Cancel();

    private sealed class CallForm
    {
        public string Text { get; set; } = "";
        public int? CategoryId { get; set; }
        public int? CommuneId { get; set; }
        public string? Address { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
        public bool IsPublic { get; set; }
        public TicketUrgency Urgency { get; set; }
    }
}

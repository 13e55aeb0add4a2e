using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The 1022 operators' workbench: the queue (server-side filters, sorting, paging, search), the
/// selected ticket with its suggestion, possible duplicates, actions and log, and keyboard
/// shortcuts. Live: changed tickets re-read the current page in place; new arrivals are
/// highlighted and the operator's row stays where it was on screen.
/// </summary>
public sealed partial class HotlinePage : LiveComponent
{
    private static readonly DialogOptions DialogOptions = new()
    {
        CloseOnEscapeKey = true,
        MaxWidth = MaxWidth.Medium,
        DefaultFocus = DefaultFocus.None,
    };

    /// <summary>Countdowns move on; a minute is the finest step they show.</summary>
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(15);

    private readonly QueueState _queue = new();
    private readonly HashSet<string> _createdSince = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private AccessScope _scope = AccessScope.Anonymous;
    private string _actor = "";
    private TicketWorkflow _workflow = default!;
    private QueueView _defaultView;
    private QueueFilter _filter = new();
    private string _searchText = "";
    private TicketQueueCounts? _counts;
    private TicketPanelModel? _panel;
    private string? _panelMissing;
    private ActionFailure? _failure;
    private KpiSnapshot? _today;
    private KpiSnapshot? _year;
    private DateTimeOffset _now;
    private bool _busy;
    private bool _soundOn;
    private bool _initialized;
    private bool _refreshing;
    private bool _refreshAgain;
    private bool _restoreAnchor;
    private string? _scrollTo;
    private CancellationTokenSource? _searchDebounce;
    private TicketQueueTable? _table;
    private HotlineInterop? _interop;
    private HotlineAddress _address = new(QueueView.Triage);
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [Parameter]
    public string? Code { get; set; }

    [Inject]
    public required HotlineWorkbench Workbench { get; init; }

    [Inject]
    public required TicketQueries Queries { get; init; }

    [Inject]
    public required TriageCommands Commands { get; init; }

    [Inject]
    public required IndicatorQueries Indicators { get; init; }

    [Inject]
    public required CurrentUser User { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required ProvinceClock Clock { get; init; }

    [Inject]
    public required WorkingCalendar Calendar { get; init; }

    [Inject]
    public required IOptions<KpiThresholds> ThresholdOptions { get; init; }

    [Inject]
    public required ILogger<HotlinePage> Logger { get; init; }

    private ReferenceCatalog Catalog => Workbench.Catalog;

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private string ScopeLabel => _scope.Role == IocRoles.DepartmentHead && _scope.UnitId is int unit
        ? T.Format("Phiếu chuyển cho {0}", Catalog.Units.Find(unit)?.Name)
        : T["Toàn tỉnh"];

    private IEnumerable<(QueueView View, string Label, int? Count)> Tabs =>
    [
        (QueueView.Triage, T["Cần phân loại"], _counts?.NeedsTriage),
        (QueueView.Open, T["Đang mở"], _counts?.Open),
        (QueueView.Overdue, T["Quá hạn"], _counts?.Overdue),
        (QueueView.DueSoon, T["Đến hạn trong 24 giờ"], _counts?.DueWithin24Hours),
        (QueueView.All, T["Tất cả"], null),
    ];

    private IEnumerable<Unit> ResponsibleUnits
    {
        get
        {
            var vi = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
            var root = _scope.RootUnit(Catalog.Units) ?? Catalog.Units.Root.Id;
            return Catalog.Units.Subtree(root).OrderBy(u => u.IsLocal).ThenBy(u => u.Kind).ThenBy(u => u.Name, vi);
        }
    }

    // Retired and merged communes keep their tickets but take no new ones.
    private IEnumerable<Unit> Communes => Catalog.Units.All.Where(u => u.IsLocal && u.IsActiveOn(Domain.Time.ProvinceTime.LocalDate(Clock.UtcNow)))
        .OrderBy(u => u.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false));

    private string EmptyText => _filter.HasNarrowing ? T["Không có phiếu nào khớp bộ lọc."] : _filter.View switch
    {
        QueueView.Triage => T["Không còn phiếu nào chờ phân loại."],
        QueueView.Overdue => T["Không có phiếu quá hạn."],
        _ => T["Không có phiếu nào."],
    };

    private string PagerText => _queue.Total == 0
        ? T["0 phiếu"]
        : T.Format("{0}–{1} / {2} phiếu", Format.Number(_filter.Page * _filter.PageSize + 1),
            Format.Number(Math.Min(_queue.Total, (_filter.Page + 1) * _filter.PageSize)), Format.Number(_queue.Total));

    private string ExportHref(string format) => _address.Export(_filter, format);

    protected override async Task OnInitializedAsync()
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        _scope = await User.ScopeAsync();
        _actor = await User.ActorAsync();
        _workflow = new TicketWorkflow(Catalog, Calendar);
        _defaultView = _scope.CanTriage ? QueueView.Triage : QueueView.Open;
        _address = new HotlineAddress(_defaultView);
        _filter = _address.Parse(new Uri(Navigation.Uri));
        _searchText = _filter.Search ?? "";
        _now = Clock.UtcNow;
        await LoadQueueAsync(live: false);
        if (Code is not null)
        {
            await SelectAsync(Code, updateUrl: false);
        }
        var unit = _scope.RootUnit(Catalog.Units) ?? Catalog.Units.Root.Id;
        var todayKey = new KpiStreamKey(unit, KpiWindow.Today);
        var yearKey = new KpiStreamKey(unit, KpiWindow.Year);
        _today = Hub.Latest(todayKey) ?? await Indicators.SnapshotAsync(todayKey, 0);
        _year = Hub.Latest(yearKey) ?? await Indicators.SnapshotAsync(yearKey, 0);
        Watch(_scope, todayKey, s =>
        {
            UseCircuitCulture();
            _today = s;
        });
        Watch(_scope, yearKey, s =>
        {
            UseCircuitCulture();
            _year = s;
        });
        WatchTickets(OnTicketsChangedAsync);
        if (RendererInfo.IsInteractive)
        {
            _ = TickAsync(_stop.Token);
        }
        _initialized = true;
    }

    protected override async Task OnParametersSetAsync()
    {
        // The address follows the selection; when an operator moves fast, the navigations arrive
        // after the selection has moved on again: those are ours and must not move it back.
        var uri = Navigation.Uri;
        if (_address.IsOwn(uri))
        {
            return;
        }
        // Someone followed a link to another ticket (/hotline/{code}) while the page was open.
        if (_initialized && Code is not null && Code != _queue.Selected)
        {
            await SelectAsync(Code, updateUrl: false);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _interop = new HotlineInterop(JS);
            await _interop.AttachAsync(this);
            _scrollTo = _queue.Selected;
            // Off unless this browser turned it on: a desk that beeps unasked is a desk that gets muted.
            _soundOn = await _interop.SoundRememberedAsync();
            StateHasChanged();
        }
        if (_interop is null || _table is null)
        {
            return;
        }
        if (_restoreAnchor)
        {
            _restoreAnchor = false;
            await _interop.RestoreAnchorAsync(_table.ScrollElement);
        }
        if (_scrollTo is string code)
        {
            _scrollTo = null;
            await _interop.RevealRowAsync(_table.ScrollElement, code);
        }
    }

    /// <summary>Called by HotlinePage.razor.js for a shortcut key (never while the operator types in a field or a dialog is open).</summary>
    [JSInvokable]
    public Task OnShortcut(string shortcut) => InvokeAsync(async () =>
    {
        switch (shortcut)
        {
            case "next":
                await SelectAsync(_queue.Next());
                break;
            case "previous":
                await SelectAsync(_queue.Previous());
                break;
            case "route":
                await OpenActionAsync(TriageAction.Route);
                break;
            case "classify":
                await OpenActionAsync(TriageAction.Classify);
                break;
            case "urgency":
                await OpenActionAsync(TriageAction.SetUrgency);
                break;
            case "duplicate":
                await OpenActionAsync(TriageAction.MarkDuplicate);
                break;
            case "reject":
                await OpenActionAsync(TriageAction.Reject);
                break;
            case "check":
                if (_queue.Selected is string selected && _scope.CanTriage)
                {
                    _queue.ToggleChecked(selected);
                }
                break;
            case "new":
                await RecordCallAsync();
                break;
            case "answer":
                await OpenActionAsync(TriageAction.Answer);
                break;
            case "export":
                // A file response: the browser downloads it and the workbench stays where it is.
                Navigation.NavigateTo(ExportHref("xlsx"), forceLoad: true);
                break;
            case "help":
                await ShowShortcutsAsync();
                break;
        }
        StateHasChanged();
    });

    private async Task SelectAsync(string? code, bool updateUrl = true)
    {
        if (code is null)
        {
            return;
        }
        if (code != _queue.Selected)
        {
            _failure = null;
        }
        _queue.Select(code);
        _scrollTo = code;
        await LoadPanelAsync();
        if (updateUrl)
        {
            UpdateUrl();
        }
    }

    private async Task LoadPanelAsync()
    {
        if (_queue.Selected is not string code)
        {
            _panel = null;
            return;
        }
        _panel = await Workbench.LoadPanelAsync(_scope, code);
        _panelMissing = _panel is null ? code : null;
    }

    private async Task LoadQueueAsync(bool live)
    {
        var page = await Queries.SearchAsync(_scope, _filter.ToQuery());
        if (page.Items.Count == 0 && _filter.Page > 0 && page.Total > 0)
        {
            // The page emptied under us (tickets left the queue): show the last one that has rows.
            _filter = _filter with { Page = (page.Total - 1) / _filter.PageSize };
            page = await Queries.SearchAsync(_scope, _filter.ToQuery());
        }
        if (live && _interop is { IsReady: true } && _table is not null)
        {
            // Note where the operator's row is on screen before rows move, and put it back after rendering.
            _restoreAnchor = await _interop.CaptureAnchorAsync(_table.ScrollElement, _queue.Selected);
        }
        var now = DateTimeOffset.UtcNow;
        var fresh = _queue.Apply(page, _createdSince, now);
        var missed = _createdSince.Where(c => page.Items.All(i => i.Ticket.Code != c)).ToList();
        if (live && missed.Count > 0)
        {
            // Arrivals of this tab that landed on another page (by deadline, a 10-day ticket lands far down):
            // the newest of the tab tell which of them belong here.
            var newest = await Queries.SearchAsync(_scope, _filter.ToQuery() with
            {
                Sort = TicketSortField.CreatedAt,
                Descending = true,
                Skip = 0,
                Take = Math.Min(200, missed.Count + 20),
            });
            fresh += _queue.NoteOffPage(newest.Items.Select(i => i.Ticket.Code).Where(missed.Contains));
        }
        _createdSince.Clear();
        if (live && fresh > 0 && _soundOn && _interop is not null)
        {
            await _interop.ChimeAsync();
        }
        _counts = await Queries.CountsAsync(_scope);
    }

    /// <summary>
    /// Returns at once: the hub client awaits its watchers one after another on the one connection
    /// that serves every circuit, so the re-read runs on this circuit's own time.
    /// </summary>
    private Task OnTicketsChangedAsync(TicketFeedUpdate update)
    {
        UseCircuitCulture();
        foreach (var change in update.Changes.Where(c => c.Kind == TicketChangeKind.Created))
        {
            _createdSince.Add(change.TicketCode);
        }
        _ = RefreshInBackgroundAsync();
        return Task.CompletedTask;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            UseCircuitCulture();
            await RefreshAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser went away mid-refresh; the circuit is about to be disposed.
        }
    }

    /// <summary>Re-reads the current page and the open ticket; calls that arrive meanwhile are merged into one more pass.</summary>
    private async Task RefreshAsync()
    {
        if (_refreshing)
        {
            _refreshAgain = true;
            return;
        }
        _refreshing = true;
        try
        {
            do
            {
                _refreshAgain = false;
                _now = Clock.UtcNow;
                await LoadQueueAsync(live: true);
                await LoadPanelAsync();
            }
            while (_refreshAgain);
        }
        finally
        {
            _refreshing = false;
        }
    }

    private async Task ReloadAsync()
    {
        _queue.Reset();
        await LoadQueueAsync(live: false);
        UpdateUrl();
    }

    private async Task SetViewAsync(QueueView view)
    {
        _filter = _filter with { View = view, Status = null, Page = 0 };
        await ReloadAsync();
    }

    private async Task SetFilterAsync(Func<QueueFilter, QueueFilter> change)
    {
        _filter = change(_filter) with { Page = 0 };
        await ReloadAsync();
    }

    private Task OnCategoryAsync(ChangeEventArgs e) => SetFilterAsync(f => e.Value as string == "none"
        ? f with { CategoryId = null, Uncategorized = true }
        : f with { CategoryId = ParseId(e.Value), Uncategorized = false });

    private async Task ClearFiltersAsync()
    {
        _searchText = "";
        _filter = new QueueFilter { View = _filter.View, Sort = _filter.Sort, Descending = _filter.Descending, PageSize = _filter.PageSize };
        await ReloadAsync();
    }

    private async Task SortAsync(TicketSortField field)
    {
        _filter = _filter with { Sort = field, Descending = _filter.Sort == field && !_filter.Descending, Page = 0 };
        await ReloadAsync();
    }

    private async Task PageAsync(int delta)
    {
        _filter = _filter with { Page = Math.Max(0, _filter.Page + delta) };
        await ReloadAsync();
    }

    private Task ApplySearchAsync()
    {
        _searchDebounce?.Cancel();
        return SetFilterAsync(f => f with { Search = string.IsNullOrWhiteSpace(_searchText) ? null : _searchText.Trim() });
    }

    /// <summary>Searches as the operator types, once they pause.</summary>
    private async Task SearchTypedAsync()
    {
        _searchDebounce?.Cancel();
        var cts = _searchDebounce = new CancellationTokenSource();
        try
        {
            await Task.Delay(350, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if ((_filter.Search ?? "") != _searchText.Trim())
        {
            await ApplySearchAsync();
        }
    }

    /// <summary>Brings the tab's off-page arrivals into view: newest first, from the first page, highlighted.</summary>
    private async Task ShowOffPageArrivalsAsync()
    {
        var codes = _queue.TakeOffPage();
        _filter = _filter with { Sort = TicketSortField.CreatedAt, Descending = true, Page = 0 };
        _queue.Reset();
        await LoadQueueAsync(live: false);
        _queue.MarkArrivals(codes, DateTimeOffset.UtcNow);
        UpdateUrl();
        if (codes.FirstOrDefault(c => _queue.Items.Any(i => i.Ticket.Code == c)) is string first)
        {
            _scrollTo = first;
        }
    }

    private async Task ToggleSoundAsync()
    {
        _soundOn = !_soundOn;
        if (_interop is not null)
        {
            await _interop.RememberSoundAsync(_soundOn);
            if (_soundOn)
            {
                await _interop.ChimeAsync();
            }
        }
    }

    private async Task ShowArrivalsAsync()
    {
        if (_queue.Arrivals.FirstOrDefault() is string first)
        {
            await SelectAsync(first);
        }
    }

    private async Task OpenActionAsync(TriageAction action)
    {
        if (!_scope.CanTriage)
        {
            return;
        }
        if (_panel is null)
        {
            Snackbar.Add(T["Hãy chọn một phiếu trước (phím j, k)."], Severity.Info);
            return;
        }
        var ticket = _panel.Ticket;
        if (!_panel.Actions.Contains(action))
        {
            Snackbar.Add(HotlineText.Refusal(new TriageRefusal(ticket.Code, action, "ticket.transition", "", ticket.Status)), Severity.Warning);
            return;
        }
        var parameters = new DialogParameters<TriageDialog>
        {
            { x => x.Action, action },
            { x => x.Codes, new[] { ticket.Code } },
            { x => x.Ticket, ticket },
            { x => x.Suggestion, _panel.Suggestion },
            { x => x.Candidates, _panel.Candidates },
            { x => x.SearchOriginals, (text, ct) => Workbench.SearchOriginalsAsync(_scope, text, ct) },
        };
        if (await AskAsync(parameters) is TriageRequest template)
        {
            await ApplyAsync([template with { TicketCode = ticket.Code, IfUnchangedSince = ticket.LastEventAt }], ticket);
        }
    }

    private async Task BulkAsync(TriageAction action)
    {
        var codes = _queue.Checked.Order(StringComparer.Ordinal).ToArray();
        var parameters = new DialogParameters<TriageDialog>
        {
            { x => x.Action, action },
            { x => x.Codes, codes },
        };
        if (await AskAsync(parameters) is TriageRequest template)
        {
            await ApplyAsync([.. codes.Select(c => template with { TicketCode = c })]);
        }
    }

    private async Task<TriageRequest?> AskAsync(DialogParameters<TriageDialog> parameters)
    {
        var dialog = await Dialogs.ShowAsync<TriageDialog>(null, parameters, DialogOptions);
        await FocusDialogAsync();
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TriageRequest request } ? request : null;
    }

    /// <summary>One click: the later of two tickets becomes the duplicate of the earlier.</summary>
    private Task LinkAsync(DuplicateCandidate candidate)
    {
        if (_panel is null)
        {
            return Task.CompletedTask;
        }
        var current = _panel.Ticket;
        var currentIsLater = current.CreatedAt >= candidate.Ticket.CreatedAt;
        var (duplicate, original) = currentIsLater ? (current.Code, candidate.Ticket.Code) : (candidate.Ticket.Code, current.Code);
        var seen = currentIsLater ? current.LastEventAt : candidate.Ticket.LastEventAt;
        return ApplyAsync([new TriageRequest(TriageAction.MarkDuplicate, duplicate) { DuplicateOf = original, IfUnchangedSince = seen }]);
    }

    /// <param name="seen">The ticket as the operator saw it when they chose the action, to tell their changes from a colleague's on a retry.</param>
    private async Task ApplyAsync(IReadOnlyList<TriageRequest> requests, TicketState? seen = null)
    {
        _busy = true;
        _failure = null;
        StateHasChanged();
        TriageOutcome outcome;
        try
        {
            outcome = await Commands.ApplyAsync(_scope, _actor, requests);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // The database or the aggregation service could not take it. Nothing was stored (a batch is all
            // or nothing); the operator sees why where they acted, and can try again with one click.
            Logger.LogWarning(ex, "Triage action {Action} on {Tickets} could not be stored", requests[0].Action, string.Join(", ", requests.Select(r => r.TicketCode)));
            _failure = new ActionFailure(requests, T["Không lưu được thao tác: máy chủ xử lý đang không phản hồi. Chưa có gì thay đổi trên phiếu; hãy thử lại sau ít giây."]);
            return;
        }
        finally
        {
            _busy = false;
        }
        if (outcome.Applied.Count > 0)
        {
            var action = HotlineText.Action(requests[0].Action);
            Snackbar.Add(outcome.Applied.Count == 1 ? T.Format("{0}: đã cập nhật phiếu {1}.", action, outcome.Applied[0]) : T.Format("{0}: đã cập nhật {1} phiếu.", action, outcome.Applied.Count), Severity.Success);
            _queue.Checked.ExceptWith(outcome.Applied);
        }
        if (outcome.Refused.Count > 0)
        {
            // Shown in place, above the ticket's actions, until the next action: a toast is gone before it is read.
            var retry = outcome.Refused.Any(r => r.Code is "ticket.changed" or "event.out-of-order")
                ? [.. requests.Where(r => outcome.Refused.Any(f => f.TicketCode == r.TicketCode)).Select(r => KeepColleaguesChanges(r, seen))]
                : Array.Empty<TriageRequest>();
            var text = string.Join(" ", outcome.Refused.Take(5).Select(HotlineText.Refusal))
                + (outcome.Refused.Count > 5 ? " " + T.Format("… và {0} phiếu khác không cập nhật được.", outcome.Refused.Count - 5) : "");
            _failure = new ActionFailure(retry, text);
        }
        // Show the result now rather than when the live feed brings it.
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Re-reading the queue after a triage action failed");
        }
    }

    /// <summary>
    /// What the operator left as it was (the urgency, the category) is not sent again on a retry, so that
    /// the colleague's change to it stands; what they chose themselves is.
    /// </summary>
    private static TriageRequest KeepColleaguesChanges(TriageRequest r, TicketState? seen) => seen is null || seen.Code != r.TicketCode ? r : r with
    {
        Urgency = r.Urgency == seen.Urgency ? null : r.Urgency,
        CategoryId = r.CategoryId == seen.CategoryId ? null : r.CategoryId,
    };

    /// <summary>Retries what failed; after a colleague's change, the operator has seen the fresh ticket and acts on it as it is now.</summary>
    private async Task RetryAsync()
    {
        if (_failure is { Requests.Count: > 0 } failure)
        {
            var seen = _panel?.Ticket;
            await ApplyAsync([.. failure.Requests.Select(r => seen is not null && r.TicketCode == seen.Code && r.IfUnchangedSince is not null
                ? r with { IfUnchangedSince = seen.LastEventAt }
                : r)]);
        }
    }

    private async Task RecordCallAsync()
    {
        if (!_scope.CanTriage)
        {
            return;
        }
        var dialog = await Dialogs.ShowAsync<RecordCallDialog>(null, new DialogParameters<RecordCallDialog> { { x => x.Scope, _scope } }, DialogOptions);
        await FocusDialogAsync();
        if (await dialog.Result is not { Canceled: false, Data: RecordedCall recorded })
        {
            return;
        }
        var (code, refusal) = await Commands.RecordCallAsync(_scope, _actor, recorded.Call);
        if (code is null)
        {
            Snackbar.Add(HotlineText.Refusal(refusal!), Severity.Error);
            return;
        }
        Snackbar.Add(T.Format("Đã ghi nhận phiếu {0}.", code), Severity.Success);
        if (recorded.DuplicateOf is string original)
        {
            // The call is stored either way; the merge is its own action, reported (and retried) like any other.
            await ApplyAsync([new TriageRequest(TriageAction.MarkDuplicate, code) { DuplicateOf = original }]);
        }
        await RefreshAsync();
        await SelectAsync(code);
    }

    private async Task FocusDialogAsync()
    {
        if (_interop is not null)
        {
            await _interop.FocusSoonAsync(".mud-dialog-container [data-autofocus]");
        }
    }

    private async Task ShowShortcutsAsync() => await Dialogs.ShowAsync<ShortcutsDialog>((string?)null, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small });

    private void UpdateUrl()
    {
        var target = Navigation.BaseUri + _address.Of(_queue.Selected, _filter);
        if (target != Navigation.Uri)
        {
            _address.Navigating(target);
            Navigation.NavigateTo(target, replace: true);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(() =>
                {
                    _now = Clock.UtcNow;
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Hub callbacks arrive with the culture of the hub client's thread, not the reader's: put the
    /// reader's back before rendering (vi-VN "92,0 %", not "92.0%").
    /// </summary>
    private void UseCircuitCulture()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    private static int? ParseId(object? value) => int.TryParse(value as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static DateOnly? ParseDate(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public override void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _searchDebounce?.Cancel();
        var interop = _interop;
        if (interop is not null)
        {
            _ = Task.Run(async () => await interop.DisposeAsync());
        }
        base.Dispose();
    }
}

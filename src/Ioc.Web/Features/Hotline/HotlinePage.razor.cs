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
    /// <summary>Countdowns move on; a minute is the finest step they show.</summary>
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private AccessScope _scope = AccessScope.Anonymous;
    private string _actor = "";
    private TicketWorkflow _workflow = default!;
    private HotlineQueue _hotlineQueue = default!;
    private TriageRunner _triage = default!;
    private RefreshGate _refresh = default!;
    private WorkbenchDialogs _dialogs = default!;
    private TicketPanelModel? _panel;
    private string? _panelMissing;
    private KpiSnapshot? _today;
    private KpiSnapshot? _year;
    private DateTimeOffset _now;
    private bool _soundOn;
    private bool _initialized;
    private bool _restoreAnchor;
    private string? _scrollTo;
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
    public required ILoggerFactory Loggers { get; init; }

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

    private QueueState Queue => _hotlineQueue.State;

    private QueueFilter Filter => _hotlineQueue.Filter;

    private TicketQueueCounts? Counts => _hotlineQueue.Counts;

    private ActionFailure? Failure => _triage.Failure;

    private bool Busy => _triage.Busy;

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private string ScopeLabel => _scope.Role == IocRoles.DepartmentHead && _scope.UnitId is int unit
        ? T.Format("Phiếu chuyển cho {0}", Catalog.Units.Find(unit)?.Name)
        : T[Ioc.Web.Features.Units.RootWording.Whole(Catalog.Units)];

    private IEnumerable<(QueueView View, string Label, int? Count)> Tabs =>
    [
        (QueueView.Triage, T["Cần phân loại"], Counts?.NeedsTriage),
        (QueueView.Open, T["Đang mở"], Counts?.Open),
        (QueueView.Overdue, T["Quá hạn"], Counts?.Overdue),
        (QueueView.DueSoon, T["Đến hạn trong 24 giờ"], Counts?.DueWithin24Hours),
        (QueueView.All, T["Tất cả"], null),
    ];

    private IEnumerable<Unit> ResponsibleUnits => Workbench.ResponsibleUnits(_scope);

    private IEnumerable<Unit> Communes => Workbench.ActiveCommunes(ProvinceTime.LocalDate(Clock.UtcNow));

    private string EmptyText => Filter.HasNarrowing ? T["Không có phiếu nào khớp bộ lọc."] : Filter.View switch
    {
        QueueView.Triage => T["Không còn phiếu nào chờ phân loại."],
        QueueView.Overdue => T["Không có phiếu quá hạn."],
        _ => T["Không có phiếu nào."],
    };

    private string PagerText => Queue.Total == 0
        ? T["0 phiếu"]
        : T.Format("{0}–{1} / {2} phiếu", Format.Number(Filter.Page * Filter.PageSize + 1),
            Format.Number(Math.Min(Queue.Total, (Filter.Page + 1) * Filter.PageSize)), Format.Number(Queue.Total));

    private string ExportHref(string format) => _address.Export(Filter, format);

    protected override async Task OnInitializedAsync()
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        _scope = await User.ScopeAsync();
        _actor = await User.ActorAsync();
        _workflow = new TicketWorkflow(Catalog, Calendar);
        _triage = new TriageRunner(Commands, Queries, Loggers.CreateLogger<TriageRunner>());
        _refresh = new RefreshGate(RefreshPassAsync);
        _dialogs = new WorkbenchDialogs(Dialogs, () => _interop);
        _address = new HotlineAddress(_scope.CanTriage ? QueueView.Triage : QueueView.Open);
        _hotlineQueue = new HotlineQueue(Queries, _scope);
        _hotlineQueue.Ask(_address.Parse(new Uri(Navigation.Uri)));
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
        if (_initialized && Code is not null && Code != Queue.Selected)
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
            _scrollTo = Queue.Selected;
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

    /// <summary>Called by HotlinePage.razor.js for a key of <see cref="HotlineShortcuts"/> (never while the operator types in a field or a dialog is open).</summary>
    [JSInvokable]
    public Task OnShortcut(string shortcut) => InvokeAsync(async () =>
    {
        if (Enum.TryParse<WorkbenchCommand>(shortcut, out var command))
        {
            await RunAsync(command);
            StateHasChanged();
        }
    });

    private async Task RunAsync(WorkbenchCommand command)
    {
        if (HotlineShortcuts.ActionOf(command) is TriageAction action)
        {
            await OpenActionAsync(action);
            return;
        }
        switch (command)
        {
            case WorkbenchCommand.Next:
                await SelectAsync(Queue.Next());
                break;
            case WorkbenchCommand.Previous:
                await SelectAsync(Queue.Previous());
                break;
            case WorkbenchCommand.Check when Queue.Selected is string selected && _scope.CanTriage:
                Queue.ToggleChecked(selected);
                break;
            case WorkbenchCommand.CheckAll when _scope.CanTriage:
                Queue.ToggleAllChecked();
                break;
            case WorkbenchCommand.BulkRoute:
                await BulkAsync(TriageAction.Route);
                break;
            case WorkbenchCommand.BulkUrgency:
                await BulkAsync(TriageAction.SetUrgency);
                break;
            case WorkbenchCommand.BulkReject:
                await BulkAsync(TriageAction.Reject);
                break;
            case WorkbenchCommand.NewCall:
                await RecordCallAsync();
                break;
            case WorkbenchCommand.ShowArrivals:
                await (Queue.OffPage.Count > 0 ? ShowOffPageArrivalsAsync() : ShowArrivalsAsync());
                break;
            case WorkbenchCommand.Retry when Failure is { CanRetry: true } && !Busy:
                await RetryAsync();
                break;
            case WorkbenchCommand.ExportXlsx or WorkbenchCommand.ExportCsv:
                // A file response: the browser downloads it and the workbench stays where it is.
                Navigation.NavigateTo(ExportHref(command == WorkbenchCommand.ExportCsv ? "csv" : "xlsx"), forceLoad: true);
                break;
            case WorkbenchCommand.Sound:
                await ToggleSoundAsync();
                break;
            case WorkbenchCommand.PreviousPage when Filter.Page > 0:
                await PageAsync(-1);
                break;
            case WorkbenchCommand.NextPage when (Filter.Page + 1) * Filter.PageSize < Queue.Total:
                await PageAsync(1);
                break;
            case WorkbenchCommand.TabTriage or WorkbenchCommand.TabOpen or WorkbenchCommand.TabOverdue or WorkbenchCommand.TabDueSoon or WorkbenchCommand.TabAll:
                await SetViewAsync(command switch
                {
                    WorkbenchCommand.TabTriage => QueueView.Triage,
                    WorkbenchCommand.TabOpen => QueueView.Open,
                    WorkbenchCommand.TabOverdue => QueueView.Overdue,
                    WorkbenchCommand.TabDueSoon => QueueView.DueSoon,
                    _ => QueueView.All,
                });
                break;
            case WorkbenchCommand.Help:
                await ShowShortcutsAsync();
                break;
        }
    }

    private async Task SelectAsync(string? code, bool updateUrl = true)
    {
        if (code is null)
        {
            return;
        }
        // A failure about the ticket being left goes with it; one about several tickets (a bulk action) stays to be retried.
        if (code != Queue.Selected && Failure is { Call: null } failure && failure.Failed.All(c => c == Queue.Selected))
        {
            _triage.Dismiss();
        }
        Queue.Select(code);
        _scrollTo = code;
        await LoadPanelAsync();
        if (updateUrl)
        {
            UpdateUrl();
        }
    }

    private async Task LoadPanelAsync()
    {
        if (Queue.Selected is not string code)
        {
            _panel = null;
            return;
        }
        _panel = await Workbench.LoadPanelAsync(_scope, code);
        _panelMissing = _panel is null ? code : null;
    }

    private async Task LoadQueueAsync(bool live)
    {
        var read = await _hotlineQueue.ReadAsync(live);
        if (live && _interop is { IsReady: true } && _table is not null)
        {
            // Note where the operator's row is on screen before rows move, and put it back after rendering.
            _restoreAnchor = await _interop.CaptureAnchorAsync(_table.ScrollElement, Queue.Selected);
        }
        var fresh = _hotlineQueue.Take(read, DateTimeOffset.UtcNow);
        if (live && fresh > 0 && _soundOn && _interop is not null)
        {
            await _interop.ChimeAsync();
        }
    }

    /// <summary>
    /// Returns at once: the hub client awaits its watchers one after another on the one connection
    /// that serves every circuit, so the re-read runs on this circuit's own time.
    /// </summary>
    private Task OnTicketsChangedAsync(TicketFeedUpdate update)
    {
        UseCircuitCulture();
        _hotlineQueue.NoteCreated(update.Changes.Where(c => c.Kind == TicketChangeKind.Created).Select(c => c.TicketCode));
        _ = RefreshInBackgroundAsync();
        return Task.CompletedTask;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            UseCircuitCulture();
            await _refresh.RunAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser went away mid-refresh; the circuit is about to be disposed.
        }
    }

    /// <summary>Re-reads the current page and the open ticket.</summary>
    private async Task RefreshPassAsync()
    {
        _now = Clock.UtcNow;
        await LoadQueueAsync(live: true);
        await LoadPanelAsync();
    }

    private async Task AskAsync(QueueFilter filter)
    {
        _hotlineQueue.Ask(filter);
        await LoadQueueAsync(live: false);
        UpdateUrl();
    }

    private Task SetViewAsync(QueueView view) => AskAsync(Filter.ForView(view));

    private Task SetFilterAsync(Func<QueueFilter, QueueFilter> change) => AskAsync(change(Filter) with { Page = 0 });

    private Task SortAsync(TicketSortField field) => AskAsync(Filter.SortedBy(field));

    private Task PageAsync(int delta) => AskAsync(Filter.Paged(delta));

    /// <summary>Brings the tab's off-page arrivals into view: newest first, from the first page, highlighted.</summary>
    private async Task ShowOffPageArrivalsAsync()
    {
        var codes = _hotlineQueue.AskForOffPageArrivals();
        await LoadQueueAsync(live: false);
        Queue.MarkArrivals(codes, DateTimeOffset.UtcNow);
        UpdateUrl();
        if (codes.FirstOrDefault(c => Queue.Items.Any(i => i.Ticket.Code == c)) is string first)
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
        if (Queue.Arrivals.FirstOrDefault() is string first)
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
        if (await _dialogs.AskAsync(action, _panel, (text, ct) => Workbench.SearchOriginalsAsync(_scope, text, ct)) is TriageRequest template)
        {
            await ApplyAsync([template with { TicketCode = ticket.Code, IfUnchangedSince = ticket.LastEventAt }], [ticket]);
        }
    }

    /// <summary>One action on every checked ticket, each as the operator saw it when checking it: one a colleague changed since is refused and named, the rest are applied.</summary>
    private async Task BulkAsync(TriageAction action)
    {
        if (!_scope.CanTriage || Queue.Checked.Count == 0)
        {
            return;
        }
        var seen = Queue.CheckedAsSeen.Values.OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        if (await _dialogs.AskBulkAsync(action, [.. seen.Select(t => t.Code)]) is TriageRequest template)
        {
            await ApplyAsync([.. seen.Select(t => template with { TicketCode = t.Code, IfUnchangedSince = t.LastEventAt })], seen);
        }
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
        var (duplicate, original) = currentIsLater ? (current, candidate.Ticket.Code) : (candidate.Ticket, current.Code);
        return ApplyAsync([new TriageRequest(TriageAction.MarkDuplicate, duplicate.Code) { DuplicateOf = original, IfUnchangedSince = duplicate.LastEventAt }], [duplicate]);
    }

    /// <param name="seen">The tickets as the operator saw them when they chose the action, to tell their changes from a colleague's on a retry.</param>
    private async Task ApplyAsync(IReadOnlyList<TriageRequest> requests, IReadOnlyCollection<TicketState>? seen = null)
    {
        var run = _triage.ApplyAsync(_scope, _actor, requests, seen, _stop.Token);
        StateHasChanged();
        await ShowOutcomeAsync(requests[0].Action, await run);
    }

    /// <summary>Retries what failed; after a colleague's change, the request carries the ticket as the failure showed it.</summary>
    private async Task RetryAsync()
    {
        if (Failure is { Call: RecordedCall call })
        {
            await StoreCallAsync(call);
            return;
        }
        if (Failure is { Requests: [var first, ..] })
        {
            var run = _triage.RetryAsync(_scope, _actor, _stop.Token);
            StateHasChanged();
            await ShowOutcomeAsync(first.Action, await run);
        }
    }

    private async Task ShowOutcomeAsync(TriageAction action, TriageOutcome? outcome)
    {
        if (outcome is null)
        {
            return;
        }
        if (outcome.Applied.Count > 0)
        {
            var name = HotlineText.Action(action);
            Snackbar.Add(outcome.Applied.Count == 1 ? T.Format("{0}: đã cập nhật phiếu {1}.", name, outcome.Applied[0]) : T.Format("{0}: đã cập nhật {1} phiếu.", name, outcome.Applied.Count), Severity.Success);
            Queue.Uncheck(outcome.Applied);
        }
        // Show the result now rather than when the live feed brings it.
        try
        {
            await _refresh.RunAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Re-reading the queue after a triage action failed");
        }
    }

    private async Task RecordCallAsync()
    {
        if (!_scope.CanTriage)
        {
            return;
        }
        if (await _dialogs.AskCallAsync(_scope) is RecordedCall recorded)
        {
            await StoreCallAsync(recorded);
        }
    }

    private async Task StoreCallAsync(RecordedCall recorded)
    {
        var run = _triage.RecordCallAsync(_scope, _actor, recorded, _stop.Token);
        StateHasChanged();
        if (await run is not string code)
        {
            return;
        }
        Snackbar.Add(T.Format("Đã ghi nhận phiếu {0}.", code), Severity.Success);
        if (recorded.DuplicateOf is string original)
        {
            // The call is stored either way; the merge is its own action, reported (and retried) like any other.
            await ApplyAsync([new TriageRequest(TriageAction.MarkDuplicate, code) { DuplicateOf = original }]);
        }
        await _refresh.RunAsync();
        await SelectAsync(code);
    }

    private Task ShowShortcutsAsync() => _dialogs.ShowShortcutsAsync();

    private void UpdateUrl()
    {
        var target = Navigation.BaseUri + _address.Of(Queue.Selected, Filter);
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

    public override void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        var interop = _interop;
        if (interop is not null)
        {
            _ = Task.Run(async () => await interop.DisposeAsync());
        }
        base.Dispose();
    }
}

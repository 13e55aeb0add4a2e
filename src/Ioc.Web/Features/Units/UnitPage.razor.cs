using System.Globalization;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Units;

/// <summary>
/// A unit's indicators for a window, with the province and its rank beside them, its children and
/// procedures ranked, monthly trends and the dossier list. All state (window, tab, filters, page)
/// lives in the URL; live changes re-read the tables in place, keeping sort, filter and scroll.
/// </summary>
public sealed partial class UnitPage : LiveComponent
{
    public const int PageSize = 25;
    private static readonly string[] Tabs = ["overview", "children", "map", "procedures", "dossiers", "trends", "population-data", "hotline", "indices", Documents.DocumentListUrl.Tab];

    private Unit? _unit;
    private UnitPageUrl _url = UnitPageUrl.Default;
    private DayRange _range;
    private UnitPageModel? _model;
    private DossierFilter _filter = new(0);
    private (IReadOnlyList<DossierRow> Rows, int Total, bool TotalIsExact)? _dossiers;
    private IReadOnlyList<TrendSeries> _trendSeries = [];
    private IReadOnlyList<ChartMarker> _trendMarkers = [];
    private DateOnly? _customFrom;
    private DateOnly? _customTo;
    private int? _watchedUnit;
    private Throttle? _throttle;
    private string? _loadedKey;
    private AccessScope? _scope;

    [Parameter]
    public int UnitId { get; set; }

    // Supplied so that Blazor re-runs OnParametersSetAsync when only the query changes; read once, into _url.
    [SupplyParameterFromQuery(Name = "w")] public string? W { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "proc")] public string? Proc { get; set; }
    [SupplyParameterFromQuery(Name = "all")] public string? All { get; set; }
    [SupplyParameterFromQuery(Name = "basis")] public string? Basis { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageParameter { get; set; }
    [SupplyParameterFromQuery(Name = "lost")] public string? Lost { get; set; }
    // The map tab's own choices; kept beside the record so that every link of the page carries them.
    [SupplyParameterFromQuery(Name = "ind")] public string? Ind { get; set; }
    [SupplyParameterFromQuery(Name = "tickets")] public string? MapTickets { get; set; }
    // The documents tab's list, likewise.
    [SupplyParameterFromQuery(Name = "dview")] public string? DocumentView { get; set; }
    [SupplyParameterFromQuery(Name = "dpage")] public string? DocumentPage { get; set; }

    private Documents.DocumentListUrl DocumentList => Documents.DocumentListUrl.Parse(DocumentView, DocumentPage);

    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required IndicatorQueries Indicators { get; init; }
    [Inject] public required UnitTables Tables { get; init; }
    [Inject] public required ScoreLosses Losses { get; init; }
    [Inject] public required Alerts.AlertMarkers AlertMarkers { get; init; }
    [Inject] public required Alerts.NotableMarkers NotableMarkers { get; init; }
    [Inject] public required CurrentUser User { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IOptions<KpiThresholds> ThresholdOptions { get; init; }
    [Inject] public required Map.CommuneBoundaries Boundaries { get; init; }

    /// <summary>A unit with communes below it (the province, a district) has a map tab.</summary>
    private bool HasMap => Boundaries.HasMapFor(UnitId);

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private int TabIndex
    {
        get
        {
            var visible = VisibleTabs();
            var i = visible.IndexOf(_url.Tab);
            return i < 0 ? 0 : i;
        }
    }

    private UnitPageUrl ReadUrl() => UnitPageUrl.Parse(name => name switch
    {
        "w" => W,
        "from" => From,
        "to" => To,
        "tab" => Tab,
        "status" => Status,
        "channel" => Channel,
        "proc" => Proc,
        "lost" => Lost,
        "all" => All,
        "basis" => Basis,
        "q" => Q,
        "sort" => Sort,
        "page" => PageParameter,
        _ => null,
    });

    private List<string> VisibleTabs() => [.. Tabs.Where(t => (t != "children" || (_model?.Children.Count ?? 0) > 0) && (t != "map" || HasMap))];

    protected override async Task OnParametersSetAsync()
    {
        var unit = Catalog.Units.Find(UnitId);
        var scope = await User.ScopeAsync();
        // Scope is checked before anything is read, and a unit out of scope answers exactly like one that
        // does not exist (404, the same page): a department head typing ids learns nothing, not even a name.
        if (unit is null || !scope.CanSeeUnit(Catalog.Units, UnitId))
        {
            _unit = null;
            _model = null;
            _loadedKey = null;
            Navigation.NotFound();
            return;
        }
        _unit = unit;
        _scope = scope;
        _url = ReadUrl();
        _range = _url.Window.Resolve(Indicators.Today);
        _customFrom ??= _url.Window.From ?? _range.From;
        _customTo ??= _url.Window.To ?? _range.To;
        _filter = _url.Filter(UnitId, _range);

        var key = $"{UnitId}|{_url.Window.Query}";
        if (key != _loadedKey)
        {
            await LoadModelAsync();
            _loadedKey = key;
        }
        await LoadDossiersAsync();
        WatchUnit(scope);
    }

    private async Task LoadModelAsync()
    {
        var root = Catalog.Units.Root.Id;
        var parent = _unit!.ParentId;
        // Ranked among siblings of its own kind only: a department among departments, a commune among communes.
        var group = UnitRanking.GroupOf(_unit.Kind);
        var peerIds = parent is int p
            ? Catalog.Units.Children(p).Where(u => u.Id == UnitId || (u.IsActiveOn(_range.From) && UnitRanking.GroupOf(u.Kind) == group)).Select(u => u.Id).ToList()
            : [UnitId];
        var peers = await Indicators.GetManyAsync(peerIds, _range);
        // The unit's own figures come from GetAsync: a ranking (peers) carries no median answer time.
        var unitKpis = await Indicators.GetAsync(UnitId, _range);
        var province = UnitId == root ? unitKpis : await Indicators.GetAsync(root, _range);
        var children = await Tables.ChildrenAsync(UnitId, _range);
        var procedures = await Tables.ProceduresAsync(UnitId, _range);
        var trend = await Indicators.TrendAsync(UnitId, KpiWindows.Resolve(KpiWindow.Last12Months, Indicators.Today), RollupGrainKind.Month);
        var hotline = await Indicators.HotlineBreakdownAsync(UnitId, _range, Data.Entities.TicketDimension.Category);
        _model = new UnitPageModel(unitKpis, province, peers, Indicators.ScoreCard(unitKpis), children, procedures, trend, hotline);
        _trendSeries = TrendSeriesOf(trend);
        var trendRange = KpiWindows.Resolve(KpiWindow.Last12Months, Indicators.Today);
        IReadOnlyList<ChartMarker> markers = [.. await AlertMarkers.MonthlyAsync(UnitId, trendRange), .. await NotableMarkers.MonthlyAsync(UnitId, trendRange)];
        _trendMarkers = markers.SequenceEqual(_trendMarkers) ? _trendMarkers : markers;
    }

    private async Task LoadDossiersAsync() =>
        _dossiers = await Tables.DossiersAsync(_filter, (_url.Page - 1) * PageSize, PageSize);

    private void WatchUnit(AccessScope viewer)
    {
        if (_watchedUnit == UnitId)
        {
            return;
        }
        Unwatch();
        _watchedUnit = UnitId;
        _throttle?.Dispose();
        _throttle = new Throttle(TimeSpan.FromSeconds(2), () => InvokeAsync(async () =>
        {
            await LoadModelAsync();
            await LoadDossiersAsync();
            StateHasChanged();
        }));
        // Today's stream of the unit changes whenever anything in its subtree does, whatever window is shown.
        Watch(viewer, new KpiStreamKey(UnitId, KpiWindow.Today), _ => _throttle.Request());
    }

    private IReadOnlyList<TrendSeries> TrendSeriesOf(IReadOnlyList<TrendPoint> trend)
    {
        var labels = trend.Select(t => t.Start.ToString("MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        double? Percent(Rate r) => r.Value is double v ? Math.Round(v * 100, 1) : null;
        return
        [
            new(T["Hồ sơ tiếp nhận"], SeriesKind.Bars, labels, [.. trend.Select(t => (double?)t.Dossiers.Received)], "#90caf9"),
            new(T["Hồ sơ đã giải quyết"], SeriesKind.Bars, labels, [.. trend.Select(t => (double?)t.Dossiers.Finished)], "#1565c0"),
            new(T["Tỷ lệ đúng hạn (%)"], SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Dossiers.OnTimeRate))], "#2e7d32"),
            new(T["Tỷ lệ trực tuyến (%)"], SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Dossiers.OnlineRate))], "#ef6c00"),
        ];
    }

    /// <summary>
    /// The path from the province, keeping the window; a unit above the viewer's scope is named but not
    /// linked, so a department head's breadcrumb never leads to a page he cannot open.
    /// </summary>
    private IReadOnlyList<Breadcrumbs.Crumb> Crumbs =>
    [
        .. UnitCrumbs.Path(Catalog.Units, _scope, UnitId, _url.Window),
        .. _url.Procedure is int p && Catalog.FindProcedure(p) is { } procedure ? [new Breadcrumbs.Crumb(procedure.Name, null)] : Array.Empty<Breadcrumbs.Crumb>(),
    ];

    /// <summary>The tabs this unit shows, as a key: a unit with another set gets a new MudTabs.</summary>
    private string TabSetKey => string.Join(',', VisibleTabs());

    private Task OnTabChanged(int index)
    {
        var visible = VisibleTabs();
        var tab = visible[Math.Clamp(index, 0, visible.Count - 1)];
        // MudTabs also reports the index while it builds its panels: only a real change is a navigation.
        if (tab != _url.Tab && RendererInfo.IsInteractive)
        {
            Navigate(_url with { Tab = tab });
        }
        return Task.CompletedTask;
    }

    private Task OnFilterChanged(DossierFilter filter)
    {
        Navigate(_url.WithFilter(filter));
        return Task.CompletedTask;
    }

    private void ApplyCustomRange()
    {
        if (_customFrom is DateOnly f && _customTo is DateOnly t && f <= t)
        {
            Navigate(_url with { Window = new WindowSelection(null, f, t), Page = 1 });
        }
    }

    private void Navigate(UnitPageUrl url) => Navigation.NavigateTo(Href(url));

    private string Href(UnitPageUrl url) => $"/units/{UnitId}?{url.Query}{MapQuery}";

    private string MapQuery =>
        (string.IsNullOrEmpty(Ind) ? "" : $"&ind={Uri.EscapeDataString(Ind)}") + (string.IsNullOrEmpty(MapTickets) ? "" : $"&tickets={Uri.EscapeDataString(MapTickets)}") +
        (DocumentList.Query is { Length: > 0 } documents ? "&" + documents : "");

    private string WindowHref(string key) => Href(_url with { Window = WindowSelection.Parse(key, null, null), Page = 1 });

    /// <summary>The dossier list of one procedure's figure: same unit and window, the figure's date basis.</summary>
    private string ProcedureDossiersHref(int procedureId, DossierListBasis basis) =>
        Href(new UnitPageUrl(_url.Window, UnitPageUrl.DossiersTab, Procedure: procedureId, Basis: basis));

    /// <summary>The dossiers that cost a score line points, in the list for the page's window (each status brings its own basis).</summary>
    private string ScoreDossiersHref(DossierStatusFilter status) =>
        Href(new UnitPageUrl(_url.Window, UnitPageUrl.DossiersTab, status, Basis: UnitPageUrl.DefaultBasis(status)));

    /// <summary>"Hồ sơ tiếp nhận từ 01/12/2026 đến 06/12/2026", or "… trong toàn bộ thời gian".</summary>
    private string ListScopeText => (_url.AllTime, _url.Basis) switch
    {
        // 2.1's loss holds both the dossiers finished late in the window and those being processed and late now.
        (false, _) when _url.Lost == ScoreShortfall.Late && _range.To >= Indicators.Today =>
            T.Format("Hồ sơ giải quyết trễ hạn từ {0} đến {1} và hồ sơ đang giải quyết đã trễ hạn", Format.Date(_range.From), Format.Date(_range.To)),
        (_, DossierListBasis.Current) => T["Hồ sơ theo trạng thái hiện tại, mọi ngày tiếp nhận"],
        (true, DossierListBasis.Finished) => T["Hồ sơ đã giải quyết, toàn bộ thời gian"],
        (true, _) => T["Hồ sơ tiếp nhận, toàn bộ thời gian"],
        (false, DossierListBasis.Finished) => T.Format("Hồ sơ giải quyết xong từ {0} đến {1}", Format.Date(_range.From), Format.Date(_range.To)),
        _ => T.Format("Hồ sơ tiếp nhận từ {0} đến {1}", Format.Date(_range.From), Format.Date(_range.To)),
    };

    private string ExportHref(string table) =>
        $"/export/units/{UnitId}/{table}?{(table == "dossiers" ? (_url with { Tab = UnitPageUrl.OverviewTab, Page = 1 }).Query : _url.Window.Query)}";

    private static DateOnly? ParseDate(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public override void Dispose()
    {
        _throttle?.Dispose();
        base.Dispose();
    }
}

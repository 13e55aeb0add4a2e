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
    private static readonly string[] Tabs = ["overview", "children", "procedures", "dossiers", "trends", "hotline"];

    private Unit? _unit;
    private WindowSelection _window = WindowSelection.Default;
    private DayRange _range;
    private UnitPageModel? _model;
    private DossierFilter _filter = new(0);
    private int _page = 1;
    private (IReadOnlyList<DossierRow> Rows, int Total, bool TotalIsExact)? _dossiers;
    private IReadOnlyList<TrendSeries> _trendSeries = [];
    private IReadOnlyList<ChartMarker> _trendMarkers = [];
    private DateOnly? _customFrom;
    private DateOnly? _customTo;
    private int? _watchedUnit;
    private Throttle? _throttle;
    private string? _loadedKey;

    [Parameter]
    public int UnitId { get; set; }

    [SupplyParameterFromQuery(Name = "w")] public string? W { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "proc")] public int? Proc { get; set; }
    [SupplyParameterFromQuery(Name = "dfrom")] public string? DossierFrom { get; set; }
    [SupplyParameterFromQuery(Name = "dto")] public string? DossierTo { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageParameter { get; set; }

    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required IndicatorQueries Indicators { get; init; }
    [Inject] public required UnitTables Tables { get; init; }
    [Inject] public required Alerts.AlertMarkers AlertMarkers { get; init; }
    [Inject] public required CurrentUser User { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IOptions<KpiThresholds> ThresholdOptions { get; init; }

    private KpiThresholds Thresholds => ThresholdOptions.Value;

    private int TabIndex
    {
        get
        {
            var visible = VisibleTabs();
            var i = visible.IndexOf(Tab ?? "overview");
            return i < 0 ? 0 : i;
        }
    }

    private List<string> VisibleTabs() => [.. Tabs.Where(t => t != "children" || (_model?.Children.Count ?? 0) > 0)];

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
        _window = WindowSelection.Parse(W, From, To);
        _range = _window.Resolve(Indicators.Today);
        _customFrom ??= _window.From ?? _range.From;
        _customTo ??= _window.To ?? _range.To;
        _filter = new DossierFilter(UnitId, ParseEnum(Status, DossierStatusFilter.Any), ParseChannel(Channel), Proc,
            ParseDate(DossierFrom), ParseDate(DossierTo), string.IsNullOrWhiteSpace(Q) ? null : Q, ParseEnum(Sort, DossierSort.OverdueFirst));
        _page = Math.Max(1, PageParameter ?? 1);

        var key = $"{UnitId}|{_window.Query}";
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
        var peerIds = parent is int p ? Catalog.Units.Children(p).Where(u => u.Id == UnitId || u.IsActiveOn(_range.From)).Select(u => u.Id).ToList() : [UnitId];
        var peers = await Indicators.GetManyAsync(peerIds, _range);
        var unitKpis = peers.First(k => k.UnitId == UnitId);
        var province = UnitId == root ? unitKpis : await Indicators.GetAsync(root, _range);
        var children = await Tables.ChildrenAsync(UnitId, _range);
        var procedures = await Tables.ProceduresAsync(UnitId, _range);
        var trend = await Indicators.TrendAsync(UnitId, KpiWindows.Resolve(KpiWindow.Last12Months, Indicators.Today), RollupGrainKind.Month);
        var hotline = await Indicators.HotlineBreakdownAsync(UnitId, _range, Data.Entities.TicketDimension.Category);
        _model = new UnitPageModel(unitKpis, province, peers, Indicators.ScoreCard(unitKpis), children, procedures, trend, hotline);
        _trendSeries = TrendSeriesOf(trend);
        var markers = await AlertMarkers.MonthlyAsync(UnitId, KpiWindows.Resolve(KpiWindow.Last12Months, Indicators.Today));
        _trendMarkers = markers.SequenceEqual(_trendMarkers) ? _trendMarkers : markers;
    }

    private async Task LoadDossiersAsync() =>
        _dossiers = await Tables.DossiersAsync(_filter, (_page - 1) * PageSize, PageSize);

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

    private IReadOnlyList<Breadcrumbs.Crumb> Crumbs =>
    [
        .. Catalog.Units.PathFromRoot(UnitId).Select(u => new Breadcrumbs.Crumb(u.ShortName, $"/units/{u.Id}?{_window.Query}")),
        .. Proc is int p && Catalog.FindProcedure(p) is { } procedure ? [new Breadcrumbs.Crumb(procedure.Name, null)] : Array.Empty<Breadcrumbs.Crumb>(),
    ];

    private Task OnTabChanged(int index)
    {
        var visible = VisibleTabs();
        var tab = visible[Math.Clamp(index, 0, visible.Count - 1)];
        // MudTabs also reports the index while it builds its panels: only a real change is a navigation.
        if (tab != (Tab ?? "overview") && RendererInfo.IsInteractive)
        {
            Navigate(Href(tab: tab));
        }
        return Task.CompletedTask;
    }

    private Task OnFilterChanged(DossierFilter filter)
    {
        Navigate(Href(tab: "dossiers", page: 1,
            status: filter.Status == DossierStatusFilter.Any ? "" : filter.Status.ToString(),
            channel: filter.Channel?.ToString() ?? "",
            proc: filter.ProcedureId ?? 0,
            dfrom: filter.ReceivedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            dto: filter.ReceivedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            q: filter.CodeSearch ?? "",
            sort: filter.Sort == DossierSort.OverdueFirst ? "" : filter.Sort.ToString()));
        return Task.CompletedTask;
    }

    private void ApplyCustomRange()
    {
        if (_customFrom is DateOnly f && _customTo is DateOnly t && f <= t)
        {
            Navigate(Href(w: "custom", from: f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to: t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page: 1));
        }
    }

    private void Navigate(string url) => Navigation.NavigateTo(url);

    /// <summary>This page's URL with some parameters changed ("" or 0 removes one).</summary>
    private string Href(string? w = null, string? from = null, string? to = null, string? tab = null, string? status = null, string? channel = null,
        int? proc = null, string? dfrom = null, string? dto = null, string? q = null, string? sort = null, int? page = null)
    {
        var window = w is null ? _window : w == "custom" ? new WindowSelection(null, DateOnly.Parse(from!, CultureInfo.InvariantCulture), DateOnly.Parse(to!, CultureInfo.InvariantCulture)) : WindowSelection.Parse(w, null, null);
        var parts = new List<string> { window.Query };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("tab", tab ?? Tab);
        Add("status", status ?? Status);
        Add("channel", channel ?? Channel);
        Add("proc", (proc ?? Proc) is int pr and > 0 ? pr.ToString(CultureInfo.InvariantCulture) : null);
        Add("dfrom", dfrom ?? DossierFrom);
        Add("dto", dto ?? DossierTo);
        Add("q", q ?? Q);
        Add("sort", sort ?? Sort);
        Add("page", (page ?? _page) is int pg and > 1 ? pg.ToString(CultureInfo.InvariantCulture) : null);
        return $"/units/{UnitId}?{string.Join('&', parts)}";
    }

    private string ExportHref(string table, bool includeDossierFilter = false)
    {
        var query = includeDossierFilter ? Href().Split('?', 2)[1] : _window.Query;
        return $"/export/units/{UnitId}/{table}?{query}";
    }

    private static T ParseEnum<T>(string? value, T fallback) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : fallback;

    private static DossierChannel? ParseChannel(string? value) =>
        Enum.TryParse<DossierChannel>(value, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null;

    private static DateOnly? ParseDate(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public override void Dispose()
    {
        _throttle?.Dispose();
        base.Dispose();
    }
}

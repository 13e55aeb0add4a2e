using System.Globalization;
using Ioc.Aggregation.Documents;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Documents;

/// <summary>
/// The documents tab of a unit page. Its list state (<c>dview</c>, <c>dpage</c>) lives in the page's URL, so
/// a shared link opens the same list; the page's window applies to the figures and to the windowed lists.
/// </summary>
public sealed partial class DocumentsPanel
{
    public const int PageSize = 25;

    private DocumentKpis? _kpis;
    private DocumentListPage? _page;
    private IReadOnlyList<DocumentListRow> _rows = [];
    private IReadOnlyList<TrendSeries> _trend = [];
    private string? _loadedKey;
    private object? _loadedRevision;

    [Parameter, EditorRequired]
    public int UnitId { get; set; }

    [Parameter, EditorRequired]
    public DayRange Range { get; set; }

    /// <summary>The window as query parameters (<c>w</c>, <c>from</c>, <c>to</c>), carried into links and exports.</summary>
    [Parameter, EditorRequired]
    public string WindowQuery { get; set; } = "";

    [Parameter, EditorRequired]
    public DocumentListUrl ListUrl { get; set; } = new();

    /// <summary>Changes when the page re-read its figures after live updates: the panel re-reads too.</summary>
    [Parameter]
    public object? Revision { get; set; }

    [Inject] public required DocumentQueries Documents { get; init; }
    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private int PageCount => Math.Max(1, (int)Math.Ceiling((_page?.Total ?? 0) / (double)PageSize));

    private string HandlingText => _kpis?.AverageHandlingHours is double h
        ? T.Format("{0} ngày", Format.Number(h / 24, 1))
        : Format.NoData;

    private string ExportHref => $"/export/units/{UnitId}/documents?{Query(WindowQuery, ListUrl with { Page = 1 })}";

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{UnitId}|{Range.From}|{Range.To}|{ListUrl}";
        if (key == _loadedKey && ReferenceEquals(Revision, _loadedRevision))
        {
            return;
        }
        _kpis = await Documents.GetAsync(UnitId, Range);
        var filter = new DocumentFilter(UnitId, ListUrl.View, Range.From, Range.To);
        _page = await Documents.ListAsync(filter, (ListUrl.Page - 1) * PageSize, PageSize);
        _rows = [.. _page.Rows.Select(d => DocumentText.Describe(d, Catalog, Documents.Today))];
        var trend = await Documents.TrendAsync(UnitId, KpiWindows.Resolve(KpiWindow.Last12Months, Documents.Today), RollupGrainKind.Month);
        _trend = TrendSeriesOf(trend);
        _loadedKey = key;
        _loadedRevision = Revision;
    }

    private IReadOnlyList<TrendSeries> TrendSeriesOf(IReadOnlyList<DocumentTrendPoint> trend)
    {
        var labels = trend.Select(t => t.Start.ToString("MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        double? Percent(Rate r) => r.Value is double v ? Math.Round(v * 100, 1) : null;
        return
        [
            new(T["Văn bản đến"], SeriesKind.Bars, labels, [.. trend.Select(t => (double?)t.Documents.Received)], "#90caf9"),
            new(T["Văn bản đi"], SeriesKind.Bars, labels, [.. trend.Select(t => (double?)t.Documents.Issued)], "#1565c0"),
            new(T["Xử lý đúng hạn (%)"], SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Documents.OnTimeRate))], "#2e7d32"),
            new(T["Văn bản điện tử (%)"], SeriesKind.RateLine, labels, [.. trend.Select(t => Percent(t.Documents.ElectronicRate))], "#ef6c00"),
        ];
    }

    private static string RateCaption(Rate rate) => $"{Format.Number(rate.Numerator)}/{Format.Number(rate.Denominator)}";

    private string ViewHref(DocumentListView view) => Href(new DocumentListUrl(view));

    private string Href(DocumentListUrl url) => $"/units/{UnitId}?{Query(WindowQuery, url)}";

    private static string Query(string windowQuery, DocumentListUrl url) =>
        string.Join('&', new[] { windowQuery, "tab=" + DocumentListUrl.Tab, url.Query }.Where(p => !string.IsNullOrEmpty(p)));
}

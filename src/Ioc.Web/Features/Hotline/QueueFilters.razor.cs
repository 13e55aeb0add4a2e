using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The queue's search box and filters. Search runs as the operator types, once they pause; the box
/// keeps what they typed while the page reads (the filter it shows comes back from the page).
/// </summary>
public sealed partial class QueueFilters : IDisposable
{
    private static readonly TimeSpan SearchPause = TimeSpan.FromMilliseconds(350);

    private string _searchText = "";
    private CancellationTokenSource? _searchDebounce;

    [Parameter, EditorRequired]
    public QueueFilter Filter { get; set; } = new();

    [Parameter, EditorRequired]
    public ReferenceCatalog Catalog { get; set; } = default!;

    /// <summary>Units the tickets of this scope may be routed to.</summary>
    [Parameter]
    public IEnumerable<Unit> Units { get; set; } = [];

    [Parameter]
    public IEnumerable<Unit> Communes { get; set; } = [];

    /// <summary>A change to the filter, from the first page (the page adds that).</summary>
    [Parameter]
    public EventCallback<Func<QueueFilter, QueueFilter>> OnChange { get; set; }

    protected override void OnInitialized() => _searchText = Filter.Search ?? "";

    private Task Change(Func<QueueFilter, QueueFilter> change) => OnChange.InvokeAsync(change);

    private Task OnCategoryAsync(ChangeEventArgs e) => Change(f => e.Value as string == "none"
        ? f with { CategoryId = null, Uncategorized = true }
        : f with { CategoryId = ParseId(e.Value), Uncategorized = false });

    private Task ClearAsync()
    {
        _searchText = "";
        return Change(f => f.Cleared());
    }

    private Task ApplySearchAsync()
    {
        _searchDebounce?.Cancel();
        var search = string.IsNullOrWhiteSpace(_searchText) ? null : _searchText.Trim();
        return Change(f => f with { Search = search });
    }

    private async Task SearchTypedAsync()
    {
        _searchDebounce?.Cancel();
        var cts = _searchDebounce = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchPause, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if ((Filter.Search ?? "") != _searchText.Trim())
        {
            await ApplySearchAsync();
        }
    }

    private static int? ParseId(object? value) => int.TryParse(value as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>What the score card's link narrowed the queue to, in Vietnamese (translated by UiText).</summary>
    public static string LostText(TicketShortfall lost) => lost switch
    {
        TicketShortfall.AnsweredLate => "Làm mất điểm: trả lời trễ hạn (theo ngày trả lời)",
        _ => "Làm mất điểm: không hài lòng (theo ngày đánh giá)",
    };

    private static DateOnly? ParseDate(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public void Dispose() => _searchDebounce?.Cancel();
}

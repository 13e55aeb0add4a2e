namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The workbench's URL state: the open ticket in the path (/hotline/{code}) and the queue's filter in
/// the query, so that a reload, a reconnect or a shared link brings back the same place. Also knows
/// which navigations the page made itself: when an operator moves fast, the address catches up after
/// the selection moved on, and those late arrivals must not move it back.
/// </summary>
public sealed class HotlineAddress(QueueView defaultView)
{
    private readonly Queue<string> _own = new();

    public QueueView DefaultView => defaultView;

    /// <summary>Relative address (no leading slash) of a selection and filter.</summary>
    public string Of(string? selected, QueueFilter filter) =>
        (selected is string code ? "hotline/" + Uri.EscapeDataString(code) : "hotline") + filter.ToQueryString(defaultView);

    /// <summary>The export link of the filter as it stands (every page).</summary>
    public string Export(QueueFilter filter, string format)
    {
        var query = (filter with { Page = 0 }).ToQueryString(defaultView);
        return "export/hotline" + (query.Length == 0 ? "?" : query + "&") + "format=" + format;
    }

    public QueueFilter Parse(Uri uri) => QueueFilter.Parse(uri.Query, defaultView);

    /// <summary>Notes a navigation the page is about to make.</summary>
    public void Navigating(string absolute) => _own.Enqueue(absolute);

    /// <summary>True when <paramref name="absolute"/> is one of the page's own navigations arriving (and forgets it and older ones).</summary>
    public bool IsOwn(string absolute)
    {
        if (!_own.Contains(absolute))
        {
            return false;
        }
        while (_own.Count > 0 && _own.Dequeue() != absolute)
        {
        }
        return true;
    }
}

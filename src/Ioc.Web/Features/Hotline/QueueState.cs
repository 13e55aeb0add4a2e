using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The rows the operator sees and where they are among them: the selected ticket, the tickets
/// checked for a bulk action, and the ones that arrived while they watched (highlighted). A fresh
/// page replaces the rows but never the operator's place.
/// </summary>
public sealed class QueueState
{
    /// <summary>How long a new arrival stays highlighted unless the operator opens it first.</summary>
    public static readonly TimeSpan HighlightFor = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, DateTimeOffset> _arrivals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _offPage = new(StringComparer.Ordinal);
    private int _selectedIndex = -1;

    public IReadOnlyList<TicketQueueItem> Items { get; private set; } = [];

    public int Total { get; private set; }

    public TimeSpan LastQueryTime { get; private set; }

    public string? Selected { get; private set; }

    private readonly Dictionary<string, TicketState> _checked = new(StringComparer.Ordinal);

    /// <summary>Tickets checked for a bulk action.</summary>
    public IReadOnlyCollection<string> Checked => _checked.Keys;

    /// <summary>
    /// The checked tickets as they were when the operator checked them: a bulk action is refused for
    /// any a colleague changed since (the stamp no longer matches), rather than applied blind.
    /// </summary>
    public IReadOnlyDictionary<string, TicketState> CheckedAsSeen => _checked;

    public bool IsChecked(string code) => _checked.ContainsKey(code);

    /// <summary>Arrivals on this page that the operator has not opened yet.</summary>
    public IEnumerable<string> Arrivals => _arrivals.Keys.Where(c => Items.Any(i => i.Ticket.Code == c));

    public bool IsArrival(string code) => _arrivals.ContainsKey(code);

    /// <summary>
    /// New tickets that belong to this tab but landed on another page (the default tab sorts by
    /// deadline, and a 10-day ticket lands far down): the "N phiếu mới" bar brings them into view.
    /// </summary>
    public IReadOnlyCollection<string> OffPage => _offPage;

    /// <summary>Notes arrivals of this tab that are not on the page; returns how many are new to the operator.</summary>
    public int NoteOffPage(IEnumerable<string> codes)
    {
        var added = 0;
        foreach (var code in codes)
        {
            if (!_arrivals.ContainsKey(code) && Items.All(i => i.Ticket.Code != code) && _offPage.Add(code))
            {
                added++;
            }
        }
        return added;
    }

    /// <summary>The off-page arrivals, handed over to be shown (and highlighted) on the page that lists them.</summary>
    public IReadOnlyList<string> TakeOffPage()
    {
        var codes = _offPage.ToList();
        _offPage.Clear();
        return codes;
    }

    /// <summary>Highlights tickets as arrivals, e.g. the off-page ones once the operator brought them into view.</summary>
    public void MarkArrivals(IEnumerable<string> codes, DateTimeOffset now)
    {
        foreach (var code in codes.Where(c => c != Selected))
        {
            _arrivals[code] = now;
        }
    }

    /// <summary>Takes a fresh page. Tickets created since the last page that are now on it are highlighted; returns how many.</summary>
    public int Apply(TicketPage page, IReadOnlyCollection<string> createdSince, DateTimeOffset now)
    {
        var fresh = 0;
        var before = Items.Select(i => i.Ticket.Code).ToHashSet(StringComparer.Ordinal);
        Items = page.Items;
        Total = page.Total;
        LastQueryTime = page.Elapsed;
        foreach (var item in page.Items)
        {
            var code = item.Ticket.Code;
            if (!before.Contains(code) && createdSince.Contains(code) && code != Selected)
            {
                _arrivals[code] = now;
                fresh++;
            }
            _offPage.Remove(code);
        }
        foreach (var (code, at) in _arrivals.ToList())
        {
            if (now - at > HighlightFor)
            {
                _arrivals.Remove(code);
            }
        }
        var index = IndexOf(Selected);
        if (index >= 0)
        {
            _selectedIndex = index;
        }
        return fresh;
    }

    /// <summary>A new query (other filters, page or sort): nothing on it is an arrival.</summary>
    public void Reset()
    {
        _arrivals.Clear();
        _offPage.Clear();
        _checked.Clear();
        _selectedIndex = -1;
    }

    public void Select(string? code)
    {
        Selected = code;
        if (code is not null)
        {
            _arrivals.Remove(code);
            var index = IndexOf(code);
            if (index >= 0)
            {
                _selectedIndex = index;
            }
        }
    }

    /// <summary>
    /// The ticket after the selected one. When the selected ticket has left the page (routed out of
    /// the triage tab, say), the one that took its place.
    /// </summary>
    public string? Next()
    {
        if (Items.Count == 0)
        {
            return null;
        }
        var index = IndexOf(Selected);
        var next = index >= 0 ? Math.Min(index + 1, Items.Count - 1)
            : _selectedIndex >= 0 ? Math.Min(_selectedIndex, Items.Count - 1)
            : 0;
        return Items[next].Ticket.Code;
    }

    public string? Previous()
    {
        if (Items.Count == 0)
        {
            return null;
        }
        var index = IndexOf(Selected);
        var previous = index >= 0 ? Math.Max(index - 1, 0)
            : _selectedIndex >= 0 ? Math.Clamp(_selectedIndex - 1, 0, Items.Count - 1)
            : 0;
        return Items[previous].Ticket.Code;
    }

    /// <summary>Checks a row of the page, or unchecks it.</summary>
    public void ToggleChecked(string code)
    {
        if (!_checked.Remove(code) && Items.FirstOrDefault(i => i.Ticket.Code == code) is { } item)
        {
            _checked[code] = item.Ticket;
        }
    }

    /// <summary>Checks every row of the page, or unchecks them when all are checked already.</summary>
    public void ToggleAllChecked()
    {
        if (Items.All(i => _checked.ContainsKey(i.Ticket.Code)))
        {
            Uncheck(Items.Select(i => i.Ticket.Code));
            return;
        }
        foreach (var item in Items.Where(i => !_checked.ContainsKey(i.Ticket.Code)))
        {
            _checked[item.Ticket.Code] = item.Ticket;
        }
    }

    public void Uncheck(IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            _checked.Remove(code);
        }
    }

    public void ClearChecked() => _checked.Clear();

    private int IndexOf(string? code)
    {
        if (code is null)
        {
            return -1;
        }
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i].Ticket.Code == code)
            {
                return i;
            }
        }
        return -1;
    }
}

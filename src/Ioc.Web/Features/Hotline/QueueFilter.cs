using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Microsoft.AspNetCore.WebUtilities;

namespace Ioc.Web.Features.Hotline;

/// <summary>The queue's tabs.</summary>
public enum QueueView
{
    /// <summary>Cần phân loại: new, classified but not routed, returned by a unit.</summary>
    Triage,
    /// <summary>Đang mở: everything not finished.</summary>
    Open,
    Overdue,
    /// <summary>Sắp đến hạn: due within 24 hours.</summary>
    DueSoon,
    All,
}

/// <summary>
/// What the operator asked the queue for. It lives in the page's address, so that a reload, a
/// reconnect after a server restart or a shared link brings back the same queue.
/// </summary>
public sealed record QueueFilter
{
    public static readonly int[] PageSizes = [25, 50, 100];

    /// <summary>How <see cref="Lost"/> reads in the address.</summary>
    public static readonly IReadOnlyDictionary<TicketShortfall, string> LostNames = new Dictionary<TicketShortfall, string>
    {
        [TicketShortfall.AnsweredLate] = "late",
        [TicketShortfall.Unsatisfied] = "unsatisfied",
    };

    public QueueView View { get; init; } = QueueView.Triage;
    public string? Search { get; init; }
    public int? CategoryId { get; init; }
    /// <summary>"Chưa phân loại" chosen in the category filter.</summary>
    public bool Uncategorized { get; init; }
    public TicketStatus? Status { get; init; }
    public TicketChannel? Channel { get; init; }
    public TicketUrgency? Urgency { get; init; }
    public int? UnitId { get; init; }
    public int? CommuneId { get; init; }
    /// <summary>
    /// The tickets that cost a 766 line its points (opened from a unit's score card): every status, and
    /// <see cref="From"/>–<see cref="To"/> then select on the day of the answer or rating, as the line counts them.
    /// </summary>
    public TicketShortfall? Lost { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public TicketSortField Sort { get; init; } = TicketSortField.DueAt;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;

    public bool HasNarrowing => Search is { Length: > 0 } || CategoryId is not null || Uncategorized || Status is not null || Channel is not null
        || Urgency is not null || UnitId is not null || CommuneId is not null || From is not null || To is not null || Lost is not null;

    public TicketQuery ToQuery()
    {
        var statuses = Status is TicketStatus s ? new HashSet<TicketStatus> { s } : Lost is not null ? [] : View switch
        {
            QueueView.Triage => new HashSet<TicketStatus>(TicketQuery.NeedsTriage),
            QueueView.Open or QueueView.Overdue or QueueView.DueSoon => new HashSet<TicketStatus>(TicketQuery.Open),
            _ => [],
        };
        return new TicketQuery
        {
            Statuses = statuses,
            Categories = CategoryId is int c ? new HashSet<int> { c } : [],
            Uncategorized = Uncategorized,
            Channels = Channel is TicketChannel ch ? new HashSet<TicketChannel> { ch } : [],
            Urgencies = Urgency is TicketUrgency u ? new HashSet<TicketUrgency> { u } : [],
            UnitId = UnitId,
            CommuneId = CommuneId,
            Due = View switch
            {
                QueueView.Overdue => TicketDueFilter.Overdue,
                QueueView.DueSoon => TicketDueFilter.DueWithin24Hours,
                _ => TicketDueFilter.Any,
            },
            CreatedFrom = Lost is null ? From : null,
            CreatedTo = Lost is null ? To : null,
            Lost = Lost,
            LostFrom = Lost is null ? null : From,
            LostTo = Lost is null ? null : To,
            Search = Search,
            Sort = Sort,
            Descending = Descending,
            Skip = Page * PageSize,
            Take = PageSize,
        };
    }

    /// <summary>Another tab: its own statuses, from its first page.</summary>
    public QueueFilter ForView(QueueView view) => this with { View = view, Status = null, Page = 0, Lost = null, From = Lost is null ? From : null, To = Lost is null ? To : null };

    /// <summary>A column header clicked: that column ascending, or the other way when it is the sort already.</summary>
    public QueueFilter SortedBy(TicketSortField field) => this with { Sort = field, Descending = Sort == field && !Descending, Page = 0 };

    /// <summary>The page <paramref name="delta"/> pages on, never before the first; a page past the last is brought back by the read.</summary>
    public QueueFilter Paged(int delta) => this with { Page = Math.Max(0, Page + delta) };

    /// <summary>The tab, sort and page size without any narrowing.</summary>
    public QueueFilter Cleared() => new() { View = View, Sort = Sort, Descending = Descending, PageSize = PageSize };

    /// <summary>Newest first from the first page: where new arrivals are.</summary>
    public QueueFilter NewestFirst() => this with { Sort = TicketSortField.CreatedAt, Descending = true, Page = 0 };

    /// <summary>The query string of this filter, leaving out what is default.</summary>
    public string ToQueryString(QueueView defaultView)
    {
        var q = new Dictionary<string, string?>();
        void Put(string key, object? value)
        {
            if (value is not null)
            {
                q[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }
        Put("view", View == defaultView ? null : View.ToString().ToLowerInvariant());
        Put("q", string.IsNullOrWhiteSpace(Search) ? null : Search);
        Put("category", Uncategorized ? "none" : CategoryId);
        Put("status", Status?.ToString().ToLowerInvariant());
        Put("channel", Channel?.ToString().ToLowerInvariant());
        Put("urgency", Urgency?.ToString().ToLowerInvariant());
        Put("unit", UnitId);
        Put("commune", CommuneId);
        Put("lost", Lost is TicketShortfall lost ? LostNames[lost] : null);
        Put("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put("sort", Sort == TicketSortField.DueAt ? null : Sort.ToString().ToLowerInvariant());
        Put("desc", Descending ? "1" : null);
        Put("page", Page == 0 ? null : Page + 1);
        Put("size", PageSize == 50 ? null : PageSize);
        return QueryHelpers.AddQueryString("", q);
    }

    /// <summary>Reads a filter from a query string; anything malformed falls back to the default.</summary>
    public static QueueFilter Parse(string? query, QueueView defaultView)
    {
        var q = QueryHelpers.ParseQuery(query);
        string? S(string key) => q.TryGetValue(key, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;
        int? I(string key) => int.TryParse(S(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        T? E<T>(string key) where T : struct, Enum => Enum.TryParse<T>(S(key), ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(S(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? e : null;
        DateOnly? D(string key) => DateOnly.TryParseExact(S(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var size = I("size");
        return new QueueFilter
        {
            View = E<QueueView>("view") ?? defaultView,
            Search = S("q")?.Trim() is { Length: > 0 } search ? search[..Math.Min(search.Length, 200)] : null,
            CategoryId = S("category") == "none" ? null : I("category"),
            Uncategorized = S("category") == "none",
            Status = E<TicketStatus>("status"),
            Channel = E<TicketChannel>("channel"),
            Urgency = E<TicketUrgency>("urgency"),
            UnitId = I("unit"),
            CommuneId = I("commune"),
            Lost = LostNames.FirstOrDefault(x => x.Value == S("lost")) is { Value: not null } named ? named.Key : null,
            From = D("from"),
            To = D("to"),
            Sort = E<TicketSortField>("sort") ?? TicketSortField.DueAt,
            Descending = S("desc") == "1",
            Page = Math.Max(0, (I("page") ?? 1) - 1),
            PageSize = size is int n && PageSizes.Contains(n) ? n : 50,
        };
    }
}

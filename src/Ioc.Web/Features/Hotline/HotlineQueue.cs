using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;

namespace Ioc.Web.Features.Hotline;

/// <summary>One read of the queue, not yet shown: the page may note where the operator's row is before it takes it.</summary>
/// <param name="Filter">The filter read, its page brought back to the last one with rows when the queue shrank under it.</param>
/// <param name="CreatedSince">Tickets created since the last read that this read accounts for.</param>
/// <param name="OffPage">Of those, the ones that belong to this tab but are on another page.</param>
/// <param name="Asked">The question as it was when the read began; <paramref name="Filter"/> may differ in its page (an emptied page moves back).</param>
public sealed record QueueRead(QueueFilter Filter, TicketPage Page, IReadOnlyCollection<string> CreatedSince, IReadOnlyList<string> OffPage, TicketQueueCounts Counts)
{
    public required QueueFilter Asked { get; init; }
}

/// <summary>
/// The queue as one operator has it: what they asked for (a <see cref="QueueFilter"/>, mirrored in
/// the address), the rows and their place among them (<see cref="QueueState"/>), the tab counts, and
/// the tickets created since the last read. Reading and taking a read are apart, so that the page can
/// do what the browser needs in between (note the operator's row on screen, then put it back).
/// </summary>
public sealed class HotlineQueue(TicketQueries queries, AccessScope scope)
{
    /// <summary>At most this many of the newest tickets are read to place arrivals that missed the page.</summary>
    private const int NewestRead = 200;

    private readonly HashSet<string> _createdSince = new(StringComparer.Ordinal);

    public QueueFilter Filter { get; private set; } = new();

    public QueueState State { get; } = new();

    public TicketQueueCounts? Counts { get; private set; }

    /// <summary>A new question (tab, filter, sort, page): nothing on its rows is an arrival and nothing stays checked.</summary>
    public void Ask(QueueFilter filter)
    {
        Filter = filter;
        State.Reset();
    }

    /// <summary>Tickets the live feed reports as created, to highlight on the next read.</summary>
    public void NoteCreated(IEnumerable<string> codes) => _createdSince.UnionWith(codes);

    /// <summary>Reads the page, the tab counts and, for a live read, where arrivals that missed the page belong. Changes nothing.</summary>
    public async Task<QueueRead> ReadAsync(bool live, CancellationToken ct = default)
    {
        var asked = Filter;
        var filter = asked;
        var created = _createdSince.ToList();
        var page = await queries.SearchAsync(scope, filter.ToQuery(), ct);
        if (page.Items.Count == 0 && filter.Page > 0 && page.Total > 0)
        {
            // The page emptied under us (tickets left the queue): show the last one that has rows.
            filter = filter with { Page = (page.Total - 1) / filter.PageSize };
            page = await queries.SearchAsync(scope, filter.ToQuery(), ct);
        }
        var missed = created.Where(c => page.Items.All(i => i.Ticket.Code != c)).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> offPage = [];
        if (live && missed.Count > 0)
        {
            // Arrivals of this tab that landed on another page (by deadline, a 10-day ticket lands far down):
            // the newest of the tab tell which of them belong here.
            var newest = await queries.SearchAsync(scope, filter.ToQuery() with
            {
                Sort = TicketSortField.CreatedAt,
                Descending = true,
                Skip = 0,
                Take = Math.Min(NewestRead, missed.Count + 20),
            }, ct);
            offPage = [.. newest.Items.Select(i => i.Ticket.Code).Where(missed.Contains)];
        }
        var counts = await queries.CountsAsync(scope, ct);
        return new QueueRead(filter, page, created, offPage, counts) { Asked = asked };
    }

    /// <summary>
    /// Shows a read; returns how many arrivals in it are new to the operator. A read that a newer question
    /// overtook (a live re-read still running when the operator chose another tab, filter or page) is dropped:
    /// taking it would put the operator back where they were; the newer question's own read follows.
    /// </summary>
    public int Take(QueueRead read, DateTimeOffset now)
    {
        if (read.Asked != Filter)
        {
            return 0;
        }
        Filter = read.Filter;
        var fresh = State.Apply(read.Page, read.CreatedSince, now) + State.NoteOffPage(read.OffPage);
        // Only those this read accounted for: a ticket reported while it ran waits for the next one.
        _createdSince.ExceptWith(read.CreatedSince);
        Counts = read.Counts;
        return fresh;
    }

    /// <summary>Asks for the newest tickets first and hands over the off-page arrivals, to highlight once read.</summary>
    public IReadOnlyList<string> AskForOffPageArrivals()
    {
        var codes = State.TakeOffPage();
        Ask(Filter.NewestFirst());
        return codes;
    }
}

using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

/// <summary>The operator's place in the queue survives fresh pages: selection, next/previous, arrivals.</summary>
public sealed class QueueStateTests
{
    private static TicketPage Page(params string[] codes) => new([.. codes.Select(c => new TicketQueueItem(Ticket(code: c), 10))], codes.Length, TimeSpan.Zero);

    [Fact]
    public void Apply_NewCreatedTicketOnPage_HighlightedUntilOpened()
    {
        var q = new QueueState();
        q.Apply(Page("A", "B"), [], Monday);
        q.Select("B");

        q.Apply(Page("NEW", "A", "B"), ["NEW", "ELSEWHERE"], Monday);

        Assert.Equal(["NEW"], q.Arrivals);
        Assert.Equal("B", q.Selected);
        q.Select("NEW");
        Assert.Empty(q.Arrivals);
    }

    [Fact]
    public void NoteOffPage_ArrivalOfThisTabOnAnotherPage_CountedThenShownHighlighted()
    {
        var q = new QueueState();
        q.Apply(Page("A", "B"), [], Monday);
        q.Select("A");

        var fresh = q.Apply(Page("A", "B"), ["FAR"], Monday) + q.NoteOffPage(["FAR"]);

        Assert.Equal(1, fresh);
        Assert.Equal(["FAR"], q.OffPage);
        Assert.Equal(0, q.NoteOffPage(["FAR", "A"]));
        var shown = q.TakeOffPage();
        q.Reset();
        q.Apply(Page("FAR", "A", "B"), [], Monday);
        q.MarkArrivals(shown, Monday);
        Assert.Empty(q.OffPage);
        Assert.True(q.IsArrival("FAR"));
        Assert.Equal("A", q.Selected);
    }

    [Fact]
    public void Apply_ChangedButNotCreated_NotAnArrival()
    {
        var q = new QueueState();
        q.Apply(Page("A"), [], Monday);

        q.Apply(Page("ROUTED-BACK", "A"), [], Monday);

        Assert.Empty(q.Arrivals);
    }

    [Fact]
    public void Apply_HighlightFadesAfterTenMinutes()
    {
        var q = new QueueState();
        q.Apply(Page("A"), [], Monday);
        q.Apply(Page("NEW", "A"), ["NEW"], Monday);

        q.Apply(Page("NEW", "A"), [], Monday + QueueState.HighlightFor + TimeSpan.FromSeconds(1));

        Assert.False(q.IsArrival("NEW"));
    }

    [Fact]
    public void NextPrevious_MoveWithinPageAndStopAtEnds()
    {
        var q = new QueueState();
        q.Apply(Page("A", "B", "C"), [], Monday);

        Assert.Equal("A", q.Next());
        q.Select("B");
        Assert.Equal("C", q.Next());
        Assert.Equal("A", q.Previous());
        q.Select("C");
        Assert.Equal("C", q.Next());
    }

    [Fact]
    public void Next_SelectedTicketLeftThePage_GoesToTheOneThatTookItsPlace()
    {
        var q = new QueueState();
        q.Apply(Page("A", "B", "C"), [], Monday);
        q.Select("B");

        q.Apply(Page("A", "C"), [], Monday);

        Assert.Equal("B", q.Selected);
        Assert.Equal("C", q.Next());
        Assert.Equal("A", q.Previous());
    }

    [Fact]
    public void Checked_ToggleOneAndAll()
    {
        var q = new QueueState();
        q.Apply(Page("A", "B"), [], Monday);

        q.ToggleChecked("A");
        Assert.Equal(["A"], q.Checked);
        q.ToggleAllChecked();
        Assert.Equal(["A", "B"], q.Checked.Order());
        q.ToggleAllChecked();
        Assert.Empty(q.Checked);
    }
}

public sealed class QueueFilterTests
{
    [Fact]
    public void QueryString_RoundTrips()
    {
        var filter = new QueueFilter
        {
            View = QueueView.Overdue,
            Search = "ngập nước",
            CategoryId = 4,
            Channel = TicketChannel.Zalo,
            Urgency = TicketUrgency.Urgent,
            UnitId = 12,
            CommuneId = 40,
            From = new DateOnly(2026, 3, 1),
            To = new DateOnly(2026, 3, 20),
            Sort = TicketSortField.CreatedAt,
            Descending = true,
            Page = 2,
            PageSize = 100,
        };

        var query = filter.ToQueryString(QueueView.Triage);

        Assert.Equal(filter, QueueFilter.Parse(query, QueueView.Triage));
        Assert.Contains("q=ng%E1%BA%ADp%20n%C6%B0%E1%BB%9Bc", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Defaults_OmittedAndMalformedIgnored()
    {
        Assert.Equal("", new QueueFilter { View = QueueView.Open }.ToQueryString(QueueView.Open));
        var parsed = QueueFilter.Parse("?view=nonsense&status=7&urgency=3&size=7&page=-4&from=20-03-2026&category=none", QueueView.Open);

        Assert.Equal(new QueueFilter { View = QueueView.Open, Uncategorized = true }, parsed);
    }

    [Fact]
    public void Lost_FromTheScoreCard_EveryStatusByTheDayTheLineCountsAndLeftWithTheTab()
    {
        var query = "?view=all&lost=late&from=2026-03-01&to=2026-03-20&unit=7";
        var filter = QueueFilter.Parse(query, QueueView.Triage);

        Assert.Equal(TicketShortfall.AnsweredLate, filter.Lost);
        Assert.Equal(filter, QueueFilter.Parse(filter.ToQueryString(QueueView.Triage), QueueView.Triage));
        var ticketQuery = filter.ToQuery();
        // The window is the answer's day, not the call's: the card counts an answer on the day it was given.
        Assert.Equal((TicketShortfall.AnsweredLate, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20), (DateOnly?)null, (DateOnly?)null, 0, 7),
            (ticketQuery.Lost!.Value, ticketQuery.LostFrom!.Value, ticketQuery.LostTo!.Value, ticketQuery.CreatedFrom, ticketQuery.CreatedTo, ticketQuery.Statuses.Count, ticketQuery.UnitId!.Value));
        // Another tab leaves the card's list, dates included (they meant answer days).
        Assert.Equal((null, null, null), (filter.ForView(QueueView.Open).Lost, filter.ForView(QueueView.Open).From, filter.ForView(QueueView.Open).To));
        Assert.Null(QueueFilter.Parse("?lost=whatever", QueueView.Triage).Lost);
    }

    [Fact]
    public void ToQuery_Views_SelectStatusesAndDue()
    {
        Assert.Equal(TicketQuery.NeedsTriage.Order(), new QueueFilter { View = QueueView.Triage }.ToQuery().Statuses.Order());
        Assert.Equal(TicketDueFilter.Overdue, new QueueFilter { View = QueueView.Overdue }.ToQuery().Due);
        Assert.Empty(new QueueFilter { View = QueueView.All }.ToQuery().Statuses);
        Assert.Equal([TicketStatus.Closed], new QueueFilter { View = QueueView.All, Status = TicketStatus.Closed }.ToQuery().Statuses);
        Assert.Equal(100, new QueueFilter { Page = 1, PageSize = 100 }.ToQuery().Skip);
    }
}

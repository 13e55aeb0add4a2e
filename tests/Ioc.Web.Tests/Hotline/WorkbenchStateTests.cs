using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

/// <summary>The workbench's small state types: filter moves, checked tickets as seen, merged refreshes.</summary>
public sealed class WorkbenchStateTests
{
    private static TicketPage Page(params TicketState[] tickets) => new([.. tickets.Select(t => new TicketQueueItem(t, 10))], tickets.Length, TimeSpan.Zero);

    [Fact]
    public void QueueFilter_TabSortPageAndClear_KeepWhatTheOperatorExpects()
    {
        var f = new QueueFilter { View = QueueView.Open, Status = TicketStatus.Routed, Search = "ngập", Page = 3, PageSize = 25 };

        Assert.Equal(new QueueFilter { View = QueueView.Overdue, Search = "ngập", PageSize = 25 }, f.ForView(QueueView.Overdue));
        Assert.Equal((TicketSortField.CreatedAt, false, 0), (f.SortedBy(TicketSortField.CreatedAt).Sort, f.SortedBy(TicketSortField.CreatedAt).Descending, f.SortedBy(TicketSortField.CreatedAt).Page));
        Assert.True(f.SortedBy(TicketSortField.DueAt).Descending);
        Assert.Equal(2, f.Paged(-1).Page);
        Assert.Equal(0, f.Paged(-9).Page);
        Assert.Equal(new QueueFilter { View = QueueView.Open, PageSize = 25 }, f.Cleared());
        Assert.Equal((TicketSortField.CreatedAt, true, 0), (f.NewestFirst().Sort, f.NewestFirst().Descending, f.NewestFirst().Page));
    }

    [Fact]
    public void Checked_KeepsTheTicketAsSeenWhenChecked_NotAsALaterPageShowsIt()
    {
        var q = new QueueState();
        var a = Ticket(code: "A");
        q.Apply(Page(a, Ticket(code: "B")), [], Monday);
        q.ToggleChecked("A");

        var changed = a with { Urgency = TicketUrgency.Urgent, LastEventAt = a.LastEventAt.AddMinutes(5) };
        q.Apply(Page(changed, Ticket(code: "B")), [], Monday);

        Assert.Equal(a.LastEventAt, q.CheckedAsSeen["A"].LastEventAt);
        q.ToggleChecked("NOT-ON-PAGE");
        Assert.Equal(["A"], q.Checked);
        q.Uncheck(["A"]);
        Assert.Empty(q.Checked);
    }

    [Fact]
    public async Task RefreshGate_CallsDuringAPass_MergedIntoOneMorePass()
    {
        var passes = 0;
        var release = new TaskCompletionSource();
        RefreshGate gate = null!;
        gate = new RefreshGate(async () =>
        {
            passes++;
            if (passes == 1)
            {
                await release.Task;
            }
        });

        var first = gate.RunAsync();
        await gate.RunAsync();
        await gate.RunAsync();
        await gate.RunAsync();
        Assert.True(gate.IsRunning);
        release.SetResult();
        await first;

        Assert.Equal(2, passes);
        Assert.False(gate.IsRunning);
    }
}

using Ioc.Domain.Tickets;
using static Ioc.Domain.Tests.DomainFixture;

namespace Ioc.Domain.Tests.Hotline;

/// <summary>
/// Hotline SLAs on the official calendar: working-day SLAs skip weekends, holidays and the time a
/// ticket waited for the citizen; hour SLAs run on the clock. Category 1 = 5 working days,
/// 2 = 4 clock hours, 3 = 10 working days (see <see cref="DomainFixture"/>).
/// </summary>
public sealed class TicketSlaTests
{
    private static readonly TicketWorkflow Workflow = new(Reference, Calendar);

    private static TicketState Created(DateTimeOffset at, int category = 1) =>
        Workflow.Apply(null, new TicketEvent(TicketEventKind.Created, "T1", at, Channel: TicketChannel.Phone, CategoryId: category, Text: "Ngập nước")).State!;

    private static TicketState Then(TicketState s, TicketEventKind kind, DateTimeOffset at, string? reason = null, DateTimeOffset? due = null)
    {
        var t = Workflow.Apply(s, new TicketEvent(kind, "T1", at, UnitId: 2, Reason: reason ?? "Chờ hình ảnh hiện trường", DueAt: due));
        Assert.True(t.Succeeded, t.Error);
        return t.State!;
    }

    private static TicketState InProgress(DateTimeOffset created, DateTimeOffset accepted, int category = 1) =>
        Then(Then(Created(created, category), TicketEventKind.Routed, accepted), TicketEventKind.Accepted, accepted);

    [Fact]
    public void Due_AcrossTet_SkipsTheWholeBreak()
    {
        // Thursday 12/2 10:00: 14 h that day, Friday 13/2, then Tết (14–22/2), then 23, 24, 25/2 and 10 h of 26/2.
        Assert.Equal(At(2026, 2, 26, 10), Created(At(2026, 2, 12, 10)).DueAt);
    }

    [Fact]
    public void Due_CreatedOnAHoliday_CountsFromTheNextWorkingDay()
    {
        // 30/4 and 1/5 are holidays, 2–3/5 a weekend: five whole working days 4–8/5, due at the end of Friday 8/5.
        Assert.Equal(At(2026, 5, 9, 0), Created(At(2026, 4, 30, 15)).DueAt);
    }

    [Fact]
    public void Due_MakeUpSaturday_CountsAsWorkingDay()
    {
        // Friday 9/1 09:00: 15 h, Saturday 10/1 (worked to make up for 2/1), 12–14/1, then 9 h of 15/1.
        Assert.Equal(At(2026, 1, 15, 9), Created(At(2026, 1, 9, 9)).DueAt);
    }

    [Fact]
    public void Due_HourSla_RunsThroughNightsAndWeekends()
    {
        Assert.Equal(At(2026, 3, 15, 1), Created(At(2026, 3, 14, 21), category: 2).DueAt);
    }

    [Fact]
    public void AwaitingInfo_AcrossTet_ExtendsDueByTheWorkingTimeWaitedOnly()
    {
        var s = InProgress(At(2026, 2, 12, 10), At(2026, 2, 12, 11));
        s = Then(s, TicketEventKind.AwaitingInfo, At(2026, 2, 13, 12));
        s = Then(s, TicketEventKind.InfoReceived, At(2026, 2, 23, 12));

        // Waited 12 h of Friday 13/2 and 12 h of Monday 23/2: one working day, whatever Tết lasted.
        Assert.Equal(TimeSpan.FromHours(24), s.PausedWorkingTime);
        Assert.Equal(At(2026, 2, 27, 10), s.DueAt);
    }

    [Fact]
    public void AwaitingInfo_HourSla_ExtendsDueByClockTimeWaited()
    {
        var s = InProgress(At(2026, 3, 16, 8), At(2026, 3, 16, 9), category: 2);
        s = Then(s, TicketEventKind.AwaitingInfo, At(2026, 3, 16, 10));
        s = Then(s, TicketEventKind.InfoReceived, At(2026, 3, 16, 13));

        Assert.Equal(At(2026, 3, 16, 15), s.DueAt);
    }

    [Fact]
    public void AwaitingInfo_ManualDue_ShiftsItByTheTimeWaited()
    {
        var s = Then(Created(At(2026, 3, 16, 8)), TicketEventKind.DueSet, At(2026, 3, 16, 8), "Cần khảo sát", At(2026, 3, 20, 17));
        s = Then(Then(s, TicketEventKind.Routed, At(2026, 3, 16, 9)), TicketEventKind.Accepted, At(2026, 3, 16, 9));
        s = Then(s, TicketEventKind.AwaitingInfo, At(2026, 3, 17, 9));
        s = Then(s, TicketEventKind.InfoReceived, At(2026, 3, 18, 9));

        Assert.Equal(At(2026, 3, 21, 17), s.DueAt);
        Assert.Equal("Cần khảo sát", s.DueOverrideReason);
    }

    [Fact]
    public void DueSet_BeforeCreation_IsRefused()
    {
        var t = Workflow.Apply(Created(At(2026, 3, 16, 8)), new TicketEvent(TicketEventKind.DueSet, "T1", At(2026, 3, 16, 9), DueAt: At(2026, 3, 15), Reason: "Sai"));

        Assert.Equal("ticket.due", t.ErrorCode);
    }

    [Fact]
    public void TimeLeft_OverWeekend_OverdueDoesNotGrow()
    {
        // Created Friday 13/3 16:00, due Friday 20/3 16:00: Saturday morning it is still 8 working hours late.
        var s = Created(At(2026, 3, 13, 16));

        Assert.Equal(TimeSpan.FromHours(-8), Workflow.TimeLeft(s, At(2026, 3, 21, 10)));
        Assert.Equal(TimeSpan.FromHours(-8), Workflow.TimeLeft(s, At(2026, 3, 22, 23)));
        Assert.Equal(TimeSpan.FromHours(-9), Workflow.TimeLeft(s, At(2026, 3, 23, 1)));
    }

    [Fact]
    public void TimeLeft_BeforeDueAcrossWeekend_CountsWorkingHoursOnly()
    {
        // Friday 20/3 10:00 with the due instant Monday 23/3 10:00: 14 h of Friday + 10 h of Monday.
        var s = Created(At(2026, 3, 16, 10));

        Assert.Equal(At(2026, 3, 23, 10), s.DueAt);
        Assert.Equal(TimeSpan.FromHours(24), Workflow.TimeLeft(s, At(2026, 3, 20, 10)));
    }
}

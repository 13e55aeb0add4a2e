using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>The countdown's colour: amber under a quarter of the SLA left, red overdue, frozen while waiting for the citizen.</summary>
public sealed class SlaReadingTests
{
    private static readonly ReferenceCatalog Catalog = new(
        new UnitTree([new Unit(1, "P", "Tỉnh", "Tỉnh", UnitKind.Province, null)]), [],
        [new HotlineCategory(1, "thoat-nuoc", "Thoát nước", ServiceLevel.Days(2), "commune"), new HotlineCategory(2, "dien", "Điện", ServiceLevel.ClockHours(24), "P"),
         new HotlineCategory(3, "khac", "Khác", ServiceLevel.Days(10), "P")]);

    private static readonly TicketWorkflow Workflow = new(Catalog, WorkingCalendar.WeekendsOnly);
    private static readonly DateTimeOffset Created = new(2026, 3, 16, 8, 0, 0, ProvinceTime.Offset); // Monday

    private static TicketState Ticket(int category = 2, TicketStatus status = TicketStatus.Routed, DateTimeOffset? pausedAt = null) =>
        Workflow.Apply(null, new TicketEvent(TicketEventKind.Created, "T", Created, Channel: TicketChannel.Phone, CategoryId: category, Text: "x")).State! with
        {
            Status = status,
            PausedAt = pausedAt,
        };

    [Theory]
    [InlineData(0, SlaTone.Ok)]
    [InlineData(17, SlaTone.Ok)]       // 7 h of 24 left: 29 %
    [InlineData(19, SlaTone.Warning)]  // 5 h left: 21 %
    [InlineData(23.9, SlaTone.Warning)]
    [InlineData(24.1, SlaTone.Overdue)]
    public void Of_HourSla_ToneByShareLeft(double hoursLater, SlaTone expected)
    {
        var reading = SlaReading.Of(Ticket(), Workflow, Created.AddHours(hoursLater));

        Assert.Equal(expected, reading.Tone);
        Assert.InRange((reading.TimeLeft - TimeSpan.FromHours(24 - hoursLater)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Of_WorkingDaySla_WeekendDoesNotUseItUp()
    {
        // Created Friday 20/3 08:00 with two working days: Friday uses 16 h, the weekend none.
        var friday = Workflow.Apply(null, new TicketEvent(TicketEventKind.Created, "T", Created.AddDays(4), Channel: TicketChannel.Phone, CategoryId: 1, Text: "x")).State!;

        var saturday = SlaReading.Of(friday, Workflow, Created.AddDays(5).AddHours(2));
        var sunday = SlaReading.Of(friday, Workflow, Created.AddDays(6).AddHours(12));

        Assert.Equal(TimeSpan.FromHours(32), saturday.TimeLeft);
        Assert.Equal(saturday.TimeLeft, sunday.TimeLeft);
        Assert.Equal(SlaTone.Ok, sunday.Tone);
    }

    [Fact]
    public void Of_AwaitingInfo_PausedAndFrozen()
    {
        var paused = Ticket(status: TicketStatus.AwaitingInfo, pausedAt: Created.AddHours(20));

        var early = SlaReading.Of(paused, Workflow, Created.AddHours(21));
        var late = SlaReading.Of(paused, Workflow, Created.AddDays(3));

        Assert.Equal(SlaTone.Paused, early.Tone);
        Assert.Equal(TimeSpan.FromHours(4), early.TimeLeft);
        Assert.Equal(early.TimeLeft, late.TimeLeft);
    }

    [Fact]
    public void Of_Answered_OnTimeOrLate_AndClosedSideExitsHaveNoClock()
    {
        var onTime = Ticket() with { Status = TicketStatus.Answered, AnsweredAt = Created.AddHours(3), AnsweredOnTime = true };
        var late = Ticket() with { Status = TicketStatus.Closed, AnsweredAt = Created.AddHours(30), AnsweredOnTime = false };

        Assert.Equal(SlaTone.DoneOnTime, SlaReading.Of(onTime, Workflow, Created.AddDays(9)).Tone);
        Assert.Equal(SlaTone.DoneLate, SlaReading.Of(late, Workflow, Created.AddDays(9)).Tone);
        Assert.Equal(SlaTone.NotApplicable, SlaReading.Of(Ticket(status: TicketStatus.Rejected), Workflow, Created.AddDays(9)).Tone);
        Assert.Equal(SlaTone.NotApplicable, SlaReading.Of(Ticket(status: TicketStatus.Duplicate), Workflow, Created.AddDays(9)).Tone);
    }
}

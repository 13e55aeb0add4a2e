using Bunit;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

/// <summary>The countdown's colour and words: green with time left, amber under a quarter, red overdue, grey and frozen while paused.</summary>
public sealed class SlaCountdownTests : IocTestContext
{
    private IRenderedComponent<SlaCountdown> Render(TicketState ticket, DateTimeOffset now) =>
        Render<SlaCountdown>(p => p.Add(x => x.Reading, SlaReading.Of(ticket, Workflow, now)));

    [Theory]
    [InlineData(1, "ok", "còn 23 giờ")]
    [InlineData(19, "warning", "còn 5 giờ")]
    [InlineData(23.5, "warning", "còn 30 phút")]
    [InlineData(26.25, "overdue", "quá hạn 2 giờ 15 phút")]
    [InlineData(24 + 24 * 3, "overdue", "quá hạn 3 ngày")]
    public void Render_HourSla_ColourAndTimeLeft(double hoursLater, string tone, string text)
    {
        var cut = Render(Ticket(category: 2), Monday.AddHours(hoursLater));

        var sla = cut.Find("[data-sla]");
        Assert.Equal(tone, sla.GetAttribute("data-sla"));
        Assert.Contains($"sla-{tone}", sla.ClassList);
        Assert.Equal(text, cut.Find(".sla-text").TextContent);
    }

    [Fact]
    public void Render_AwaitingInfo_GreyAndFrozen()
    {
        var paused = Ticket(category: 2, status: TicketStatus.AwaitingInfo) with { PausedAt = Monday.AddHours(20) };

        var soon = Render(paused, Monday.AddHours(21));
        var later = Render(paused, Monday.AddDays(5));

        Assert.Equal("paused", soon.Find("[data-sla]").GetAttribute("data-sla"));
        Assert.Equal("tạm dừng · còn 4 giờ", soon.Find(".sla-text").TextContent);
        Assert.Equal(soon.Find(".sla-text").TextContent, later.Find(".sla-text").TextContent);
        Assert.Empty(later.FindAll(".sla-bar"));
    }

    [Fact]
    public void Render_WorkingDaySla_ShowsDaysAndDueDateInTitle()
    {
        var cut = Render(Ticket(category: 1), Monday.AddHours(1));

        Assert.Equal("còn 1 ngày 23 giờ", cut.Find(".sla-text").TextContent);
        Assert.Equal("Hạn xử lý: 18/03/2026 08:00", cut.Find("[data-sla]").GetAttribute("title"));
    }

    [Fact]
    public void Render_AnsweredLate_SaysSoInDarkRed()
    {
        var late = Ticket(category: 2, status: TicketStatus.Answered) with { AnsweredAt = Monday.AddHours(30), AnsweredOnTime = false };

        var cut = Render(late, Monday.AddDays(2));

        Assert.Equal("late", cut.Find("[data-sla]").GetAttribute("data-sla"));
        Assert.Equal("trả lời trễ hạn", cut.Find(".sla-text").TextContent);
    }
}

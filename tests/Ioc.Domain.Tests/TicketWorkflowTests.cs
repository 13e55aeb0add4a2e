using Ioc.Domain.Tickets;
using static Ioc.Domain.Tests.DomainFixture;

namespace Ioc.Domain.Tests;

public sealed class TicketWorkflowTests
{
    private static readonly TicketWorkflow Workflow = new(Reference, Calendar);

    private static TicketState Created(int? category = 1, DateTimeOffset? at = null, bool isPublic = true) =>
        Workflow.Apply(null, new TicketEvent(TicketEventKind.Created, "T1", at ?? At(2026, 3, 13, 16), Channel: TicketChannel.Phone,
            CategoryId: category, Text: "Rác thải tồn đọng", IsPublic: isPublic)).State!;

    /// <summary>An event of the kind with every field it may need, so that only the status decides.</summary>
    private static TicketEvent Complete(TicketEventKind kind, DateTimeOffset at) => new(kind, "T1", at,
        CategoryId: 1, UnitId: 2, Urgency: TicketUrgency.High, Answer: "Đã xử lý", Satisfied: true,
        DuplicateOf: "T0", DueAt: at.AddDays(3), Reason: "Lý do");

    private static readonly TicketState Original = Created() with { Code = "T0" };

    public static TheoryData<TicketStatus, TicketEventKind> AllPairs()
    {
        var data = new TheoryData<TicketStatus, TicketEventKind>();
        foreach (var s in Enum.GetValues<TicketStatus>())
        {
            foreach (var k in Enum.GetValues<TicketEventKind>().Where(k => k != TicketEventKind.Created))
            {
                data.Add(s, k);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Apply_EveryStatusAndEvent_AllowedExactlyWhenTheWorkflowSays(TicketStatus status, TicketEventKind kind)
    {
        var state = Created() with { Status = status, PausedAt = status == TicketStatus.AwaitingInfo ? At(2026, 3, 13, 17) : null };
        var result = Workflow.Apply(state, Complete(kind, At(2026, 3, 16, 9)), Original);
        var legal = TicketWorkflow.CanApply(status, kind);
        Assert.Equal(legal, result.Succeeded);
        if (!legal)
        {
            Assert.Equal("ticket.transition", result.ErrorCode);
        }
    }

    [Fact]
    public void Workflow_HappyPath_EndsClosedWithAnswerOnTime()
    {
        var s = Created();
        var t = At(2026, 3, 16, 9);
        foreach (var kind in new[] { TicketEventKind.Routed, TicketEventKind.Accepted, TicketEventKind.Answered, TicketEventKind.Published, TicketEventKind.Rated, TicketEventKind.Closed })
        {
            t = t.AddHours(1);
            s = Workflow.Apply(s, Complete(kind, t), Original).State!;
        }
        Assert.Equal(TicketStatus.Closed, s.Status);
        Assert.True(s.AnsweredOnTime);
        Assert.True(s.Satisfied);
        Assert.Equal(2, s.UnitId);
    }

    [Fact]
    public void Created_FiveWorkingDaySla_DueSkipsWeekend()
    {
        // Friday 13/3 16:00 + 5 working days = Friday 20/3 16:00.
        Assert.Equal(At(2026, 3, 20, 16), Created().DueAt);
    }

    [Fact]
    public void Created_HourSla_DueRunsOnTheClock()
    {
        Assert.Equal(At(2026, 3, 13, 20), Created(category: 2).DueAt);
    }

    [Fact]
    public void Created_WithoutCategory_UsesDefaultCategorySla()
    {
        Assert.Equal(Calendar.AddWorkingTime(At(2026, 3, 13, 16), TimeSpan.FromDays(10)), Created(category: null).DueAt);
    }

    [Fact]
    public void Triage_ChangingCategory_RecomputesDueFromCreation()
    {
        var s = Workflow.Apply(Created(category: null), new TicketEvent(TicketEventKind.Triaged, "T1", At(2026, 3, 13, 17), CategoryId: 2)).State!;
        Assert.Equal(At(2026, 3, 13, 20), s.DueAt);
    }

    [Fact]
    public void AwaitingInfo_OverWeekend_ExtendsDueByWorkingTimeWaited()
    {
        var s = Created();
        s = Workflow.Apply(s, Complete(TicketEventKind.Routed, At(2026, 3, 16, 8)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.Accepted, At(2026, 3, 16, 9)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.AwaitingInfo, At(2026, 3, 17, 12)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.InfoReceived, At(2026, 3, 18, 12)), Original).State!;
        Assert.Equal(At(2026, 3, 23, 16), s.DueAt); // one working day later: Monday 23/3
    }

    [Fact]
    public void DueSet_Manual_OverridesSlaAndSurvivesRecategorization()
    {
        var s = Workflow.Apply(Created(), new TicketEvent(TicketEventKind.DueSet, "T1", At(2026, 3, 13, 17), DueAt: At(2026, 4, 1, 17), Reason: "Cần khảo sát hiện trường")).State!;
        s = Workflow.Apply(s, new TicketEvent(TicketEventKind.Triaged, "T1", At(2026, 3, 13, 18), CategoryId: 2)).State!;
        Assert.Equal(At(2026, 4, 1, 17), s.DueAt);
        Assert.Equal("Cần khảo sát hiện trường", s.DueOverrideReason);
    }

    [Fact]
    public void DueSet_WithoutReason_IsRefused()
    {
        Assert.Equal("field.missing", Workflow.Apply(Created(), new TicketEvent(TicketEventKind.DueSet, "T1", At(2026, 3, 13, 17), DueAt: At(2026, 4, 1))).ErrorCode);
    }

    [Fact]
    public void Answered_AfterDue_IsNotOnTime()
    {
        var s = Workflow.Apply(Created(), Complete(TicketEventKind.Routed, At(2026, 3, 16, 8)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.Answered, At(2026, 3, 23, 8)), Original).State!;
        Assert.False(s.AnsweredOnTime);
    }

    [Fact]
    public void Published_PrivateTicket_IsRefused()
    {
        var s = Workflow.Apply(Created(isPublic: false), Complete(TicketEventKind.Routed, At(2026, 3, 16, 8)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.Answered, At(2026, 3, 16, 9)), Original).State!;
        Assert.Equal("ticket.private", Workflow.Apply(s, Complete(TicketEventKind.Published, At(2026, 3, 16, 10)), Original).ErrorCode);
    }

    [Fact]
    public void Routed_WithoutAnyCategory_IsRefused()
    {
        var t = Workflow.Apply(Created(category: null), new TicketEvent(TicketEventKind.Routed, "T1", At(2026, 3, 16), UnitId: 2));
        Assert.Equal("ticket.uncategorized", t.ErrorCode);
    }

    [Fact]
    public void MarkedDuplicate_OfADuplicate_IsRefused()
    {
        var t = Workflow.Apply(Created(), Complete(TicketEventKind.MarkedDuplicate, At(2026, 3, 16)), Original with { Status = TicketStatus.Duplicate, DuplicateOf = "T9" });
        Assert.Equal("ticket.duplicate-of", t.ErrorCode);
    }

    [Fact]
    public void MarkedDuplicate_OfUnknownTicket_IsRefused()
    {
        Assert.Equal("ticket.unknown", Workflow.Apply(Created(), Complete(TicketEventKind.MarkedDuplicate, At(2026, 3, 16)), original: null).ErrorCode);
    }

    [Fact]
    public void Rated_Twice_IsRefused()
    {
        var s = Workflow.Apply(Created(), Complete(TicketEventKind.Routed, At(2026, 3, 16, 8)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.Answered, At(2026, 3, 16, 9)), Original).State!;
        s = Workflow.Apply(s, Complete(TicketEventKind.Rated, At(2026, 3, 16, 10)), Original).State!;
        Assert.Equal("ticket.already-rated", Workflow.Apply(s, Complete(TicketEventKind.Rated, At(2026, 3, 16, 11)), Original).ErrorCode);
    }

    [Fact]
    public void TimeLeft_WhileAwaitingInfo_IsFrozen()
    {
        var s = Created() with { Status = TicketStatus.AwaitingInfo, PausedAt = At(2026, 3, 16, 16) };
        Assert.Equal(Workflow.TimeLeft(s, At(2026, 3, 16, 16)), Workflow.TimeLeft(s, At(2026, 3, 19, 9)));
    }

    [Fact]
    public void TimeLeft_AfterDue_IsNegativeWorkingTime()
    {
        Assert.Equal(TimeSpan.FromHours(-2), Workflow.TimeLeft(Created(), At(2026, 3, 20, 18)));
    }
}

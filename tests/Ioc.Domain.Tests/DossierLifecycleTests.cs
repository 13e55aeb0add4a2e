using Ioc.Domain.Dossiers;
using static Ioc.Domain.Tests.DomainFixture;

namespace Ioc.Domain.Tests;

public sealed class DossierLifecycleTests
{
    private static DossierState Receive(DateTimeOffset at, DossierChannel channel = DossierChannel.Online) =>
        Apply(null, new DossierEvent(DossierEventKind.Received, "D1", at, 3, 1, channel)).State!;

    private static Transition<DossierState> Apply(DossierState? s, DossierEvent e) => DossierLifecycle.Apply(s, e, Reference, Calendar);

    private static DossierEvent E(DossierEventKind kind, DateTimeOffset at) => new(kind, "D1", at);

    [Fact]
    public void Receive_ThreeWorkingDayProcedure_DueDateSkipsWeekend()
    {
        var s = Receive(At(2026, 3, 12)); // Thursday
        Assert.Equal(DossierDue.EndOf(new DateOnly(2026, 3, 17)), s.Due); // Fri, Mon, Tue
        Assert.Equal(DossierStatus.Received, s.Status);
    }

    [Fact]
    public void Resume_AfterPause_ExtendsDueDateByWorkingDaysWaited()
    {
        var s = Receive(At(2026, 3, 12));
        s = Apply(s, E(DossierEventKind.Paused, At(2026, 3, 13))).State!;      // Friday
        s = Apply(s, E(DossierEventKind.Resumed, At(2026, 3, 17))).State!;     // Tuesday: Mon + Tue waited
        Assert.Equal(DossierDue.EndOf(new DateOnly(2026, 3, 19)), s.Due);
        Assert.Equal(DossierStatus.InProcessing, s.Status);
    }

    [Fact]
    public void Complete_OnDueDate_IsOnTime()
    {
        var s = Receive(At(2026, 3, 12));
        s = Apply(s, E(DossierEventKind.Completed, At(2026, 3, 17, 16))).State!;
        Assert.True(s.FinishedOnTime);
    }

    [Fact]
    public void Complete_DayAfterDueDate_IsLate()
    {
        var s = Receive(At(2026, 3, 12));
        s = Apply(s, E(DossierEventKind.Completed, At(2026, 3, 18))).State!;
        Assert.False(s.FinishedOnTime);
    }

    [Fact]
    public void Complete_AfterTwoSupplementRequests_IsLateEvenBeforeDueDate()
    {
        var s = Receive(At(2026, 3, 12));
        s = Apply(s, E(DossierEventKind.Paused, At(2026, 3, 12, 10))).State!;
        s = Apply(s, E(DossierEventKind.Resumed, At(2026, 3, 12, 11))).State!;
        s = Apply(s, E(DossierEventKind.Paused, At(2026, 3, 12, 12))).State!;
        s = Apply(s, E(DossierEventKind.Resumed, At(2026, 3, 12, 13))).State!;
        s = Apply(s, E(DossierEventKind.Completed, At(2026, 3, 12, 14))).State!;
        Assert.False(s.FinishedOnTime);
    }

    [Theory]
    [InlineData(DossierEventKind.Completed)]
    [InlineData(DossierEventKind.Paused)]
    [InlineData(DossierEventKind.Resumed)]
    [InlineData(DossierEventKind.Withdrawn)]
    public void Apply_BeforeReceived_IsRefused(DossierEventKind kind)
    {
        var t = Apply(null, E(kind, At(2026, 3, 12)));
        Assert.False(t.Succeeded);
        Assert.Equal("dossier.unknown", t.ErrorCode);
    }

    [Fact]
    public void Apply_EarlierThanLastEvent_IsRefusedAsOutOfOrder()
    {
        var s = Receive(At(2026, 3, 12, 10));
        var t = Apply(s, E(DossierEventKind.Completed, At(2026, 3, 12, 9)));
        Assert.Equal("event.out-of-order", t.ErrorCode);
    }

    [Fact]
    public void Apply_AfterCompletion_IsRefused()
    {
        var s = Apply(Receive(At(2026, 3, 12)), E(DossierEventKind.Completed, At(2026, 3, 13))).State!;
        Assert.Equal("dossier.finished", Apply(s, E(DossierEventKind.Returned, At(2026, 3, 14))).ErrorCode);
    }

    [Fact]
    public void Resume_WhenNotPaused_IsRefused()
    {
        Assert.Equal("dossier.transition", Apply(Receive(At(2026, 3, 12)), E(DossierEventKind.Resumed, At(2026, 3, 13))).ErrorCode);
    }

    [Fact]
    public void Complete_WhilePaused_IsRefusedButReturnIsAllowed()
    {
        var s = Apply(Receive(At(2026, 3, 12)), E(DossierEventKind.Paused, At(2026, 3, 12, 10))).State!;
        Assert.False(Apply(s, E(DossierEventKind.Completed, At(2026, 3, 13))).Succeeded);
        Assert.True(Apply(s, E(DossierEventKind.Returned, At(2026, 3, 13))).Succeeded);
    }

    [Fact]
    public void Receive_OnlineForProcedureWithoutOnlineService_IsRefused()
    {
        var t = Apply(null, new DossierEvent(DossierEventKind.Received, "D1", At(2026, 3, 12), 3, 2, DossierChannel.Online));
        Assert.Equal("dossier.channel", t.ErrorCode);
    }

    [Fact]
    public void Receive_Twice_IsRefused()
    {
        var s = Receive(At(2026, 3, 12));
        Assert.Equal("dossier.already-received", Apply(s, new DossierEvent(DossierEventKind.Received, "D1", At(2026, 3, 13), 3, 1, DossierChannel.Online)).ErrorCode);
    }
}

using Ioc.Web.Live;

namespace Ioc.Web.Tests;

public sealed class StreamSequencerTests
{
    [Fact]
    public void Offer_ConsecutiveNumbers_AreNext()
    {
        var s = new StreamSequencer();
        Assert.True(s.AcceptSnapshot(5));
        Assert.Equal(SequenceVerdict.Next, s.Offer(6));
        Assert.Equal(SequenceVerdict.Next, s.Offer(7));
        Assert.Equal(7, s.Last);
    }

    [Fact]
    public void Offer_SkippedNumber_IsGapAndNotApplied()
    {
        var s = new StreamSequencer();
        s.AcceptSnapshot(5);
        Assert.Equal(SequenceVerdict.Gap, s.Offer(8));
        Assert.Equal(5, s.Last);
    }

    [Fact]
    public void Offer_OldOrRepeated_IsStale()
    {
        var s = new StreamSequencer();
        s.AcceptSnapshot(5);
        Assert.Equal(SequenceVerdict.Stale, s.Offer(5));
        Assert.Equal(SequenceVerdict.Stale, s.Offer(3));
    }

    [Fact]
    public void Offer_UpdateBeforeFirstSnapshot_IsAccepted()
    {
        // An update can overtake the answer to Subscribe; the snapshot that follows must not roll it back.
        var s = new StreamSequencer();
        Assert.Equal(SequenceVerdict.Next, s.Offer(9));
        Assert.False(s.AcceptSnapshot(8));
        Assert.True(s.AcceptSnapshot(9));
    }

    [Fact]
    public void Reset_AfterReconnect_AcceptsAnyNumberAgain()
    {
        var s = new StreamSequencer();
        s.AcceptSnapshot(50);
        s.Reset();
        Assert.True(s.AcceptSnapshot(1));
        Assert.Equal(SequenceVerdict.Next, s.Offer(2));
    }
}

using Ioc.Aggregation.Publishing;

namespace Ioc.Aggregation.Tests.Publishing;

public sealed class UpdateCoalescerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void MarkDirty_FirstChange_IsDueAtOnce()
    {
        var c = new UpdateCoalescer<int>(Window);
        c.MarkDirty(1, T0);
        Assert.Equal([1], c.TakeDue(T0));
    }

    [Fact]
    public void MarkDirty_ChangesWithinWindow_MergeIntoOneUpdateAtWindowEnd()
    {
        var c = new UpdateCoalescer<int>(Window);
        c.MarkDirty(1, T0);
        c.TakeDue(T0);
        for (var ms = 10; ms < 250; ms += 10)
        {
            c.MarkDirty(1, T0.AddMilliseconds(ms));
            Assert.Empty(c.TakeDue(T0.AddMilliseconds(ms)));
        }
        Assert.Equal(T0 + Window, c.NextDue);
        Assert.Equal([1], c.TakeDue(T0 + Window));
        Assert.Null(c.NextDue);
    }

    [Fact]
    public void TakeDue_BurstOfTenThousandChanges_GivesOneUpdatePerWindow()
    {
        var c = new UpdateCoalescer<int>(Window);
        var sent = 0;
        // 10 000 changes spread over two seconds, checked every millisecond as the loop would.
        for (var i = 0; i < 10_000; i++)
        {
            var now = T0.AddMilliseconds(i * 0.2);
            c.MarkDirty(7, now);
            sent += c.TakeDue(now).Count;
        }
        sent += c.TakeDue(T0.AddSeconds(3)).Count;
        Assert.InRange(sent, 8, 10);
    }

    [Fact]
    public void MarkDirty_AfterQuietWindow_IsDueAtOnceAgain()
    {
        var c = new UpdateCoalescer<int>(Window);
        c.MarkDirty(1, T0);
        c.TakeDue(T0);
        c.MarkDirty(1, T0.AddSeconds(1));
        Assert.Equal([1], c.TakeDue(T0.AddSeconds(1)));
    }

    [Fact]
    public void Keys_AreCoalescedIndependently()
    {
        var c = new UpdateCoalescer<int>(Window);
        c.MarkDirty(1, T0);
        c.TakeDue(T0);
        c.MarkDirty(1, T0.AddMilliseconds(100));
        c.MarkDirty(2, T0.AddMilliseconds(100));
        Assert.Equal([2], c.TakeDue(T0.AddMilliseconds(100)));
        Assert.Equal([1], c.TakeDue(T0.AddMilliseconds(250)));
    }
}

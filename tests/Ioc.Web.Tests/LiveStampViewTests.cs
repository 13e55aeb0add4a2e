using Ioc.Web.Live;

namespace Ioc.Web.Tests;

/// <summary>
/// A live stamp shows the hub link's state and the time of its last message to the second: messages within one
/// second leave what it shows alone (no render batch to every open page), a new second or a new state does not.
/// </summary>
public sealed class LiveStampViewTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 5, 0, 7, TimeSpan.Zero);

    [Fact]
    public void MessagesWithinOneSecond_ShowTheSame()
    {
        Assert.Equal(LiveStampView.Of(LiveConnectionState.Live, At), LiveStampView.Of(LiveConnectionState.Live, At.AddMilliseconds(999)));
    }

    [Fact]
    public void MessageInTheNextSecond_ShowsAnotherTime()
    {
        Assert.NotEqual(LiveStampView.Of(LiveConnectionState.Live, At.AddMilliseconds(999)), LiveStampView.Of(LiveConnectionState.Live, At.AddSeconds(1)));
    }

    [Fact]
    public void StateChange_ShowsAtOnce_EvenWithinTheSecond()
    {
        Assert.NotEqual(LiveStampView.Of(LiveConnectionState.Live, At), LiveStampView.Of(LiveConnectionState.Reconnecting, At));
    }

    [Fact]
    public void FirstMessage_ShowsAfterNone()
    {
        Assert.NotEqual(LiveStampView.Of(LiveConnectionState.Live, null), LiveStampView.Of(LiveConnectionState.Live, At));
    }
}

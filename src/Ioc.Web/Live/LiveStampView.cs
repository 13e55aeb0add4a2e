namespace Ioc.Web.Live;

/// <summary>
/// What a live stamp shows of the web process's shared hub link: its state and the second of its last message.
/// The link hears every stream that any page of the process watches, several times a second each; a stamp that
/// re-rendered on every message sent every open page a render batch for each update anywhere in the province.
/// Compared by this view, a stamp re-renders at most once a second, and at once when the link's state changes.
/// </summary>
public readonly record struct LiveStampView(LiveConnectionState State, long? LastMessageSecond)
{
    public static LiveStampView Of(LiveConnectionState state, DateTimeOffset? lastMessageAt) =>
        new(state, lastMessageAt?.ToUnixTimeSeconds());
}

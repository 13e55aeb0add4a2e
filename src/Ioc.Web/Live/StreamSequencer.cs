namespace Ioc.Web.Live;

public enum SequenceVerdict
{
    /// <summary>The next update: apply it.</summary>
    Next,
    /// <summary>Older than or equal to what was applied: ignore it.</summary>
    Stale,
    /// <summary>Updates went missing: ask for a fresh snapshot.</summary>
    Gap,
}

/// <summary>Checks one stream's sequence numbers. Not thread-safe: the caller holds the stream's lock.</summary>
public sealed class StreamSequencer
{
    public long Last { get; private set; }

    /// <summary>An update pushed by the hub.</summary>
    public SequenceVerdict Offer(long sequence)
    {
        if (sequence <= Last)
        {
            return SequenceVerdict.Stale;
        }
        if (Last != 0 && sequence != Last + 1)
        {
            return SequenceVerdict.Gap;
        }
        Last = sequence;
        return SequenceVerdict.Next;
    }

    /// <summary>A snapshot asked for (subscribe or resync): authoritative unless an even newer update was applied meanwhile.</summary>
    public bool AcceptSnapshot(long sequence)
    {
        if (sequence < Last)
        {
            return false;
        }
        Last = sequence;
        return true;
    }

    /// <summary>After a reconnect the hub may have restarted and numbers start again.</summary>
    public void Reset() => Last = 0;
}

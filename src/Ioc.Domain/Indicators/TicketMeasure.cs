namespace Ioc.Domain.Indicators;

/// <summary>Columns of a hotline rollup row (flows per day, and open tickets as a difference array).</summary>
public enum TicketMeasure
{
    Received,
    Answered,
    /// <summary>766 indicator 5.2: answered within the SLA.</summary>
    AnsweredOnTime,
    Rated,
    /// <summary>766 indicator 5.3: the citizen said they were satisfied.</summary>
    Satisfied,
    Rejected,
    Duplicates,
    OpenDelta,
}

public static class TicketMeasures
{
    public const int Count = (int)TicketMeasure.OpenDelta + 1;

    /// <summary>Answer times are kept as a histogram of whole hours, capped here; the median is exact to the hour.</summary>
    public const int MaxAnswerHoursBucket = 24 * 90;

    public static int AnswerHoursBucket(TimeSpan t) => (int)Math.Clamp(Math.Floor(t.TotalHours), 0, MaxAnswerHoursBucket);
}

public interface ITicketDeltaSink : IDayDeltaSink
{
    void AddAnswerTime(int dayNumber, int hoursBucket, int delta);
}

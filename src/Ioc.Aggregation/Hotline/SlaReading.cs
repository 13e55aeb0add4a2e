using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Hotline;

public enum SlaTone
{
    /// <summary>More than a quarter of the SLA left.</summary>
    Ok,
    /// <summary>Less than a quarter left: chase it.</summary>
    Warning,
    /// <summary>Past the due instant.</summary>
    Overdue,
    /// <summary>Waiting for the citizen: the clock stands still.</summary>
    Paused,
    /// <summary>Answered (or otherwise finished) within the SLA.</summary>
    DoneOnTime,
    /// <summary>Answered after the due instant.</summary>
    DoneLate,
    /// <summary>Rejected or merged: no SLA applies any more.</summary>
    NotApplicable,
}

/// <summary>Where a ticket stands against its SLA at one instant, in the SLA's own clock (working time or clock hours).</summary>
/// <param name="TimeLeft">Negative when overdue; frozen while paused.</param>
/// <param name="ShareLeft">TimeLeft ÷ the SLA's length, clamped to [−∞, 1].</param>
public sealed record SlaReading(SlaTone Tone, TimeSpan TimeLeft, TimeSpan Length, double ShareLeft, DateTimeOffset DueAt)
{
    /// <summary>Below this share of the SLA left, a running ticket turns amber.</summary>
    public const double WarningShare = 0.25;

    public static SlaReading Of(TicketState s, TicketWorkflow workflow, DateTimeOffset now)
    {
        var length = workflow.SlaLength(s);
        if (s.AnsweredAt is DateTimeOffset answered)
        {
            return new SlaReading(s.AnsweredOnTime == false ? SlaTone.DoneLate : SlaTone.DoneOnTime, s.DueAt - answered, length, 0, s.DueAt);
        }
        if (!s.IsOpen)
        {
            return new SlaReading(SlaTone.NotApplicable, TimeSpan.Zero, length, 0, s.DueAt);
        }
        var left = workflow.TimeLeft(s, now);
        var share = length > TimeSpan.Zero ? Math.Min(1, left / length) : 0;
        var tone = s.Status == TicketStatus.AwaitingInfo ? SlaTone.Paused
            : left < TimeSpan.Zero ? SlaTone.Overdue
            : share < WarningShare ? SlaTone.Warning
            : SlaTone.Ok;
        return new SlaReading(tone, left, length, share, s.DueAt);
    }
}

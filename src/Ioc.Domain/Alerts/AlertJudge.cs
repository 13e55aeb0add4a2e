namespace Ioc.Domain.Alerts;

/// <summary>A rule's figure for one unit (or commune, or category) at one moment, and the line it is held against.</summary>
/// <param name="Figure">Null when there is not enough data to judge (too few dossiers, a new day): a firing alert then clears.</param>
/// <param name="Line">The threshold as shown to people (percent for rates).</param>
public sealed record AlertReading(double? Figure, double Line);

/// <summary>
/// Whether an alert fires, with hysteresis: it fires when the figure crosses the line, and a firing
/// alert clears only once the figure is back past the line by the rule's clear margin. A figure that
/// hovers at the line therefore raises one alert, not one per batch.
/// </summary>
public static class AlertJudge
{
    public static bool IsFiring(AlertRule rule, AlertReading reading, bool firingBefore)
    {
        if (reading.Figure is not double figure)
        {
            return false;
        }
        var (direction, inclusive) = rule.Kind switch
        {
            // "Rising by N": a rise of exactly N counts.
            AlertRuleKind.OverdueRise => (AlertDirection.Above, true),
            AlertRuleKind.TicketSpike => (AlertDirection.Above, false),
            _ => (rule.Direction, false),
        };
        var line = reading.Line;
        var margin = Math.Max(0, rule.ClearMargin);
        if (direction == AlertDirection.Below)
        {
            return firingBefore ? figure < line + margin : inclusive ? figure <= line : figure < line;
        }
        return firingBefore ? figure > line - margin : inclusive ? figure >= line : figure > line;
    }

    /// <summary>
    /// The line of a ticket spike: k × the usual count of this weekday, but never below the minimum
    /// count (a quiet commune going from 0 to 2 calls is not a spike).
    /// </summary>
    public static AlertReading Spike(AlertRule rule, long today, IReadOnlyList<long> sameWeekdayBefore)
    {
        var mean = sameWeekdayBefore.Count == 0 ? 0 : sameWeekdayBefore.Average();
        var line = Math.Round(Math.Max(rule.Factor * mean, rule.MinimumCount - 1), 1);
        return new AlertReading(today, line);
    }

    public static AlertReading Rise(AlertRule rule, long overdueNow, long overdueAtEndOfYesterday) =>
        new(overdueNow - overdueAtEndOfYesterday, rule.Rise);
}

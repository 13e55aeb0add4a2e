using Ioc.Contracts;
using Ioc.Domain.Units;

namespace Ioc.Domain.Alerts;

public enum AlertRuleKind
{
    /// <summary>An indicator of a unit (or of every unit of some kinds) crosses a threshold.</summary>
    Threshold,
    /// <summary>Overdue dossiers of a unit rose by at least <see cref="AlertRule.Rise"/> since the end of yesterday.</summary>
    OverdueRise,
    /// <summary>Today's hotline tickets (of a category or a commune) above their usual level for this weekday.</summary>
    TicketSpike,
}

public enum AlertDirection
{
    Below,
    Above,
}

/// <summary>
/// One alert rule, as written in settings (<c>Alerts:Rules</c>) or made by an admin (stored as JSON).
/// A plain settable class so that configuration binding and JSON read it alike; <see cref="AlertRuleValidator"/> says what is wrong with it.
/// </summary>
public sealed class AlertRule
{
    /// <summary>Unique name of the rule (letters, digits, '-'); alerts refer to it.</summary>
    public string Key { get; set; } = "";

    /// <summary>What the wall and the notification say, in Vietnamese ("Tỷ lệ đúng hạn dưới 90 %").</summary>
    public string Name { get; set; } = "";

    public AlertRuleKind Kind { get; set; } = AlertRuleKind.Threshold;

    /// <summary>Unit code; empty means the province. Ignored when <see cref="UnitKinds"/> is given.</summary>
    public string Unit { get; set; } = "";

    /// <summary>Every unit of these kinds instead of one unit (e.g. every commune, ward and special zone).</summary>
    public List<UnitKind> UnitKinds { get; set; } = [];

    /// <summary>Threshold rules: one of <see cref="AlertIndicators.All"/>.</summary>
    public string Indicator { get; set; } = AlertIndicators.OnTimeRate;

    /// <summary>Threshold rules: the window the indicator is read over.</summary>
    public KpiWindow Window { get; set; } = KpiWindow.Today;

    public AlertDirection Direction { get; set; } = AlertDirection.Below;

    /// <summary>Threshold rules: the line, in percent for rates (90 = 90 %) and as a count otherwise.</summary>
    public double Threshold { get; set; }

    /// <summary>
    /// Threshold rules on rates: fewer dossiers or tickets than this in the denominator judge nothing.
    /// Ticket spikes: today's count must reach this too.
    /// </summary>
    public int MinimumCount { get; set; } = 10;

    /// <summary>Overdue-rise rules: how many more overdue dossiers than at the end of yesterday.</summary>
    public int Rise { get; set; }

    /// <summary>Ticket spikes: a hotline category code; empty for every category.</summary>
    public string Category { get; set; } = "";

    /// <summary>Ticket spikes: a commune (or ward) code; empty for every commune.</summary>
    public string Commune { get; set; } = "";

    /// <summary>Ticket spikes: today's count above this many times the mean of the same weekday.</summary>
    public double Factor { get; set; } = 2;

    /// <summary>Ticket spikes: how many past weeks make the usual level (4–8).</summary>
    public int Weeks { get; set; } = 4;

    /// <summary>
    /// Hysteresis: a firing alert clears only once the figure is this far back on the good side
    /// (percentage points for rates, a count otherwise), so that a figure hovering at the line does not flap.
    /// </summary>
    public double ClearMargin { get; set; } = 2;

    public bool Enabled { get; set; } = true;

    public AlertRule Clone()
    {
        var copy = (AlertRule)MemberwiseClone();
        copy.UnitKinds = [.. UnitKinds];
        return copy;
    }
}

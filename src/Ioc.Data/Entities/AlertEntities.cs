namespace Ioc.Data.Entities;

/// <summary>An alert rule an admin made on /admin/alerts (rules from settings are not stored). The rule itself is JSON, so that new rule fields need no migration.</summary>
public sealed class AlertRuleEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>An <c>Ioc.Domain.Alerts.AlertRule</c> as JSON.</summary>
    public required string Definition { get; set; }
    public bool Enabled { get; set; }
    public long CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public long? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One alert: a rule that fired for one unit (and, for ticket spikes, one category or commune), from
/// when it fired until it cleared. Firing, acknowledged and cleared are the same row over time.
/// </summary>
public sealed class AlertEntity
{
    public long Id { get; set; }
    /// <summary>"settings:&lt;key&gt;" or "db:&lt;id&gt;".</summary>
    public required string RuleKey { get; set; }
    /// <summary>The rule's name when it fired (rules may be renamed later).</summary>
    public required string RuleName { get; set; }
    public int UnitId { get; set; }
    /// <summary>What the figure is about beyond the unit: a category or commune code, or "".</summary>
    public required string Subject { get; set; }
    /// <summary>The figure when it fired, then its latest value while firing (percent for rates).</summary>
    public double Figure { get; set; }
    public double Threshold { get; set; }
    public bool IsRate { get; set; }
    public long FiredAt { get; set; }
    public long? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public long? ClearedAt { get; set; }
    /// <summary>Who cleared it by hand; null when the figure recovered.</summary>
    public string? ClearedBy { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Alerts;

/// <summary>A rule as the monitor and the admin page see it: from settings (read-only) or made by an admin (<see cref="DatabaseId"/>).</summary>
public sealed record StoredAlertRule(string Key, AlertRule Rule, int? DatabaseId)
{
    public bool FromSettings => DatabaseId is null;

    public static string SettingsKey(string key) => "settings:" + key;

    public static string DatabaseKey(int id) => "db:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The outcome of saving a rule: its errors (nothing stored) or the stored rule.</summary>
public sealed record AlertRuleSave(IReadOnlyList<AlertRuleError> Errors, StoredAlertRule? Rule)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Alert rules made by admins and the alerts themselves. Every admin action (a rule saved,
/// enabled or disabled; an alert acknowledged or cleared) is audited like the other admin actions.
/// </summary>
public sealed class AlertStore(IDbContextFactory<IocDbContext> factory, ReferenceCatalog catalog, IOptions<AlertOptions> options, AuditLog audit, ProvinceClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Raised in this process after an admin changed a rule or an alert, so that the monitor and the hub follow at once.</summary>
    public event Action<AlertNotice>? Changed;

    public async Task<IReadOnlyList<StoredAlertRule>> RulesAsync(CancellationToken ct = default)
    {
        var result = options.Value.Rules.Select(r => new StoredAlertRule(StoredAlertRule.SettingsKey(r.Key), r, null)).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var e in await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct))
        {
            var rule = JsonSerializer.Deserialize<AlertRule>(e.Definition, Json) ?? new AlertRule();
            rule.Key = StoredAlertRule.DatabaseKey(e.Id);
            rule.Enabled = e.Enabled;
            result.Add(new StoredAlertRule(rule.Key, rule, e.Id));
        }
        return result;
    }

    /// <summary>Adds a rule (<paramref name="id"/> null) or replaces an admin-made one; a rule with errors changes nothing.</summary>
    public async Task<AlertRuleSave> SaveRuleAsync(int? id, AlertRule rule, string actor, CancellationToken ct = default)
    {
        var errors = AlertRuleValidator.Validate(rule, catalog);
        if (errors.Count > 0)
        {
            return new AlertRuleSave(errors, null);
        }
        var copy = rule.Clone();
        copy.Name = copy.Name.Trim();
        copy.Unit = copy.Unit.Trim();
        copy.Category = copy.Category.Trim();
        copy.Commune = copy.Commune.Trim();
        copy.Key = "";
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.UtcNow.ToUnixTimeMilliseconds();
        AlertRuleEntity entity;
        string? before = null;
        if (id is int existing)
        {
            entity = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == existing, ct)
                ?? throw new KeyNotFoundException($"No alert rule {existing}.");
            before = entity.Definition;
            entity.UpdatedAt = now;
            entity.UpdatedBy = actor;
        }
        else
        {
            entity = new AlertRuleEntity { Name = "", Definition = "", CreatedAt = now, CreatedBy = actor };
            db.AlertRules.Add(entity);
        }
        entity.Name = copy.Name;
        entity.Enabled = copy.Enabled;
        entity.Definition = JsonSerializer.Serialize(copy, Json);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, id is null ? "alert-rule.create" : "alert-rule.update", StoredAlertRule.DatabaseKey(entity.Id),
            before is null ? null : JsonDocument.Parse(before), JsonDocument.Parse(entity.Definition), copy.Name, ct);
        copy.Key = StoredAlertRule.DatabaseKey(entity.Id);
        Raise(new AlertNotice(0, 0, AlertNotice.RulesChanged, clock.UtcNow));
        return new AlertRuleSave([], new StoredAlertRule(copy.Key, copy, entity.Id));
    }

    public async Task<bool> SetEnabledAsync(int id, bool enabled, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (entity is null)
        {
            return false;
        }
        var rule = JsonSerializer.Deserialize<AlertRule>(entity.Definition, Json) ?? new AlertRule();
        rule.Enabled = enabled;
        entity.Enabled = enabled;
        entity.Definition = JsonSerializer.Serialize(rule, Json);
        entity.UpdatedAt = clock.UtcNow.ToUnixTimeMilliseconds();
        entity.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, enabled ? "alert-rule.enable" : "alert-rule.disable", StoredAlertRule.DatabaseKey(id), detail: entity.Name, ct: ct);
        Raise(new AlertNotice(0, 0, AlertNotice.RulesChanged, clock.UtcNow));
        return true;
    }

    /// <summary>Alerts not cleared yet (firing, acknowledged or not), newest first.</summary>
    public async Task<IReadOnlyList<AlertEntity>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().Where(a => a.ClearedAt == null).OrderByDescending(a => a.FiredAt).ToListAsync(ct);
    }

    /// <summary>The newest alerts whatever their state, for the admin list.</summary>
    public async Task<IReadOnlyList<AlertEntity>> RecentAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().OrderByDescending(a => a.FiredAt).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>Alerts that fired in a span of time (markers on trend charts), of units within <paramref name="unitId"/>'s subtree.</summary>
    public async Task<IReadOnlyList<AlertEntity>> FiredBetweenAsync(int unitId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (f, t) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var rows = await db.Alerts.AsNoTracking().Where(a => a.FiredAt >= f && a.FiredAt < t).OrderBy(a => a.FiredAt).Take(500).ToListAsync(ct);
        return [.. rows.Where(a => catalog.Units.IsWithin(a.UnitId, unitId))];
    }

    public Task<bool> AcknowledgeAsync(long id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "alert.acknowledge", a => a.AcknowledgedAt is null && a.ClearedAt is null, (a, now) =>
        {
            a.AcknowledgedAt = now;
            a.AcknowledgedBy = actor;
        }, AlertNotice.Acknowledged, ct);

    /// <summary>Clears by hand; the monitor does not raise the same alert again until its figure has recovered once.</summary>
    public Task<bool> ClearAsync(long id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "alert.clear", a => a.ClearedAt is null, (a, now) =>
        {
            a.ClearedAt = now;
            a.ClearedBy = actor;
        }, AlertNotice.Cleared, ct);

    private async Task<bool> ChangeAsync(long id, string actor, string action, Func<AlertEntity, bool> allowed, Action<AlertEntity, long> change, string notice, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !allowed(alert))
        {
            return false;
        }
        change(alert, clock.UtcNow.ToUnixTimeMilliseconds());
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, action, $"alert:{id}", detail: $"{alert.RuleName} · {catalog.Units.Find(alert.UnitId)?.Name}", ct: ct);
        Raise(new AlertNotice(id, alert.UnitId, notice, clock.UtcNow));
        return true;
    }

    /// <summary>For the monitor, which writes fired and recovered alerts itself.</summary>
    internal void Raise(AlertNotice notice) => Changed?.Invoke(notice);
}

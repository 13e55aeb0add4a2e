using System.Collections.Concurrent;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Alerts;

/// <summary>
/// Evaluates the alert rules after each committed batch, on the units that batch changed only (ticket
/// spikes when tickets arrived), and every rule on all its units every <see cref="AlertOptions.RecheckSeconds"/>
/// (time alone makes dossiers overdue and ends days). A rule that fires writes one alert row and tells
/// the hub's alert group; while it keeps firing the row's figure follows; once its figure is back past
/// the line by the rule's margin (hysteresis) the row is cleared.
/// </summary>
/// <remarks>
/// One loop does all the work, so that open alerts live in memory without locks. An alert an admin
/// cleared by hand is not raised again until its figure has recovered once: otherwise it would be
/// back after the next batch.
/// </remarks>
public sealed class AlertMonitor : BackgroundService, IIngestObserver
{
    public const string HubGroup = "alerts";

    private readonly IHubContext<KpiHub, IKpiClient> _hub;
    private readonly AlertStore _store;
    private readonly IndicatorQueries _queries;
    private readonly AlertReadings _readings;
    private readonly ReferenceCatalog _catalog;
    private readonly IDbContextFactory<IocDbContext> _factory;
    private readonly ProvinceClock _clock;
    private readonly IOptions<AlertOptions> _options;
    private readonly ILogger<AlertMonitor> _logger;
    private readonly ConcurrentQueue<int> _changedUnits = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Dictionary<AlertKey, AlertEntity> _open = [];
    private readonly HashSet<AlertKey> _clearedByHand = [];
    private readonly Dictionary<(string Rule, DateOnly Day), IReadOnlyList<long>> _usualLevels = [];
    private IReadOnlyList<StoredAlertRule> _rules = [];
    private volatile bool _ticketsChanged;
    private volatile bool _reload = true;

    public AlertMonitor(IHubContext<KpiHub, IKpiClient> hub, AlertStore store, IndicatorQueries queries, AlertReadings readings, ReferenceCatalog catalog,
        IDbContextFactory<IocDbContext> factory, ProvinceClock clock, IOptions<AlertOptions> options, ILogger<AlertMonitor> logger)
    {
        (_hub, _store, _queries, _readings, _catalog, _factory, _clock, _options, _logger) = (hub, store, queries, readings, catalog, factory, clock, options, logger);
        _store.Changed += OnStoreChanged;
    }

    private readonly record struct AlertKey(string Rule, int Unit, string Subject);

    public void OnCommitted(IngestChanges changes)
    {
        if (!_options.Value.Enabled)
        {
            // Nobody would drain the queue.
            return;
        }
        foreach (var unit in changes.Units)
        {
            _changedUnits.Enqueue(unit);
        }
        if (changes.Tickets.Count > 0)
        {
            _ticketsChanged = true;
        }
        _signal.Release();
    }

    private void OnStoreChanged(AlertNotice notice)
    {
        // An admin changed a rule or an alert: re-read both before the next pass, and tell every screen now.
        _reload = true;
        _signal.Release();
        _ = NotifyAsync([notice]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRecheck = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_options.Value.Enabled)
                {
                    return;
                }
                var now = TimeProvider.System.GetUtcNow();
                var full = now >= nextRecheck;
                var units = new HashSet<int>();
                while (_changedUnits.TryDequeue(out var unit))
                {
                    units.Add(unit);
                }
                var tickets = _ticketsChanged;
                _ticketsChanged = false;
                if (full || units.Count > 0 || tickets || _reload)
                {
                    await EvaluateAsync(full ? null : units, full || tickets, stoppingToken);
                }
                if (full)
                {
                    nextRecheck = now + TimeSpan.FromSeconds(_options.Value.RecheckSeconds);
                }
                var delay = nextRecheck - TimeProvider.System.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await _signal.WaitAsync(delay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A failed pass must not stop alerts for good; the next batch or recheck tries again.
                _logger.LogError(ex, "Evaluating alert rules failed");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass: the rules on <paramref name="changedUnits"/> (null: on all their units), ticket spikes when <paramref name="tickets"/>.</summary>
    public async Task EvaluateAsync(IReadOnlySet<int>? changedUnits, bool tickets, CancellationToken ct = default)
    {
        await _pass.WaitAsync(ct);
        try
        {
            if (_reload)
            {
                _reload = false;
                await ReloadAsync(ct);
            }
            var notices = new List<AlertNotice>();
            var today = _clock.Today;
            foreach (var stored in _rules.Where(r => r.Rule.Enabled))
            {
                var rule = stored.Rule;
                switch (rule.Kind)
                {
                    case AlertRuleKind.Threshold or AlertRuleKind.OverdueRise:
                        var targets = Targets(rule, today).Where(u => changedUnits is null || changedUnits.Contains(u)).ToList();
                        if (targets.Count == 0)
                        {
                            continue;
                        }
                        if (rule.Kind == AlertRuleKind.Threshold)
                        {
                            var kpis = await _queries.GetManyAsync(targets, KpiWindows.Resolve(rule.Window, today), ct);
                            foreach (var k in kpis)
                            {
                                var figure = AlertIndicators.Read(rule.Indicator, k.Dossiers, k.Hotline, rule.MinimumCount);
                                await ApplyAsync(stored, k.UnitId, "", new AlertReading(figure, rule.Threshold), AlertIndicators.IsRate(rule.Indicator), notices, ct);
                            }
                        }
                        else
                        {
                            var now = await _queries.GetManyAsync(targets, new DayRange(today, today), ct);
                            var yesterday = await _queries.GetManyAsync(targets, new DayRange(today.AddDays(-1), today.AddDays(-1)), ct);
                            for (var i = 0; i < targets.Count; i++)
                            {
                                await ApplyAsync(stored, targets[i], "", AlertJudge.Rise(rule, now[i].Dossiers.Overdue, yesterday[i].Dossiers.Overdue), false, notices, ct);
                            }
                        }
                        break;
                    case AlertRuleKind.TicketSpike when tickets:
                        await EvaluateSpikeAsync(stored, today, notices, ct);
                        break;
                }
            }
            await NotifyAsync(notices);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task EvaluateSpikeAsync(StoredAlertRule stored, DateOnly today, List<AlertNotice> notices, CancellationToken ct)
    {
        var rule = stored.Rule;
        var unit = string.IsNullOrWhiteSpace(rule.Unit) ? _catalog.Units.Root.Id : _catalog.Units.FindByCode(rule.Unit)!.Id;
        var (dimension, value, subject, alertUnit) = (TicketDimension.All, 0, "", unit);
        if (!string.IsNullOrWhiteSpace(rule.Category) && _catalog.FindCategory(rule.Category) is { } category)
        {
            (dimension, value, subject) = (TicketDimension.Category, category.Id, category.Code);
        }
        else if (!string.IsNullOrWhiteSpace(rule.Commune) && _catalog.Units.FindByCode(rule.Commune) is { } commune)
        {
            // A commune's spike concerns the commune: its chairman is told.
            (dimension, value, subject, alertUnit) = (TicketDimension.Commune, commune.Id, commune.Code, commune.Id);
        }
        // The usual level of a day does not move during it: read the past weeks once a day.
        if (!_usualLevels.TryGetValue((stored.Key, today), out var usual))
        {
            var days = Enumerable.Range(1, rule.Weeks).Select(w => today.AddDays(-7 * w)).ToList();
            usual = await _readings.TicketsReceivedAsync(unit, dimension, value, days, ct);
            foreach (var stale in _usualLevels.Keys.Where(k => k.Day != today).ToList())
            {
                _usualLevels.Remove(stale);
            }
            _usualLevels[(stored.Key, today)] = usual;
        }
        var count = (await _readings.TicketsReceivedAsync(unit, dimension, value, [today], ct))[0];
        await ApplyAsync(stored, alertUnit, subject, AlertJudge.Spike(rule, count, usual), false, notices, ct);
    }

    private IEnumerable<int> Targets(AlertRule rule, DateOnly today)
    {
        if (rule.UnitKinds.Count > 0)
        {
            return _catalog.Units.All.Where(u => rule.UnitKinds.Contains(u.Kind) && u.IsActiveOn(today)).Select(u => u.Id);
        }
        return [string.IsNullOrWhiteSpace(rule.Unit) ? _catalog.Units.Root.Id : _catalog.Units.FindByCode(rule.Unit)?.Id ?? _catalog.Units.Root.Id];
    }

    private async Task ApplyAsync(StoredAlertRule stored, int unit, string subject, AlertReading reading, bool isRate, List<AlertNotice> notices, CancellationToken ct)
    {
        var key = new AlertKey(stored.Key, unit, subject);
        var before = _open.TryGetValue(key, out var alert);
        if (_clearedByHand.Contains(key))
        {
            if (!AlertJudge.IsFiring(stored.Rule, reading, firingBefore: true))
            {
                _clearedByHand.Remove(key);
            }
            return;
        }
        var firing = AlertJudge.IsFiring(stored.Rule, reading, before);
        var now = _clock.UtcNow;
        if (!before && firing)
        {
            alert = new AlertEntity
            {
                RuleKey = stored.Key,
                RuleName = stored.Rule.Name,
                UnitId = unit,
                Subject = subject,
                Figure = reading.Figure!.Value,
                Threshold = reading.Line,
                IsRate = isRate,
                FiredAt = now.ToUnixTimeMilliseconds(),
            };
            await using var db = await _factory.CreateDbContextAsync(ct);
            db.Alerts.Add(alert);
            await db.SaveChangesAsync(ct);
            _open[key] = alert;
            notices.Add(new AlertNotice(alert.Id, unit, AlertNotice.Fired, now));
            _logger.LogWarning("Alert {Rule} fired for unit {Unit}{Subject}: {Figure} against {Line}", stored.Rule.Name, unit, subject, reading.Figure, reading.Line);
        }
        else if (before && firing && reading.Figure is double figure && figure != alert!.Figure)
        {
            alert.Figure = figure;
            await using var db = await _factory.CreateDbContextAsync(ct);
            await db.Alerts.Where(a => a.Id == alert.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Figure, figure), ct);
            notices.Add(new AlertNotice(alert.Id, unit, AlertNotice.Fired, now));
        }
        else if (before && !firing)
        {
            var at = now.ToUnixTimeMilliseconds();
            await using var db = await _factory.CreateDbContextAsync(ct);
            await db.Alerts.Where(a => a.Id == alert!.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ClearedAt, at), ct);
            _open.Remove(key);
            notices.Add(new AlertNotice(alert!.Id, unit, AlertNotice.Cleared, now));
        }
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        _rules = await _store.RulesAsync(ct);
        var open = await _store.OpenAsync(ct);
        var stillOpen = open.Select(a => new AlertKey(a.RuleKey, a.UnitId, a.Subject)).ToHashSet();
        foreach (var key in _open.Keys.Where(k => !stillOpen.Contains(k)))
        {
            // Gone from the open list without this loop clearing it: an admin cleared it.
            _clearedByHand.Add(key);
        }
        _open.Clear();
        foreach (var a in open)
        {
            _open.TryAdd(new AlertKey(a.RuleKey, a.UnitId, a.Subject), a);
        }
    }

    private async Task NotifyAsync(IReadOnlyList<AlertNotice> notices)
    {
        foreach (var n in notices)
        {
            try
            {
                await _hub.Clients.Group(HubGroup).AlertsChanged(n);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Telling the hub about alert {Alert} failed", n.AlertId);
            }
        }
    }

    public override void Dispose()
    {
        _store.Changed -= OnStoreChanged;
        base.Dispose();
    }
}

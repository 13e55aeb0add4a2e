using Ioc.Aggregation.Alerts;
using Ioc.Contracts;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Web.Live;

namespace Ioc.Web.Features.Alerts;

/// <summary>An alert as pages show it, with names resolved.</summary>
public sealed record AlertView(
    long Id,
    string RuleKey,
    string RuleName,
    int UnitId,
    string UnitName,
    string Subject,
    double Figure,
    double Threshold,
    bool IsRate,
    DateTimeOffset FiredAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt,
    string? ClearedBy)
{
    public bool IsOpen => ClearedAt is null;

    public static AlertView Of(AlertEntity a, ReferenceCatalog catalog)
    {
        var subject = a.Subject.Length == 0 ? ""
            : catalog.FindCategory(a.Subject)?.Name ?? catalog.Units.FindByCode(a.Subject)?.Name ?? a.Subject;
        static DateTimeOffset? At(long? ms) => ms is long v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
        return new AlertView(a.Id, a.RuleKey, a.RuleName, a.UnitId, catalog.Units.Find(a.UnitId)?.Name ?? a.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            subject, a.Figure, a.Threshold, a.IsRate, DateTimeOffset.FromUnixTimeMilliseconds(a.FiredAt), At(a.AcknowledgedAt), a.AcknowledgedBy, At(a.ClearedAt), a.ClearedBy);
    }

    /// <summary>What a caller may see: a department head the alerts of his own unit's subtree, readers of every unit all of them.</summary>
    public static IReadOnlyList<AlertView> VisibleTo(AccessScope viewer, Domain.Units.UnitTree units, IEnumerable<AlertView> alerts) =>
        [.. alerts.Where(a => viewer.CanSeeUnit(units, a.UnitId))];
}

/// <summary>
/// The open alerts of the province for this web process: read from the database at first use and
/// again whenever the hub says an alert changed (or this process's admin page changed one), then
/// handed to each watching circuit filtered by that circuit's scope.
/// </summary>
public sealed class AlertFeed : IDisposable
{
    private readonly KpiHubClient _hub;
    private readonly AlertStore _store;
    private readonly ReferenceCatalog _catalog;
    private readonly ILogger<AlertFeed> _logger;
    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<AlertView>? _open;
    private int _pending;

    public AlertFeed(KpiHubClient hub, AlertStore store, ReferenceCatalog catalog, ILogger<AlertFeed> logger)
    {
        (_hub, _store, _catalog, _logger) = (hub, store, catalog, logger);
        _hub.AlertsChanged += OnChanged;
        _store.Changed += OnChanged;
    }

    /// <summary>Open alerts <paramref name="viewer"/> may see, newest first.</summary>
    public async Task<IReadOnlyList<AlertView>> OpenAsync(AccessScope viewer, CancellationToken ct = default)
    {
        var open = _open ?? await RefreshAsync(ct);
        return AlertView.VisibleTo(viewer, _catalog.Units, open);
    }

    /// <summary>Calls <paramref name="onChange"/> with the viewer's open alerts whenever they may have changed, in the caller's execution context (culture).</summary>
    public IDisposable Watch(AccessScope viewer, Func<IReadOnlyList<AlertView>, Task> onChange)
    {
        var watcher = new Watcher(viewer, onChange, ExecutionContext.Capture());
        lock (_gate)
        {
            _watchers.Add(watcher);
        }
        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        });
    }

    private void OnChanged(AlertNotice? notice) => _ = RefreshAndDeliverAsync();

    private async Task RefreshAndDeliverAsync()
    {
        // Notices come in bursts (one per unit of a batch): one refresh runs, and one more after it covers the rest.
        if (Interlocked.Increment(ref _pending) > 2)
        {
            Interlocked.Decrement(ref _pending);
            return;
        }
        try
        {
            var open = await RefreshAsync();
            Watcher[] watchers;
            lock (_gate)
            {
                watchers = [.. _watchers];
            }
            foreach (var w in watchers)
            {
                await w.DeliverAsync(AlertView.VisibleTo(w.Viewer, _catalog.Units, open), _logger);
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Reading open alerts failed");
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task<IReadOnlyList<AlertView>> RefreshAsync(CancellationToken ct = default)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            var rows = await _store.OpenAsync(ct);
            var open = (IReadOnlyList<AlertView>)[.. rows.Select(a => AlertView.Of(a, _catalog))];
            _open = open;
            return open;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose()
    {
        _hub.AlertsChanged -= OnChanged;
        _store.Changed -= OnChanged;
    }

    private sealed record Watcher(AccessScope Viewer, Func<IReadOnlyList<AlertView>, Task> Callback, ExecutionContext? Context)
    {
        public async Task DeliverAsync(IReadOnlyList<AlertView> alerts, ILogger logger)
        {
            try
            {
                Task? task = null;
                if (Context is null)
                {
                    task = Callback(alerts);
                }
                else
                {
                    ExecutionContext.Run(Context, _ => task = Callback(alerts), null);
                }
                await task!;
            }
            catch (Exception ex)
            {
                // A circuit that went away must not keep the others from hearing about alerts.
                logger.LogDebug(ex, "An alert watcher failed");
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

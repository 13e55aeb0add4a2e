using Ioc.Aggregation.Alerts;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Alerts;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Admin;

/// <summary>
/// /admin/alerts: every rule (those from settings read-only), a form to add or edit the admin's own
/// rules, and the recent alerts with their acknowledge and clear actions. The store validates and
/// audits; this page only wires. It re-reads its tables whenever an alert fires, is acknowledged or
/// cleared, or a rule changes (here, on another admin's page or in the aggregation service), so an
/// admin watching it needs no reload.
/// </summary>
public sealed partial class AlertsAdminPage : IDisposable
{
    private IReadOnlyList<StoredAlertRule> _rules = [];
    private IReadOnlyList<AlertView> _alerts = [];
    private IReadOnlyList<AlertRuleError> _errors = [];
    private AlertRule _form = new();
    private int? _editing;
    private string _target = "unit";
    private IDisposable? _subscription;
    private Throttle? _reload;
    private bool _disposed;

    [Inject] public required AlertStore Store { get; init; }
    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required CurrentUser Me { get; init; }
    [Inject] public required AlertFeed Feed { get; init; }

    /// <summary>The form's "applies to" choice; it sets the rule's unit kinds.</summary>
    private string Target
    {
        get => _target;
        set
        {
            _target = value;
            _form.UnitKinds = [.. AlertRuleText.Targets.FirstOrDefault(t => t.Key == value).Kinds ?? []];
        }
    }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            // A burst of notices (one per unit of a batch) becomes one re-read a second, not a query per notice.
            _reload = new Throttle(TimeSpan.FromSeconds(1), () => InvokeAsync(async () =>
            {
                if (!_disposed)
                {
                    await LoadAsync();
                    StateHasChanged();
                }
            }));
            _subscription = Feed.Watch(await Me.ScopeAsync(), _ =>
            {
                _reload.Request();
                return Task.CompletedTask;
            });
        }
    }

    private async Task LoadAsync()
    {
        _rules = await Store.RulesAsync();
        _alerts = [.. (await Store.RecentAsync()).Select(a => AlertView.Of(a, Catalog))];
    }

    private static string State(AlertView a) => !a.IsOpen ? "cleared" : a.AcknowledgedAt is not null ? "acknowledged" : "firing";

    private void New()
    {
        _form = new AlertRule();
        _editing = null;
        _target = "unit";
        _errors = [];
    }

    private void Edit(StoredAlertRule rule)
    {
        _form = rule.Rule.Clone();
        _editing = rule.DatabaseId;
        _target = AlertRuleText.Targets.FirstOrDefault(t => t.Kinds.Length > 0 && t.Kinds.ToHashSet().SetEquals(_form.UnitKinds)).Key ?? "unit";
        _errors = [];
    }

    private async Task SaveAsync()
    {
        if (_form.Kind == AlertRuleKind.TicketSpike)
        {
            _form.UnitKinds = [];
        }
        var result = await Store.SaveRuleAsync(_editing, _form, await Me.ActorAsync());
        _errors = result.Errors;
        if (result.Succeeded)
        {
            New();
            await LoadAsync();
        }
    }

    private async Task ToggleAsync(int id, bool enabled)
    {
        await Store.SetEnabledAsync(id, enabled, await Me.ActorAsync());
        await LoadAsync();
    }

    private async Task AcknowledgeAsync(long id)
    {
        await Store.AcknowledgeAsync(id, await Me.ActorAsync());
        await LoadAsync();
    }

    private async Task ClearAsync(long id)
    {
        await Store.ClearAsync(id, await Me.ActorAsync());
        await LoadAsync();
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _reload?.Dispose();
    }
}

using Ioc.Aggregation.Alerts;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Alerts;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Admin;

/// <summary>
/// /admin/alerts: every rule (those from settings read-only), a form to add or edit the admin's own
/// rules, and the recent alerts with their acknowledge and clear actions. The store validates and
/// audits; this page only wires.
/// </summary>
public sealed partial class AlertsAdminPage
{
    private IReadOnlyList<StoredAlertRule> _rules = [];
    private IReadOnlyList<AlertView> _alerts = [];
    private IReadOnlyList<AlertRuleError> _errors = [];
    private AlertRule _form = new();
    private int? _editing;
    private string _target = "unit";

    [Inject] public required AlertStore Store { get; init; }
    [Inject] public required ReferenceCatalog Catalog { get; init; }
    [Inject] public required CurrentUser Me { get; init; }

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

    protected override Task OnInitializedAsync() => LoadAsync();

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
}

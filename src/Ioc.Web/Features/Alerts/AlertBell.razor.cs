using Ioc.Domain.Access;
using Ioc.Domain.Time;
using Ioc.Web.Features.Account;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Alerts;

/// <summary>The bell in the app bar: how many alerts of the signed-in person's units are open, and their list; live.</summary>
public sealed partial class AlertBell : IDisposable
{
    private AccessScope? _scope;
    private IReadOnlyList<AlertView> _alerts = [];
    private IDisposable? _subscription;
    private bool _open;
    private bool _disposed;

    [Inject] public required AlertFeed Feed { get; init; }
    [Inject] public required Aggregation.Alerts.AlertStore Store { get; init; }
    [Inject] public required CurrentUser User { get; init; }
    [Inject] public required ProvinceClock Clock { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _scope = await User.ScopeAsync();
        if (!_scope.IsAuthenticated)
        {
            return;
        }
        _alerts = await Feed.OpenAsync(_scope);
        if (RendererInfo.IsInteractive)
        {
            _subscription = Feed.Watch(_scope, alerts => InvokeAsync(() =>
            {
                if (!_disposed)
                {
                    _alerts = alerts;
                    StateHasChanged();
                }
            }));
        }
    }

    private void Toggle() => _open = !_open;

    /// <summary>The head of a unit says "seen, on it": only alerts this person was shown (their scope), audited like an admin's.</summary>
    private async Task AcknowledgeAsync(long id)
    {
        if (_scope is null || !(await Feed.OpenAsync(_scope)).Any(a => a.Id == id))
        {
            return;
        }
        await Store.AcknowledgeAsync(id, await User.ActorAsync());
        _alerts = await Feed.OpenAsync(_scope);
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}

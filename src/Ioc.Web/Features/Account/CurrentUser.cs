using Ioc.Aggregation.Access;
using Ioc.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ioc.Web.Features.Account;

/// <summary>The signed-in caller's scope, for components (from the circuit's authentication state).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    private AccessScope? _scope;

    public async Task<AccessScope> ScopeAsync()
    {
        if (_scope is null)
        {
            var state = await authentication.GetAuthenticationStateAsync();
            _scope = ScopeClaims.ScopeOf(state.User);
        }
        return _scope;
    }

    /// <summary>Who to write into the audit log and into events' "actor".</summary>
    public async Task<string> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.Name ?? "anonymous";
    }
}

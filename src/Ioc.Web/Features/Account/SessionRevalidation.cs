using System.Security.Claims;
using Ioc.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>
/// An open page (a circuit) keeps the identity it started with; this re-checks the account's security
/// stamp every few seconds, so that a sign-out elsewhere, a lock or a password reset also ends the
/// pages already open (they go to the login page).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<SecurityOptions> security, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(security.Value.CircuitRevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        // Wall screens have no account; their display key is re-checked by the wall itself.
        if (principal.Identity?.AuthenticationType == DisplayAuthentication.Scheme)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = await users.GetUserAsync(principal);
        return user is not null
            && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>
/// An open page (a circuit) keeps the identity it started with; this re-checks the account's security
/// stamp every few seconds, so that a sign-out elsewhere, a lock or a password reset also ends the
/// pages already open (they go to the login page).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, SecurityStampCheck stamps, SessionCheckGate gate, IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(security.Value.CircuitRevalidationSeconds);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        CheckAsync(authenticationState, cancellationToken);

    /// <summary>Whether the page may stay: what the revalidation loop asks every <see cref="SecurityOptions.CircuitRevalidationSeconds"/>.</summary>
    public async Task<bool> CheckAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        // Wall screens have no account; their display key is re-checked by the wall itself.
        if (principal.Identity?.AuthenticationType == DisplayAuthentication.Scheme)
        {
            return true;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await stamps.IsCurrentAsync(principal, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// How many open pages may check their session at the same moment. Each page checks on its own
/// timer; unbounded, a room of walls rented as many pooled DbContexts and SQLite connections at once
/// as checks overlapped, and both pools keep what they once rented: a heap dump of 30 open walls held
/// about one more pooled context (its DbSets and the connection's registered SQL functions) per page.
/// A check is one indexed read, so two at a time keep up with hundreds of pages.
/// </summary>
public sealed class SessionCheckGate() : SemaphoreSlim(MaxConcurrentChecks, MaxConcurrentChecks)
{
    private const int MaxConcurrentChecks = 2;
}

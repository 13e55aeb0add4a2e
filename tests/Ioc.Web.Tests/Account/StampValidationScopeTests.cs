using System.Security.Claims;
using Ioc.Web.Tests.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// The check of a person's cookie against the account's security stamp, run by the app's own cookie options, uses
/// none of the request's services: the request of an open page (its circuit's WebSocket) lasts as long as the page, and
/// whatever the check resolved there (the user manager, its stores, a pooled DbContext) stayed with it.
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed class StampValidationScopeTests(AccessFixture f)
{
    [Fact]
    public async Task CookieCheck_ValidStamp_KeepsThePrincipalAndResolvesNothingFromTheRequest()
    {
        var (principal, _) = await TestAccounts.SignedInAsync(f.App);
        using var request = f.App.Services.CreateScope();
        var requestServices = new ResolvedTypes(request.ServiceProvider);

        var context = await ValidateAsync(principal, requestServices);

        Assert.NotNull(context.Principal);
        Assert.True(context.ShouldRenew);
        Assert.Equal([typeof(IServiceScopeFactory)], requestServices.Types);
    }

    [Fact]
    public async Task CookieCheck_StampChangedSinceSignIn_RejectsThePrincipal()
    {
        var (principal, name) = await TestAccounts.SignedInAsync(f.App);
        Assert.Null(await TestAccounts.Administration(f.App).SetLockedAsync("quantri", await TestAccounts.IdAsync(f.App, name), locked: true));
        using var request = f.App.Services.CreateScope();
        var requestServices = new ResolvedTypes(request.ServiceProvider);

        var context = await ValidateAsync(principal, requestServices);

        Assert.Null(context.Principal);
        Assert.DoesNotContain(typeof(ISecurityStampValidator), requestServices.Types);
    }

    private async Task<CookieValidatePrincipalContext> ValidateAsync(ClaimsPrincipal principal, IServiceProvider requestServices)
    {
        var options = f.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var http = new DefaultHttpContext { RequestServices = requestServices };
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow.AddMinutes(-1) }, IdentityConstants.ApplicationScheme);
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var context = new CookieValidatePrincipalContext(http, scheme, options, ticket);
        // As during a request: Identity's sign-in manager finds the request through the accessor (an async local: this test's flow only).
        f.App.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        await options.Events.ValidatePrincipal(context);
        Assert.Same(requestServices, http.RequestServices);
        return context;
    }

    /// <summary>The request's real services, noting each type asked of them.</summary>
    private sealed class ResolvedTypes(IServiceProvider inner) : IServiceProvider
    {
        public List<Type> Types { get; } = [];

        public object? GetService(Type serviceType)
        {
            Types.Add(serviceType);
            return inner.GetService(serviceType);
        }
    }
}

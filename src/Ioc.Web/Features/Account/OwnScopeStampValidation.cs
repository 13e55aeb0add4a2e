using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Checks a person's cookie against the account's security stamp, as Identity's <see cref="SecurityStampValidator"/>
/// does, but with the services of a scope of its own, disposed when the check is done. Identity resolves its
/// validator, user manager, stores and their <c>IocDbContext</c> from the request's services, which live as long as the
/// request; the request that carries an open page's circuit (its WebSocket) lasts as long as the page. Every open
/// page of a signed-in person thus kept a pooled DbContext out of the pool, with the user it had read and the SQL
/// functions registered on its connection: a heap dump of 30 open walls held one such context per page, about a tenth
/// of the page's managed memory.
/// </summary>
public static class OwnScopeStampValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var requestServices = http.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        finally
        {
            http.RequestServices = requestServices;
        }
    }
}

using System.Globalization;
using System.Security.Claims;
using Ioc.Aggregation.Access;
using Ioc.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Wall screens: opening <c>/wall?key=…</c> once trades the display key for a long-lived cookie
/// (ten years, never sliding, no person behind it) that is checked against the key on every request.
/// </summary>
public static class DisplayAuthentication
{
    public const string Scheme = "IocDisplay";
    public const string CookieName = ".Ioc.Display";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Secure behind an https proxy (after forwarded headers), plain on a plain-http network.
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.MaxAge = TimeSpan.FromDays(3650);
        o.ExpireTimeSpan = TimeSpan.FromDays(3650);
        o.SlidingExpiration = false;
        o.LoginPath = "/wall/revoked";
        o.AccessDeniedPath = "/account/denied";
        o.Events.OnValidatePrincipal = async context =>
        {
            var id = context.Principal?.FindFirst(HubKeyAuthenticationHandler.DisplayKeyClaim)?.Value;
            var store = context.HttpContext.RequestServices.GetRequiredService<DisplayKeyStore>();
            if (!int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var keyId) || !await store.IsActiveAsync(keyId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }

    public static ClaimsPrincipal Principal(int keyId, string name) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "display:" + keyId.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, name),
        new Claim(ScopeClaims.DisplayName, name),
        new Claim(ClaimTypes.Role, IocRoles.Display),
        new Claim(HubKeyAuthenticationHandler.DisplayKeyClaim, keyId.ToString(CultureInfo.InvariantCulture)),
    ], Scheme));
}

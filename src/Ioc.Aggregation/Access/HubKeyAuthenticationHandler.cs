using System.Security.Claims;
using System.Text.Encodings.Web;
using Ioc.Aggregation.Publishing;
using Ioc.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Access;

/// <summary>
/// Authenticates machine clients of the KPI hub: a web process's shared connection (service key,
/// header X-Kpi-Key) and screens or boards holding a display key (header X-Display-Key, or the
/// <c>display_key</c> query parameter for browser clients that cannot set headers on WebSockets).
/// </summary>
public sealed class HubKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KpiServiceCredentials service,
    DisplayKeyStore displays) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HubKey";
    public const string DisplayHeader = "X-Display-Key";
    public const string DisplayKeyClaim = "display_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var serviceKey = Request.Headers[KpiServiceCredentials.Header].ToString();
        if (serviceKey.Length > 0)
        {
            return service.Matches(serviceKey)
                ? Success(new Claim(ClaimTypes.Name, "web-service"), new Claim(ClaimTypes.Role, IocRoles.Service))
                : AuthenticateResult.Fail("Unknown service key.");
        }
        var displayKey = Request.Headers[DisplayHeader].ToString() is { Length: > 0 } h ? h : Request.Query["display_key"].ToString();
        if (displayKey.Length > 0)
        {
            var key = await displays.FindActiveAsync(displayKey, Context.RequestAborted);
            return key is null
                ? AuthenticateResult.Fail("Unknown or revoked display key.")
                : Success(new Claim(ClaimTypes.Name, "display:" + key.Name), new Claim(ClaimTypes.Role, IocRoles.Display), new Claim(DisplayKeyClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return AuthenticateResult.NoResult();
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
}

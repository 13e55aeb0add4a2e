using System.Threading.RateLimiting;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Publishing;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>Sign-in with ASP.NET Core Identity, wall-screen identities, policies and hardening, wired in one place.</summary>
public static class AccountSetup
{
    /// <summary>The default scheme picks the display cookie for wall screens and the person's cookie otherwise.</summary>
    public const string SmartScheme = "Ioc";
    public const string SignInLimiter = "sign-in";

    public static WebApplicationBuilder AddIocAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations()
            .Validate(o => ForwardedHeadersSetup.Problems(o.ForwardedHeaders).Count == 0, "Security:ForwardedHeaders lists an entry that is not an IP address or a network (CIDR).")
            .ValidateOnStart();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        // Identity's stores want a scoped context; it comes from the same pooled factory as everything else.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContext());
        services.AddIdentityCore<IocUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IocDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<IocClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "IOC", o => o.ForwardDefaultSelector = http =>
                http.Request.Cookies.ContainsKey(DisplayAuthentication.CookieName) && !http.Request.Cookies.ContainsKey(".AspNetCore.Identity.Application")
                    ? DisplayAuthentication.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(DisplayAuthentication.Scheme, DisplayAuthentication.Configure)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionHours);
                o.SlidingExpiration = true;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure when the request is https, as seen after the trusted proxy's X-Forwarded-Proto;
                // a plain-http installation on an office network keeps working.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnValidatePrincipal = OwnScopeStampValidation.ValidatePrincipalAsync;
            }));
        // The antiforgery cookie is never marked Secure by default.
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Sign-out, role changes, locks and password resets change the account's security stamp; every
        // request checks it, so a copied or left-behind cookie stops working at once (one indexed read).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // Open pages (circuits) check it every few seconds.
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddSingleton<SessionCheckGate>();
        services.AddSingleton<SecurityStampCheck>();

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in IocPolicies.Roles)
        {
            authorization.AddPolicy(policy, p => p.AddAuthenticationSchemes(SmartScheme).RequireRole(roles));
        }
        // People signed in to this web app may also use the hub directly (one-process mode).
        services.PostConfigure<AuthorizationOptions>(o => o.AddPolicy(KpiHub.Policy, p => p
            .AddAuthenticationSchemes(HubKeyAuthenticationHandler.SchemeName, SmartScheme)
            .RequireAuthenticatedUser()));
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, s) => ForwardedHeadersSetup.Configure(o, s.Value.ForwardedHeaders));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address (after forwarded headers from trusted proxies); per account in SignInAsync.
            o.AddPolicy(SignInLimiter, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerClientPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    public static WebApplication UseIocSecurity(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        // First: everything after it (HTTPS redirection, the sign-in limit, the audit log) sees the real client.
        if (security.ForwardedHeaders.IsConfigured)
        {
            app.UseForwardedHeaders();
        }
        if (security.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }
        if (security.Hsts)
        {
            app.UseHsts();
        }
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = security.ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        // /wall?key=… : trade the key for the screen's cookie, then show the wall without the key in the
        // address. Before authorization, which would otherwise send the keyed screen to the login page.
        app.UseWhen(http => http.Request.Path.Equals("/wall", StringComparison.OrdinalIgnoreCase) && http.Request.Query.ContainsKey("key"), branch => branch.Run(OpenWallAsync));
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapIocAccounts(this WebApplication app)
    {
        app.MapPost("/account/login", SignInAsync).RequireRateLimiting(SignInLimiter).RequireAntiforgeryToken();
        app.MapPost("/account/logout", SignOutAsync).RequireAntiforgeryToken();
        return app;
    }

    /// <summary>Ends every session of the account, not only this cookie: a copy of it (or another browser) stops working too.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<IocUser> signIn, UserManager<IocUser> users, AuditLog audit)
    {
        var name = http.User.Identity?.Name;
        if (await users.GetUserAsync(http.User) is IocUser user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        if (name is not null)
        {
            await audit.WriteAsync(name, "account.sign-out", $"user:{name}");
        }
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<IocUser> signIn, UserManager<IocUser> users, SignInThrottle throttle, AuditLog audit, HttpContext http)
    {
        var back = LocalReturnUrl.Parse(returnUrl);
        string Retry(string error) => $"/account/login?error={error}" + (back is null ? "" : "&returnUrl=" + Uri.EscapeDataString(back));
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 100 || password.Length > 200)
        {
            return Results.LocalRedirect(Retry("missing"));
        }
        if (!throttle.TryAttempt(users.NormalizeName(userName.Trim())))
        {
            await audit.WriteAsync(userName, "account.sign-in-throttled", $"user:{userName}", detail: http.Connection.RemoteIpAddress?.ToString());
            http.Response.Headers.RetryAfter = "60";
            return Results.Text(UiText.Translate("Quá nhiều lần đăng nhập vào tài khoản này. Hãy thử lại sau một phút."), statusCode: StatusCodes.Status429TooManyRequests);
        }
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // A locked account's open sessions end too: someone is guessing its password.
            if (await users.FindByNameAsync(userName.Trim()) is IocUser locked)
            {
                await users.UpdateSecurityStampAsync(locked);
            }
            await audit.WriteAsync(userName, "account.locked-out", $"user:{userName}", detail: http.Connection.RemoteIpAddress?.ToString());
            return Results.LocalRedirect(Retry("locked"));
        }
        if (!result.Succeeded)
        {
            await audit.WriteAsync(userName, "account.sign-in-failed", $"user:{userName}", detail: http.Connection.RemoteIpAddress?.ToString());
            return Results.LocalRedirect(Retry("invalid"));
        }
        var user = await users.FindByNameAsync(userName.Trim());
        var roles = user is null ? [] : await users.GetRolesAsync(user);
        await audit.WriteAsync(userName, "account.sign-in", $"user:{userName}", detail: http.Connection.RemoteIpAddress?.ToString());
        var scope = new AccessScope(roles.FirstOrDefault() ?? "", user?.UnitId, user?.DisplayName ?? userName);
        return Results.LocalRedirect(back ?? IocPolicies.LandingPage(scope));
    }

    private static async Task OpenWallAsync(HttpContext http)
    {
        var store = http.RequestServices.GetRequiredService<DisplayKeyStore>();
        var key = await store.FindActiveAsync(http.Request.Query["key"].ToString(), http.RequestAborted);
        if (key is null)
        {
            http.Response.Redirect("/wall/revoked");
            return;
        }
        await http.SignInAsync(DisplayAuthentication.Scheme, DisplayAuthentication.Principal(key.Id, key.Name));
        var rest = http.Request.Query.Where(q => q.Key != "key").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        var query = string.Join('&', rest);
        http.Response.Redirect("/wall" + (query.Length > 0 ? "?" + query : ""));
    }
}

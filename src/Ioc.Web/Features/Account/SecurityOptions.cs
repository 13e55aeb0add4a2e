using System.ComponentModel.DataAnnotations;

namespace Ioc.Web.Features.Account;

/// <summary>Hardening settings (<c>Security</c> section).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Redirect HTTP to HTTPS. Off by default: IOC rooms often terminate TLS at a proxy.</summary>
    public bool HttpsRedirection { get; set; }

    /// <summary>Send Strict-Transport-Security (only meaningful behind HTTPS).</summary>
    public bool Hsts { get; set; }

    /// <summary>
    /// Content-Security-Policy: only the app's own origin. Inline styles are allowed because Blazor
    /// and MudBlazor write style attributes; scripts are never inline.
    /// </summary>
    [Required]
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Sign-in attempts per minute from one client address. High: a whole office behind one NAT
    /// address signs in around nine o'clock; guessing one account is stopped per account instead.
    /// </summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerClientPerMinute { get; set; } = 100;

    /// <summary>Sign-in attempts per minute for one user name, from anywhere.</summary>
    [Range(1, 1000)]
    public int SignInAttemptsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Failed passwords before an account locks, and for how long.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a person's session lasts without activity (a working day).</summary>
    [Range(1, 72)]
    public int SessionHours { get; set; } = 10;

    /// <summary>
    /// How often an open page (a Blazor circuit) re-checks that its session still stands: after a
    /// sign-out elsewhere, a lock or a password reset it leaves for the login page within this time.
    /// Plain requests check on every request.
    /// </summary>
    [Range(1, 3600)]
    public int CircuitRevalidationSeconds { get; set; } = 10;

    /// <summary>Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>
/// <c>Security:ForwardedHeaders</c>. Empty (the default): the client is the connection's address and
/// forwarded headers are ignored, since anyone can send them. Behind a reverse proxy, name it here.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

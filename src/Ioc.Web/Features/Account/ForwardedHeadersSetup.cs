using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Believes X-Forwarded-For and X-Forwarded-Proto only from the proxies named in
/// <c>Security:ForwardedHeaders</c>: the sign-in limit per client is only as good as the client address.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void Configure(ForwardedHeadersOptions o, ForwardedHeadersSettings settings)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // ASP.NET trusts loopback by default; here only what is configured is trusted.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
        }
        foreach (var network in settings.KnownNetworks)
        {
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        }
    }

    /// <summary>Entries that are not addresses or networks, so that a typo stops the start instead of trusting nobody (or everybody).</summary>
    public static IReadOnlyList<string> Problems(ForwardedHeadersSettings settings) =>
    [
        .. settings.KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)).Select(p => $"Security:ForwardedHeaders:KnownProxies: '{p}' is not an IP address."),
        .. settings.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n.Trim(), out _)).Select(n => $"Security:ForwardedHeaders:KnownNetworks: '{n}' is not a network such as 10.0.0.0/24."),
    ];
}

using System.Net;
using System.Text.RegularExpressions;
using Ioc.Aggregation.Access;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// Behind nginx terminating TLS, every cookie IOC sets is Secure: the scheme comes from the trusted
/// proxy's X-Forwarded-Proto. Plain http (an office network without TLS) still works, and the header
/// from anyone but a configured proxy changes nothing.
/// </summary>
public sealed partial class SecureCookieTests
{
    private static readonly string[] Expected = [".AspNetCore.Antiforgery.", ".AspNetCore.Identity.Application", ".Ioc.Display", ".AspNetCore.Culture"];

    [Theory]
    [InlineData(true, "https", true)]
    [InlineData(true, null, false)]
    [InlineData(false, "https", false)]
    public async Task Cookies_SecureExactlyWhenTheTrustedProxySaysHttps(bool proxyConfigured, string? forwardedProto, bool secure)
    {
        await using var app = new IocAppFactory();
        if (proxyConfigured)
        {
            app.With("Security:ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        }
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình thử", "test");

        var cookies = new List<string>();
        var form = await SendAsync(http, HttpMethod.Get, "/account/login", forwardedProto, cookies);
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var signIn = await SendAsync(http, HttpMethod.Post, "/account/login", forwardedProto, cookies,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["userName"] = "lanhdao", ["password"] = IocAppFactory.DemoPassword }));
        // A wall screen and a language choice, each from a fresh client.
        List<string> wall = [], culture = [];
        await SendAsync(http, HttpMethod.Get, $"/wall?key={Uri.EscapeDataString(secret)}", forwardedProto, wall);
        await SendAsync(http, HttpMethod.Get, "/culture/en-US", forwardedProto, culture);
        cookies.AddRange([.. wall, .. culture]);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("error=", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.All(Expected, name => Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal)));
        Assert.All(cookies, c => Assert.True(IsSecure(c) == secure, c));
    }

    /// <summary>Sends with the proxy's headers and this client's cookies; adds the answer's Set-Cookie lines to <paramref name="cookies"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? forwardedProto, List<string> cookies, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';', 2)[0])));
        }
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            cookies.AddRange(set);
        }
        return response;
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

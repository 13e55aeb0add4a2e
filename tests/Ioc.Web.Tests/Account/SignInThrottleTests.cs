using System.Net;
using Ioc.Testing;
using Ioc.Web.Features.Account;
using Ioc.Web.Tests.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Tests.Account;

/// <summary>Sign-in is limited per account, so one account's attempts use up nobody else's at the same address.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class SignInThrottleTests(AccessFixture f)
{
    [Fact]
    public async Task SignIn_OneAccountOutOfAttempts_OtherAccountFromSameAddressSignsIn()
    {
        var a = await TestAccounts.CreateAsync(f.App);
        var b = await TestAccounts.CreateAsync(f.App);
        var limit = f.App.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerAccountPerMinute;
        using var client = SignedInClient.Anonymous(f.App.ServerAddress);
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(a, IocAppFactory.DemoPassword)).StatusCode);
        }

        var refused = await client.SignInAsync(a, IocAppFactory.DemoPassword);
        var otherCase = await client.SignInAsync(a.ToUpperInvariant(), IocAppFactory.DemoPassword);
        var other = await client.SignInAsync(b, IocAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherCase.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.DoesNotContain("error=", other.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The per-client limit counts the client behind a configured proxy, and only there: from anywhere
/// else X-Forwarded-For is ignored, or anyone could pick a fresh address per attempt.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const int PerClient = 3;

    [Fact]
    public async Task SignIn_ThroughConfiguredProxy_LimitsEachForwardedClientSeparately()
    {
        await using var app = ThrottledApp().With("Security:ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        using var http = new HttpClient { BaseAddress = app.ServerAddress };

        for (var i = 0; i < PerClient; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostSignInAsync(http, "203.0.113.10")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(http, "203.0.113.10")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostSignInAsync(http, "203.0.113.11")).StatusCode);
    }

    [Fact]
    public async Task SignIn_FromAddressNotAConfiguredProxy_IgnoresForwardedFor()
    {
        await using var app = ThrottledApp().With("Security:ForwardedHeaders:KnownNetworks:0", "10.20.0.0/16");
        using var http = new HttpClient { BaseAddress = app.ServerAddress };

        for (var i = 0; i < PerClient; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostSignInAsync(http, $"203.0.113.{20 + i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(http, "203.0.113.99")).StatusCode);
    }

    [Fact]
    public async Task Start_KnownProxyNotAnAddress_FailsNamingTheSetting()
    {
        await using var app = ThrottledApp().With("Security:ForwardedHeaders:KnownProxies:0", "proxy.local");

        var ex = Assert.ThrowsAny<Exception>(() => app.ServerAddress);

        Assert.Contains("Security:ForwardedHeaders", ex.ToString(), StringComparison.Ordinal);
    }

    private static IocAppFactory ThrottledApp() => new IocAppFactory()
        .With("Security:SignInAttemptsPerClientPerMinute", PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // The limit counts requests before the form is even read, so an empty form is an attempt too.
    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }
}

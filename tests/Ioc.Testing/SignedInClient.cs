using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ioc.Testing;

/// <summary>An HTTP client with its own cookies, signed in through the real login form (or a display key), that does not follow redirects.</summary>
public sealed partial class SignedInClient : IDisposable
{
    private readonly Uri _server;

    private SignedInClient(Uri server)
    {
        _server = server;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public static SignedInClient Anonymous(Uri server) => new(server);

    public static async Task<SignedInClient> AsAsync(Uri server, string userName, string password = IocAppFactory.DemoPassword)
    {
        var client = new SignedInClient(server);
        var response = await client.SignInAsync(userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("error=", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    /// <summary>A wall screen: opens /wall?key=… once, as an admin's link would.</summary>
    public static async Task<SignedInClient> DisplayAsync(Uri server, string displayKey)
    {
        var client = new SignedInClient(server);
        var response = await client.Http.GetAsync($"/wall?key={Uri.EscapeDataString(displayKey)}");
        if (response.Headers.Location?.ToString() != "/wall")
        {
            throw new InvalidOperationException($"Display key refused: {response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    /// <summary>Posts the login form with its antiforgery token; the answer is the redirect.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl = null)
    {
        var form = await Http.GetStringAsync("/account/login");
        var token = TokenField().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
        };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        return await Http.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the top bar's sign-out form with the antiforgery token from a page this client sees.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(string page = "/")
    {
        var html = await Http.GetStringAsync(page);
        var token = TokenField().Match(html).Groups[1].Value;
        return await Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Another client with a copy of this one's cookies, as someone who copied the session cookie would have.</summary>
    public SignedInClient CopyWithCookies()
    {
        var copy = new SignedInClient(_server);
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
        return copy;
    }

    /// <summary>A hub connection carrying this client's cookies.</summary>
    public HubConnection Hub() => new HubConnectionBuilder()
        .WithUrl(new Uri(_server, "/hubs/kpi"), o => o.Cookies = Cookies)
        .Build();

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

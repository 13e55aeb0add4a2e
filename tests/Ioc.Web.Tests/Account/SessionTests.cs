using System.Net;
using Ioc.Testing;
using Ioc.Web.Features.Account;
using Ioc.Web.Tests.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// A session ends for good: signing out, a lock or a password reset makes every cookie of the account
/// (a copied one included) useless at once, and signing out needs the page's antiforgery token.
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed class SessionTests(AccessFixture f)
{
    [Fact]
    public async Task SignOut_CopiedCookieReplayed_IsSentToLogin()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);
        using var copy = client.CopyWithCookies();
        Assert.Equal(HttpStatusCode.OK, (await copy.Http.GetAsync("/")).StatusCode);

        var signOut = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        AssertSentToLogin(await copy.Http.GetAsync("/"));
        AssertSentToLogin(await client.Http.GetAsync("/"));
    }

    [Fact]
    public async Task SignOut_OtherBrowserOfTheSameAccount_IsSignedOutToo()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var office = await SignedInClient.AsAsync(f.App.ServerAddress, name);
        using var home = await SignedInClient.AsAsync(f.App.ServerAddress, name);

        await office.SignOutAsync();

        AssertSentToLogin(await home.Http.GetAsync("/"));
    }

    [Fact]
    public async Task Lock_ByAdmin_EndsOpenSessionAtOnce()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);
        using var copy = client.CopyWithCookies();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        Assert.Null(await TestAccounts.Administration(f.App).SetLockedAsync("quantri", await TestAccounts.IdAsync(f.App, name), locked: true));

        AssertSentToLogin(await client.Http.GetAsync("/"));
        AssertSentToLogin(await copy.Http.GetAsync("/export/units/" + f.Root + "/children?format=csv"));
    }

    [Fact]
    public async Task PasswordReset_ByAdmin_EndsOpenSessionAtOnce()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);

        Assert.Null(await TestAccounts.Administration(f.App).ResetPasswordAsync("quantri", await TestAccounts.IdAsync(f.App, name), "Mat-khau-moi-2026"));

        AssertSentToLogin(await client.Http.GetAsync("/"));
    }

    [Fact]
    public async Task Lockout_AfterWrongPasswords_EndsOpenSession()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);
        using var guesser = SignedInClient.Anonymous(f.App.ServerAddress);
        var attempts = f.App.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.LockoutAttempts;

        for (var i = 0; i < attempts; i++)
        {
            await guesser.SignInAsync(name, "sai-mat-khau-" + i);
        }

        AssertSentToLogin(await client.Http.GetAsync("/"));
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_Returns400AndSessionStays()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);

        var forged = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var empty = await client.Http.PostAsync("/account/logout", null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Logout_WithTokenFromThePage_SignsOut()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = await SignedInClient.AsAsync(f.App.ServerAddress, name);

        var response = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.ToString());
        AssertSentToLogin(await client.Http.GetAsync("/"));
    }

    private void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", new Uri(f.App.ServerAddress, response.Headers.Location!).AbsolutePath);
    }
}

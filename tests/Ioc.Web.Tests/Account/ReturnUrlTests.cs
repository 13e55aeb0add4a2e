using System.Net;
using Ioc.Testing;
using Ioc.Web.Tests.Access;

namespace Ioc.Web.Tests.Account;

/// <summary>A return URL sends people to a page of this site or home: never elsewhere, never a 500.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class ReturnUrlTests(AccessFixture f)
{
    public static TheoryData<string> Hostile() =>
    [
        "/\t/evil.example",
        "/\\evil.example",
        "//evil.example",
        "/\\\\evil",
        "https://evil.example",
        "http:/evil.example",
        "/%0d%0aSet-Cookie:%20a=b",
        "/\r\nSet-Cookie: a=b",
        " //evil.example",
        "/hồ-sơ/ồ",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Culture_HostileReturnUrl_RedirectsToLocalPath(string returnUrl)
    {
        using var client = SignedInClient.Anonymous(f.App.ServerAddress);

        var response = await client.Http.GetAsync("/culture/en-US?returnUrl=" + Uri.EscapeDataString(returnUrl));

        AssertLocalRedirect(response);
    }

    [Fact]
    public async Task Culture_BackslashAsInTheIssue_RedirectsHome()
    {
        using var client = SignedInClient.Anonymous(f.App.ServerAddress);

        var response = await client.Http.GetAsync("/culture/en-US?returnUrl=/%5Cevil.example");

        AssertLocalRedirect(response);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignIn_HostileReturnUrl_RedirectsToLocalPath(string returnUrl)
    {
        // An account per case: the per-account sign-in limit would otherwise be what answers.
        var name = await TestAccounts.CreateAsync(f.App);
        using var wrong = SignedInClient.Anonymous(f.App.ServerAddress);
        using var right = SignedInClient.Anonymous(f.App.ServerAddress);

        var failed = await wrong.SignInAsync(name, "sai-mat-khau", returnUrl);
        var signedIn = await right.SignInAsync(name, IocAppFactory.DemoPassword, returnUrl);

        AssertLocalRedirect(failed);
        Assert.StartsWith("/account/login?error=invalid", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        AssertLocalRedirect(signedIn);
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsFollowed()
    {
        var name = await TestAccounts.CreateAsync(f.App);
        using var client = SignedInClient.Anonymous(f.App.ServerAddress);

        var response = await client.SignInAsync(name, IocAppFactory.DemoPassword, $"/units/{f.Justice}?tab=dossiers");

        Assert.Equal($"/units/{f.Justice}?tab=dossiers", response.Headers.Location!.OriginalString);
    }

    private void AssertLocalRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location, StringComparison.Ordinal);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.Contains('\\', StringComparison.Ordinal) || location.Any(char.IsControl), location);
        Assert.Equal(f.App.ServerAddress.Authority, new Uri(f.App.ServerAddress, location).Authority);
    }
}

using System.Security.Claims;
using Ioc.Data.Entities;
using Ioc.Web.Features.Account;
using Ioc.Web.Tests.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// The check an open page repeats every few seconds (the app's own AuthenticationStateProvider of a circuit, over the
/// real database): the page stays while the account's stamp is the one it signed in with, and ends after a lock, a
/// password reset, or when the account is gone.
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed class SessionRevalidationTests(AccessFixture f)
{
    [Fact]
    public async Task OpenPage_StampUnchanged_IsCurrent()
    {
        var (principal, _) = await TestAccounts.SignedInAsync(f.App);

        Assert.True(await CheckAsync(principal));
    }

    [Fact]
    public async Task OpenPage_AccountLockedSinceSignIn_IsNoLongerCurrent()
    {
        var (principal, name) = await TestAccounts.SignedInAsync(f.App);
        Assert.Null(await TestAccounts.Administration(f.App).SetLockedAsync("quantri", await TestAccounts.IdAsync(f.App, name), locked: true));

        Assert.False(await CheckAsync(principal));
    }

    [Fact]
    public async Task OpenPage_AccountDeleted_IsNoLongerCurrent()
    {
        var (principal, name) = await TestAccounts.SignedInAsync(f.App);
        using (var scope = f.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync(name))!)).Succeeded);
        }

        Assert.False(await CheckAsync(principal));
    }

    [Fact]
    public async Task OpenPage_StampClaimOfAnotherAccount_IsNotCurrent()
    {
        var (first, _) = await TestAccounts.SignedInAsync(f.App);
        var (second, _) = await TestAccounts.SignedInAsync(f.App);
        var stampType = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;
        var forged = new ClaimsPrincipal(new ClaimsIdentity(
            first.Claims.Where(c => c.Type != stampType).Append(second.FindFirst(stampType)!), first.Identity!.AuthenticationType));

        Assert.False(await CheckAsync(forged));
    }

    /// <summary>Through the provider a circuit gets, as its revalidation loop calls it.</summary>
    private async Task<bool> CheckAsync(ClaimsPrincipal principal)
    {
        using var circuit = f.App.Services.CreateScope();
        var provider = (SessionRevalidation)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        return await provider.CheckAsync(new AuthenticationState(principal), CancellationToken.None);
    }
}

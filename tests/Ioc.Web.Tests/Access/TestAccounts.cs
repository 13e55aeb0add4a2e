using System.Security.Claims;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Testing;
using Ioc.Web.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Access;

/// <summary>Accounts of a test's own, so that signing out, locking or throttling touches no other test's session.</summary>
public static class TestAccounts
{
    public static async Task<string> CreateAsync(IocAppFactory app, string role = IocRoles.Leader, int? unitId = null)
    {
        var name = "tk." + Guid.NewGuid().ToString("N")[..12];
        var problem = await Administration(app).CreateAsync("test", name, name, role, unitId, IocAppFactory.DemoPassword);
        Assert.Null(problem);
        return name;
    }

    public static async Task<string> IdAsync(IocAppFactory app, string userName) =>
        (await Administration(app).ListAsync()).Single(u => u.UserName == userName).Id;

    /// <summary>A new account, and the principal its sign-in gives (claims and security stamp as the cookie carries them).</summary>
    public static async Task<(ClaimsPrincipal Principal, string Name)> SignedInAsync(IocAppFactory app)
    {
        var name = await CreateAsync(app);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>().FindByNameAsync(name);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IocUser>>().CreateAsync(user!);
        return (principal, name);
    }

    public static UserAdministration Administration(IocAppFactory app) => app.Services.GetRequiredService<UserAdministration>();
}

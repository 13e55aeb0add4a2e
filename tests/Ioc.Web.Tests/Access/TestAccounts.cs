using Ioc.Domain.Access;
using Ioc.Testing;
using Ioc.Web.Features.Admin;
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

    public static UserAdministration Administration(IocAppFactory app) => app.Services.GetRequiredService<UserAdministration>();
}

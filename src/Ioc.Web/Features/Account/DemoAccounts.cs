using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Web.Features.Account;

/// <summary>Demo mode (<c>Demo</c> section): one account per role, with a password everyone knows. Never outside demo mode.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Password of every demo account.</summary>
    public string Password { get; set; } = "Demo@2026ioc";

    /// <summary>
    /// Create the demo accounts also on a reference directory that is not the demo province's. Off:
    /// a province's own data never gets accounts whose password is published.
    /// </summary>
    public bool AllowOutsideDemoData { get; set; }
}

public static class DemoAccounts
{
    public sealed record Account(string UserName, string DisplayName, string Role, int? UnitId, string Description);

    /// <summary>The demo cast: a leader, the head of the justice department, a commune chairman, an operator, an admin.</summary>
    public static IReadOnlyList<Account> For(ReferenceCatalog catalog)
    {
        var units = catalog.Units;
        var justice = units.All.Where(u => u.Kind == UnitKind.Department).FirstOrDefault(u => u.Name.Contains("Tư pháp", StringComparison.Ordinal))
            ?? units.All.First(u => u.Kind is UnitKind.Department or UnitKind.Agency);
        var commune = units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First();
        // In a national deployment the leader watches the country (the Government Office keeps the national
        // scoreboard), and every province has a "Sở Tư pháp": the heads' names say whose.
        var (leader, leaderScope) = units.IsNational
            ? ("Lãnh đạo Văn phòng Chính phủ", "lãnh đạo: cả nước, mọi tỉnh")
            : ("Phó Chủ tịch UBND tỉnh", "lãnh đạo tỉnh: mọi đơn vị");
        string Named(Unit u) => units.IsNational ? $"{u.Name} ({units.PathFromRoot(u.Id)[1].ShortName})" : u.Name;
        return
        [
            new("lanhdao", leader, IocRoles.Leader, null, leaderScope),
            new("giamdoc.sotuphap", "Giám đốc " + Named(justice), IocRoles.DepartmentHead, justice.Id, Named(justice)),
            new("chutich.xa", "Chủ tịch UBND " + Named(commune), IocRoles.DepartmentHead, commune.Id, Named(commune)),
            new("tongdai", "Tổng đài viên 1022", IocRoles.HotlineStaff, null, "tổng đài 1022: mọi phản ánh"),
            new("quantri", "Quản trị hệ thống", IocRoles.Admin, null, "quản trị"),
        ];
    }

    public static async Task SeedAsync(IServiceProvider services, string password, ILogger logger)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        await EnsureRolesAsync(scope.ServiceProvider);
        var catalog = services.GetRequiredService<ReferenceCatalog>();
        var lines = new List<string>();
        foreach (var a in For(catalog))
        {
            if (await users.FindByNameAsync(a.UserName) is null)
            {
                var user = new IocUser { UserName = a.UserName, DisplayName = a.DisplayName, UnitId = a.UnitId };
                Check(await users.CreateAsync(user, password), a.UserName);
                Check(await users.AddToRoleAsync(user, a.Role), a.UserName);
            }
            lines.Add($"  {a.UserName,-18} {a.Role,-15} {a.Description}");
        }
        logger.LogWarning("Demo mode: accounts (password '{Password}'):\n{Accounts}", password, string.Join('\n', lines));
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in IocRoles.People)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static void Check(IdentityResult result, string user)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {user}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

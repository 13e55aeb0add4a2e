using Ioc.Aggregation.Access;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Web.Features.Admin;

public sealed record UserSummary(string Id, string UserName, string DisplayName, string Role, int? UnitId, bool LockedOut, int FailedAttempts);

/// <summary>Accounts, as admins manage them: every change is checked (a department head needs a unit) and audited with before and after.</summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, ReferenceCatalog catalog, AuditLog audit)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        var result = new List<UserSummary>();
        foreach (var u in all)
        {
            var roles = await users.GetRolesAsync(u);
            result.Add(new UserSummary(u.Id, u.UserName!, u.DisplayName, roles.FirstOrDefault() ?? "", u.UnitId,
                u.LockoutEnd is DateTimeOffset end && end > DateTimeOffset.UtcNow, u.AccessFailedCount));
        }
        return result;
    }

    /// <returns>Null on success, otherwise what is wrong, in Vietnamese.</returns>
    public async Task<string?> CreateAsync(string actor, string userName, string displayName, string role, int? unitId, string password)
    {
        if (Validate(userName, role, unitId) is string problem)
        {
            return problem;
        }
        using var scope = scopes.CreateScope();
        await Account.DemoAccounts.EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = new IocUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), UnitId = role == IocRoles.DepartmentHead ? unitId : null };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }
        if (!result.Succeeded)
        {
            return Describe(result);
        }
        await audit.WriteAsync(actor, "user.create", $"user:{user.UserName}", after: new { user.UserName, user.DisplayName, Role = role, Unit = UnitCode(user.UnitId) });
        return null;
    }

    public async Task<string?> ChangeRoleAsync(string actor, string id, string role, int? unitId)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return "Không tìm thấy tài khoản.";
        }
        if (Validate(user.UserName!, role, unitId) is string problem)
        {
            return problem;
        }
        var oldRoles = await users.GetRolesAsync(user);
        var before = new { Role = oldRoles.FirstOrDefault(), Unit = UnitCode(user.UnitId) };
        await users.RemoveFromRolesAsync(user, oldRoles);
        await users.AddToRoleAsync(user, role);
        user.UnitId = role == IocRoles.DepartmentHead ? unitId : null;
        await users.UpdateAsync(user);
        // A changed role must not live on in a cookie issued before the change.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, "user.role", $"user:{user.UserName}", before, new { Role = role, Unit = UnitCode(user.UnitId) });
        return null;
    }

    public async Task<string?> ResetPasswordAsync(string actor, string id, string password)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return "Không tìm thấy tài khoản.";
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return Describe(result);
        }
        await audit.WriteAsync(actor, "user.password-reset", $"user:{user.UserName}");
        return null;
    }

    public async Task<string?> SetLockedAsync(string actor, string id, bool locked)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return "Không tìm thấy tài khoản.";
        }
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, locked ? "user.lock" : "user.unlock", $"user:{user.UserName}", before: new { Locked = !locked }, after: new { Locked = locked });
        return null;
    }

    private string? Validate(string userName, string role, int? unitId)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 100)
        {
            return "Tên đăng nhập phải có từ 1 đến 100 ký tự.";
        }
        if (!IocRoles.People.Contains(role))
        {
            return "Vai trò không hợp lệ.";
        }
        if (role == IocRoles.DepartmentHead && (unitId is not int u || !catalog.Units.Contains(u)))
        {
            return "Thủ trưởng đơn vị phải gắn với một đơn vị.";
        }
        return null;
    }

    private string? UnitCode(int? unitId) => unitId is int u ? catalog.Units.Find(u)?.Code : null;

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Code switch
    {
        "DuplicateUserName" => "Tên đăng nhập đã có người dùng.",
        "PasswordTooShort" => "Mật khẩu phải có ít nhất 10 ký tự.",
        "PasswordRequiresDigit" => "Mật khẩu phải có chữ số.",
        "PasswordRequiresUpper" => "Mật khẩu phải có chữ hoa.",
        "PasswordRequiresLower" => "Mật khẩu phải có chữ thường.",
        "InvalidUserName" => "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự - . _ @",
        _ => e.Description,
    }));
}

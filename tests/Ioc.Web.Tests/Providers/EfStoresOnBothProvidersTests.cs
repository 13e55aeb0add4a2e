using System.Text.Json;
using System.Xml.Linq;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Alerts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Alerts;
using Ioc.Testing;
using Ioc.Web.Features.Account;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Tests.Providers;

/// <summary>
/// Everything that goes through EF Core behaves alike on SQLite and on PostgreSQL (a throw-away cluster
/// on a loopback port): the same assertions, on rows in the database and on the errors returned.
/// </summary>
public sealed class EfStoresOnBothProvidersTests
{
    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_LoadsTheReferenceFiles_AndASecondStartChangesNothing(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.ReferenceData, "units.json")));
        var codes = file.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();

        var stored = await host.ReadAsync(db => db.Units.Select(u => u.Code).ToListAsync());
        await host.Services.InitializeIocDatabaseAsync();
        var again = await host.ReadAsync(db => db.Units.CountAsync());
        var pending = await host.ReadAsync(db => db.Database.GetPendingMigrationsAsync());

        Assert.Equal(codes, stored.Order(StringComparer.Ordinal));
        Assert.Equal(codes.Count, again);
        Assert.Empty(pending);
        Assert.True(await host.ReadAsync(db => db.Procedures.AnyAsync()));
        Assert.True(await host.ReadAsync(db => db.HotlineCategories.AnyAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UserAdd_ThenSignIn_WrongPasswordsLockTheAccount_ADuplicateIsRefused(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        var output = new StringWriter();

        var created = await UserCommands.RunAsync(["user-add", "lanhdao.so", IocRoles.Leader, "--display", "Nguyễn Văn Lãnh"], host.Services, new StringReader("MatKhau2026ok\n"), output);
        var duplicate = await UserCommands.RunAsync(["user-add", "lanhdao.so", IocRoles.Leader], host.Services, new StringReader("MatKhau2026ok\n"), new StringWriter());

        Assert.Equal((0, 1), (created, duplicate));
        Assert.Equal([("lanhdao.so", "Nguyễn Văn Lãnh")], (await host.ReadAsync(db => db.Users.ToListAsync())).Select(u => (u.UserName, u.DisplayName)));
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = (await users.FindByNameAsync("lanhdao.so"))!;
        Assert.Equal([IocRoles.Leader], await users.GetRolesAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, "MatKhau2026ok"));

        var attempts = host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.LockoutAttempts;
        for (var i = 0; i < attempts; i++)
        {
            Assert.False(await users.CheckPasswordAsync(user, "sai-mat-khau"));
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync(user));
        var lockoutEnd = await host.ReadAsync(db => db.Users.Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DisplayKey_CreateFindRevoke_Audited(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        var keys = host.Services.GetRequiredService<DisplayKeyStore>();

        var (key, secret) = await keys.CreateAsync("Màn hình phòng họp tầng 3", "quantri");
        var found = await keys.FindActiveAsync(secret);
        await keys.RevokeAsync(key.Id, "quantri");
        var afterRevoke = await keys.FindActiveAsync(secret);

        Assert.Equal(key.Id, found?.Id);
        Assert.Null(afterRevoke);
        Assert.Equal([("Màn hình phòng họp tầng 3", true)], (await host.ReadAsync(db => db.DisplayKeys.ToListAsync())).Select(k => (k.Name, k.RevokedAt != null)));
        var (audit, total) = await host.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Action: "display-key."));
        Assert.Equal(2, total);
        Assert.Equal(["display-key.revoke", "display-key.create"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal($"display-key:{key.Id}", a.Target));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AlertRule_WithErrors_ChangesNothing_AValidOneIsStoredAndAudited(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        var store = host.Services.GetRequiredService<AlertStore>();
        var catalog = host.Services.GetRequiredService<Domain.Catalog.ReferenceCatalog>();
        var department = catalog.Units.All.First(u => u.Kind == Domain.Units.UnitKind.Department);

        var refused = await store.SaveRuleAsync(null, new AlertRule { Name = "", Unit = "KHONG-CO", Threshold = 120 }, "quantri");
        var saved = await store.SaveRuleAsync(null, new AlertRule { Name = "Quá hạn trên 50", Unit = department.Code, Indicator = AlertIndicators.Overdue, Direction = AlertDirection.Above, Threshold = 50 }, "quantri");

        Assert.Equal(["Hãy đặt tên cho quy tắc.", "Không có đơn vị mã KHONG-CO.", "Ngưỡng của một tỷ lệ phải từ 0 đến 100 %."], refused.Errors.Select(e => e.ToString()));
        Assert.True(saved.Succeeded);
        Assert.Equal(["Quá hạn trên 50"], await host.ReadAsync(db => db.AlertRules.Select(r => r.Name).ToListAsync()));
        var (audit, _) = await host.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Action: "alert-rule."));
        Assert.Equal(["alert-rule.create"], audit.Select(a => a.Action));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DataProtectionKeys_StoredInTheDatabase_ReadBackByAnotherRing(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        var ring = new EntityFrameworkCoreXmlRepository<IocDbContext>(host.Services, NullLoggerFactory.Instance);

        ring.StoreElement(new XElement("key", new XAttribute("id", "7c1f"), "khóa"), "key-7c1f");
        var other = new EntityFrameworkCoreXmlRepository<IocDbContext>(host.Services, NullLoggerFactory.Instance);

        Assert.Equal(["khóa"], other.GetAllElements().Select(e => e.Value));
        Assert.Equal(["key-7c1f"], await host.ReadAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName!).ToListAsync()));
    }
}

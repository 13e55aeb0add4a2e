using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Web.Features.Account;

/// <summary>
/// <c>user-add &lt;name&gt; &lt;role&gt; [--unit CODE] [--display "…"]</c>, password on standard input:
/// how the first administrator comes to exist outside demo mode.
/// </summary>
public static class UserCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "user-add";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output)
    {
        if (args.Length < 3 || !IocRoles.People.Contains(args[2]))
        {
            output.WriteLine($"Usage: user-add <user name> <{string.Join('|', IocRoles.People)}> [--unit CODE] [--display \"Name\"]  (password on standard input)");
            return 64;
        }
        var catalog = services.GetRequiredService<ReferenceCatalog>();
        string? Option(string name) => Array.IndexOf(args, name) is var i and > 0 && i + 1 < args.Length ? args[i + 1] : null;
        int? unitId = null;
        if (Option("--unit") is string code)
        {
            unitId = catalog.Units.FindByCode(code)?.Id;
            if (unitId is null)
            {
                output.WriteLine($"Unknown unit {code}.");
                return 1;
            }
        }
        if (args[2] == IocRoles.DepartmentHead && unitId is null)
        {
            output.WriteLine("A department head needs --unit.");
            return 1;
        }
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            output.WriteLine("Give the password on standard input.");
            return 1;
        }
        using var scope = services.CreateScope();
        await DemoAccounts.EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var user = new IocUser { UserName = args[1], DisplayName = Option("--display") ?? args[1], UnitId = unitId };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, args[2]);
        }
        if (!created.Succeeded)
        {
            output.WriteLine(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }
        output.WriteLine($"Created {args[1]} ({args[2]}).");
        return 0;
    }
}

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
        // Options may come anywhere: the user name and role are the words that are not options or their values.
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--unit" or "--display" && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                words.Add(args[i]);
            }
        }
        string? Option(string name) => options.GetValueOrDefault(name);
        if (words.Count != 2 || !IocRoles.People.Contains(words[1]))
        {
            output.WriteLine($"Usage: user-add <user name> <{string.Join('|', IocRoles.People)}> [--unit CODE] [--display \"Name\"]  (password on standard input)");
            return 64;
        }
        var catalog = services.GetRequiredService<ReferenceCatalog>();
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
        var (userName, role) = (words[0], words[1]);
        if (role == IocRoles.DepartmentHead && unitId is null)
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
        var user = new IocUser { UserName = userName, DisplayName = Option("--display") ?? userName, UnitId = unitId };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, role);
        }
        if (!created.Succeeded)
        {
            output.WriteLine(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }
        output.WriteLine($"Created {userName} ({role}).");
        return 0;
    }
}

using System.Security.Cryptography;
using Ioc.Aggregation.Reference;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Web.Features.Account;

/// <summary>
/// <c>user-import &lt;file.csv&gt;</c>: many accounts at once (150 commune heads need not mean 150 runs of
/// user-add). Columns <c>userName,role,unit,displayName</c>; every row is checked before any account is
/// made, and all are made in one transaction or none. Each gets a random password, printed once.
/// </summary>
public static class UserImport
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "user-import";

    private sealed record Row(int Line, string UserName, string Role, string? Unit, string? DisplayName);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        if (args.Length != 2 || !File.Exists(args[1]))
        {
            output.WriteLine("Usage: user-import <accounts.csv>  (columns userName,role,unit,displayName; the file must exist)");
            return 64;
        }
        var file = Path.GetFileName(args[1]);
        var (rows, problems) = Read(args[1]);
        var catalog = services.GetRequiredService<ReferenceCatalog>();
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IocUser>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            void Problem(string field, string message) => problems.Add($"{file}: line {row.Line}: {field}: {message}");
            if (!IocRoles.People.Contains(row.Role))
            {
                Problem("role", $"'{row.Role}' is not one of {string.Join(", ", IocRoles.People)}");
            }
            if (row.Unit is not null && catalog.Units.FindByCode(row.Unit) is null)
            {
                Problem("unit", $"unknown unit '{row.Unit}'");
            }
            if (row.Role == IocRoles.DepartmentHead && row.Unit is null)
            {
                Problem("unit", "a department head needs the code of their unit");
            }
            if (!seen.Add(row.UserName))
            {
                Problem("userName", $"'{row.UserName}' is listed twice");
            }
            else if (await users.FindByNameAsync(row.UserName) is not null)
            {
                Problem("userName", $"'{row.UserName}' already exists");
            }
        }
        if (problems.Count > 0 || rows.Count == 0)
        {
            output.WriteLine(rows.Count == 0 && problems.Count == 0 ? $"{file}: no accounts listed." : $"Nothing was created; {problems.Count} problem(s):");
            problems.ForEach(output.WriteLine);
            return 1;
        }

        await DemoAccounts.EnsureRolesAsync(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<IocDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = new List<(Row Row, string Password)>();
        foreach (var row in rows)
        {
            var password = NewPassword();
            var user = new IocUser { UserName = row.UserName, DisplayName = row.DisplayName ?? row.UserName, UnitId = row.Unit is null ? null : catalog.Units.FindByCode(row.Unit)!.Id };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, row.Role);
            }
            if (!result.Succeeded)
            {
                output.WriteLine($"Nothing was created: {file}: line {row.Line}: userName: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                return 1;
            }
            created.Add((row, password));
        }
        await transaction.CommitAsync();
        output.WriteLine($"Created {created.Count} account(s). Their passwords are shown this once; hand each to its owner:");
        foreach (var (row, password) in created)
        {
            output.WriteLine($"{row.UserName}\t{row.Role}\t{row.Unit ?? "-"}\t{password}");
        }
        return 0;
    }

    private static (List<Row> Rows, List<string> Problems) Read(string path)
    {
        var rows = new List<Row>();
        var problems = new List<string>();
        List<string>? header = null;
        var line = 0;
        foreach (var record in CsvTable.Read(path))
        {
            line++;
            var cells = record.Select(c => c.Trim()).ToList();
            if (header is null)
            {
                header = [.. cells.Select(c => c.ToLowerInvariant())];
                foreach (var required in new[] { "username", "role" }.Where(r => !header.Contains(r)))
                {
                    problems.Add($"{Path.GetFileName(path)}: line 1: {required}: missing column (columns: userName,role,unit,displayName)");
                }
                continue;
            }
            string? Cell(string name) => header.IndexOf(name) is var i and >= 0 && i < cells.Count && cells[i].Length > 0 ? cells[i] : null;
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }
            if (Cell("username") is not { } userName || Cell("role") is not { } role)
            {
                problems.Add($"{Path.GetFileName(path)}: line {line}: userName: userName and role are required");
                continue;
            }
            rows.Add(new Row(line, userName, role, Cell("unit"), Cell("displayname")));
        }
        return (rows, problems);
    }

    /// <summary>16 characters from an alphabet without look-alikes, with the classes Identity's policy asks for.</summary>
    private static string NewPassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}

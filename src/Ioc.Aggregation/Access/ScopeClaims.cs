using System.Globalization;
using System.Security.Claims;
using Ioc.Domain.Access;

namespace Ioc.Aggregation.Access;

/// <summary>Reads an <see cref="AccessScope"/> from a signed-in principal, wherever it comes from (cookie, key).</summary>
public static class ScopeClaims
{
    public const string Unit = "ioc_unit";
    public const string DisplayName = "ioc_display_name";

    public static AccessScope ScopeOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return AccessScope.Anonymous;
        }
        // One role per person by design; the most powerful wins if data says otherwise.
        var role = new[] { IocRoles.Service, IocRoles.Admin, IocRoles.Leader, IocRoles.HotlineStaff, IocRoles.DepartmentHead, IocRoles.Display }
            .FirstOrDefault(user.IsInRole) ?? "";
        int? unit = int.TryParse(user.FindFirstValue(Unit), NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) ? u : null;
        var name = user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
        return new AccessScope(role, unit, name);
    }

    /// <summary>The display key a wall screen's principal stands for (from the key itself or its cookie); null for anyone else.</summary>
    public static int? DisplayKeyOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && int.TryParse(user.FindFirstValue(HubKeyAuthenticationHandler.DisplayKeyClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

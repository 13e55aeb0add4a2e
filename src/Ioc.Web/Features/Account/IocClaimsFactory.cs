using System.Globalization;
using System.Security.Claims;
using Ioc.Aggregation.Access;
using Ioc.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>Puts the person's unit and display name into their cookie, next to the role.</summary>
public sealed class IocClaimsFactory(UserManager<IocUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<IocUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(IocUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        if (user.UnitId is int unit)
        {
            identity.AddClaim(new Claim(ScopeClaims.Unit, unit.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

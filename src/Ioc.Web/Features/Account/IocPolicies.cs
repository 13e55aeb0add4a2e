using Ioc.Domain.Access;

namespace Ioc.Web.Features.Account;

/// <summary>Page and endpoint policies. Data scope (which unit) is checked again where data is read.</summary>
public static class IocPolicies
{
    public const string ProvinceOverview = nameof(ProvinceOverview);
    public const string Units = nameof(Units);
    public const string Wall = nameof(Wall);
    public const string Hotline = nameof(Hotline);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [ProvinceOverview] = [IocRoles.Leader, IocRoles.Admin, IocRoles.HotlineStaff],
        [Units] = [IocRoles.Leader, IocRoles.Admin, IocRoles.DepartmentHead],
        [Wall] = [IocRoles.Leader, IocRoles.Admin, IocRoles.Display],
        [Hotline] = [IocRoles.HotlineStaff, IocRoles.Leader, IocRoles.Admin, IocRoles.DepartmentHead],
        [Admin] = [IocRoles.Admin],
    };

    /// <summary>Where a person lands after signing in.</summary>
    public static string LandingPage(AccessScope scope) => scope.Role switch
    {
        IocRoles.DepartmentHead when scope.UnitId is int unit => $"/units/{unit}",
        IocRoles.HotlineStaff => "/hotline",
        IocRoles.Admin => "/",
        IocRoles.Display => "/wall",
        _ => "/",
    };
}

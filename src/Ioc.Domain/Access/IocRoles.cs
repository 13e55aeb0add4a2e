namespace Ioc.Domain.Access;

/// <summary>Roles of DESIGN.md ("Who may see what"), plus the two machine identities.</summary>
public static class IocRoles
{
    /// <summary>Lãnh đạo tỉnh: every unit, read.</summary>
    public const string Leader = nameof(Leader);

    /// <summary>Giám đốc Sở / Chủ tịch UBND xã: one unit's subtree, read, and that unit's tickets.</summary>
    public const string DepartmentHead = nameof(DepartmentHead);

    /// <summary>Tổng đài viên 1022: every ticket, triage.</summary>
    public const string HotlineStaff = nameof(HotlineStaff);

    /// <summary>Quản trị: users, roles, keys, audit log (and read everything).</summary>
    public const string Admin = nameof(Admin);

    /// <summary>A wall screen opened with a display key: the wall and nothing else.</summary>
    public const string Display = nameof(Display);

    /// <summary>A web process's shared hub connection: every unit; it checks each circuit's scope itself.</summary>
    public const string Service = nameof(Service);

    public static readonly string[] People = [Leader, DepartmentHead, HotlineStaff, Admin];

    public static string DisplayName(string role) => role switch
    {
        Leader => "Lãnh đạo tỉnh",
        DepartmentHead => "Thủ trưởng đơn vị",
        HotlineStaff => "Tổng đài viên 1022",
        Admin => "Quản trị hệ thống",
        Display => "Màn hình",
        _ => role,
    };
}

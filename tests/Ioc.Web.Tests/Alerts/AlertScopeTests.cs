using Ioc.Domain.Access;
using Ioc.Domain.Units;
using Ioc.Web.Features.Alerts;

namespace Ioc.Web.Tests.Alerts;

/// <summary>Who is told about which alert: a head his own unit's subtree, readers of every unit everything.</summary>
public sealed class AlertScopeTests
{
    private static readonly UnitTree Units = new(
    [
        new Unit(1, "P", "Tỉnh", "Tỉnh", UnitKind.Province, null),
        new Unit(2, "S", "Sở Tư pháp", "STP", UnitKind.Department, 1),
        new Unit(4, "S.1", "Phòng Hộ tịch", "PHT", UnitKind.Department, 2),
        new Unit(3, "X", "Xã Một", "Xã Một", UnitKind.Commune, 1),
    ]);

    private static AlertView Alert(long id, int unit) =>
        new(id, "settings:r", "Quy tắc", unit, "", "", 80, 90, true, DateTimeOffset.UnixEpoch, null, null, null, null);

    private static readonly AlertView[] All = [Alert(1, 1), Alert(2, 2), Alert(3, 4), Alert(4, 3)];

    private static long[] Seen(AccessScope viewer) => [.. AlertView.VisibleTo(viewer, Units, All).Select(a => a.Id)];

    [Fact]
    public void VisibleTo_DepartmentHead_OwnUnitAndItsSubunitsOnly()
    {
        Assert.Equal([2, 3], Seen(new AccessScope(IocRoles.DepartmentHead, 2, "Giám đốc")));
    }

    [Fact]
    public void VisibleTo_CommuneChairman_OnlyTheCommune()
    {
        Assert.Equal([4], Seen(new AccessScope(IocRoles.DepartmentHead, 3, "Chủ tịch")));
    }

    [Fact]
    public void VisibleTo_LeaderWallAndAdmin_Everything()
    {
        Assert.Equal([1, 2, 3, 4], Seen(new AccessScope(IocRoles.Leader, null, "Lãnh đạo")));
        Assert.Equal([1, 2, 3, 4], Seen(new AccessScope(IocRoles.Display, null, "Màn hình")));
        Assert.Equal([1, 2, 3, 4], Seen(new AccessScope(IocRoles.Admin, null, "Quản trị")));
    }

    [Fact]
    public void VisibleTo_HeadWithoutUnitOrAnonymous_Nothing()
    {
        Assert.Empty(Seen(new AccessScope(IocRoles.DepartmentHead, null, "?")));
        Assert.Empty(Seen(AccessScope.Anonymous));
    }
}

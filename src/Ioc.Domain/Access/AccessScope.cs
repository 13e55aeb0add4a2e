using Ioc.Domain.Tickets;
using Ioc.Domain.Units;

namespace Ioc.Domain.Access;

/// <summary>
/// What one caller may see and do, derived from their role and unit. Every place where data leaves
/// the server asks this, never the UI alone.
/// </summary>
public sealed record AccessScope(string Role, int? UnitId, string Name)
{
    public static readonly AccessScope Anonymous = new("", null, "");

    public bool IsAuthenticated => Role.Length > 0;

    /// <summary>Reads every unit: leaders, admins, hotline staff (for routing), displays and the web service.</summary>
    public bool SeesAllUnits => Role is IocRoles.Leader or IocRoles.Admin or IocRoles.HotlineStaff or IocRoles.Display or IocRoles.Service;

    public bool CanSeeUnit(UnitTree units, int unitId) =>
        units.Contains(unitId) && (SeesAllUnits || (Role == IocRoles.DepartmentHead && UnitId is int own && units.IsWithin(unitId, own)));

    /// <summary>The top of what this caller sees: the province, or the department head's own unit.</summary>
    public int? RootUnit(UnitTree units) => SeesAllUnits ? units.Root.Id : Role == IocRoles.DepartmentHead ? UnitId : null;

    /// <summary>Pages of dossiers, procedures and units (not the wall).</summary>
    public bool CanBrowseUnits => Role is IocRoles.Leader or IocRoles.Admin or IocRoles.DepartmentHead;

    public bool CanSeeWall => Role is IocRoles.Leader or IocRoles.Admin or IocRoles.Display;

    public bool CanSeeProvinceOverview => Role is IocRoles.Leader or IocRoles.Admin or IocRoles.HotlineStaff;

    public bool CanTriage => Role == IocRoles.HotlineStaff;

    public bool CanAdminister => Role == IocRoles.Admin;

    /// <summary>Hotline queue: operators and readers of all units see every ticket; a department head sees tickets routed into their subtree.</summary>
    public bool CanSeeTickets => Role is IocRoles.HotlineStaff or IocRoles.Leader or IocRoles.Admin or IocRoles.DepartmentHead;

    public bool CanSeeTicket(UnitTree units, TicketState ticket) => CanSeeTicket(units, ticket.UnitId);

    public bool CanSeeTicket(UnitTree units, int? responsibleUnitId) => CanSeeTickets && (Role != IocRoles.DepartmentHead
        || (responsibleUnitId is int u && UnitId is int own && units.IsWithin(u, own)));

    /// <summary>Reporter name and phone in clear: only operators, and only on the ticket itself.</summary>
    public bool SeesReporters => Role == IocRoles.HotlineStaff;
}

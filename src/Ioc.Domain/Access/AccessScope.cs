using Ioc.Contracts;
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

    /// <summary>The unit page (<c>/units/{id}</c>) of this unit, for any window: readers of units, within their scope.</summary>
    public bool CanOpenUnitPage(UnitTree units, int unitId) => CanBrowseUnits && CanSeeUnit(units, unitId);

    /// <summary>The windows of the province that the overview, the wall and the hotline panel show: today and since 1 January.</summary>
    public static bool IsHeadlineWindow(KpiWindow window) => window is KpiWindow.Today or KpiWindow.Year;

    /// <summary>
    /// A live stream (a unit's whole snapshot for a window) this caller may watch: exactly what a page
    /// it may open shows. The hub asks this for every other client, and the web process's shared
    /// connection asks it for each circuit, so the hub can never show more than the pages.
    /// </summary>
    /// <remarks>
    /// The unit page shows any window of a unit in scope; the overview (<c>/</c>) and the wall show the
    /// province's headline windows; the hotline panel shows the headline windows of the caller's root
    /// (the province, or a department head's own unit). Rankings on the wall are read on the server
    /// and show one rate per unit, not whole snapshots, so they grant no stream.
    /// </remarks>
    public bool CanWatchStream(UnitTree units, int unitId, KpiWindow window)
    {
        if (!units.Contains(unitId) || !Enum.IsDefined(window))
        {
            return false;
        }
        if (Role == IocRoles.Service)
        {
            // The web process's shared connection; it asks this same rule for each circuit.
            return true;
        }
        var province = unitId == units.Root.Id;
        return CanOpenUnitPage(units, unitId)
            || (province && IsHeadlineWindow(window) && (CanSeeProvinceOverview || CanSeeWall))
            || (CanSeeTickets && RootUnit(units) == unitId && IsHeadlineWindow(window));
    }

    /// <summary>Every ticket's changes on the hub: callers whose hotline page lists every ticket, and the web service (which filters per circuit).</summary>
    public bool CanWatchAllTickets => Role == IocRoles.Service || (SeesAllUnits && CanSeeTickets);

    /// <summary>Reporter name and phone in clear: only operators, and only on the ticket itself.</summary>
    public bool SeesReporters => Role == IocRoles.HotlineStaff;
}

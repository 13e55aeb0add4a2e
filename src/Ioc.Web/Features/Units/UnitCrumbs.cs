using Ioc.Domain.Access;
using Ioc.Domain.Units;

namespace Ioc.Web.Features.Units;

/// <summary>The unit path of a breadcrumb, shared by the unit page and the dossier page.</summary>
public static class UnitCrumbs
{
    /// <summary>
    /// From the province down to <paramref name="unitId"/>: every crumb keeps the window, and a unit the
    /// viewer may not open (above a department head's own unit) is named without a link, where the
    /// link would only lead to "không tìm thấy".
    /// </summary>
    public static IEnumerable<Breadcrumbs.Crumb> Path(UnitTree units, AccessScope? viewer, int unitId, WindowSelection window, string? tab = null) =>
        units.PathFromRoot(unitId).Select(u => new Breadcrumbs.Crumb(
            u.ShortName,
            viewer is not null && viewer.CanOpenUnitPage(units, u.Id) ? $"/units/{u.Id}?{window.Query}{(tab is null ? "" : "&tab=" + tab)}" : null));
}

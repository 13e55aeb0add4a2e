using System.Globalization;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// Month labels of the wall's twelve-month charts: the month alone, with its year beneath only where the
/// year starts or changes, so twelve labels stand side by side at reading size even on a portrait
/// screen's width and none is turned on its side.
/// </summary>
public static class WallMonths
{
    public static List<string> Labels(IEnumerable<DateOnly> monthStarts) =>
        [.. monthStarts.Select((m, i) => m.ToString(i == 0 || m.Month == 1 ? "MM'<br>'yyyy" : "MM", CultureInfo.InvariantCulture))];
}

using System.Globalization;
using Ioc.Aggregation.Indicators;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Alerts;

/// <summary>
/// Notable events other than alerts, as markers on monthly trend charts, for a reader who sees a dip
/// and asks whether service changed or something else did:
/// <list type="bullet">
/// <item>data outages: working days on which the province received neither a dossier nor a ticket. A
/// province's feeds never fall silent for a whole working day unless a feeding system stopped, so such a
/// month's figures are low for want of data, not of service. Judged on the whole province (the feeds are
/// province-wide), it marks every unit's chart; only days between days with data count (not before the
/// first, not a silence still going on), and never today, which is still filling;</item>
/// <item>unit changes: units of the subtree retired or merged in the window (from the reference data),
/// which move a parent's figures without any change in how it serves.</item>
/// </list>
/// </summary>
public sealed class NotableMarkers(IndicatorQueries queries, ReferenceCatalog catalog, WorkingCalendar calendar, UiText text)
{
    public const string OutageColor = "#ffb300";
    public const string UnitChangeColor = "#90a4ae";

    public async Task<IReadOnlyList<ChartMarker>> MonthlyAsync(int unitId, DayRange range, CancellationToken ct = default)
    {
        var markers = new List<ChartMarker>();
        var end = range.To < queries.Today ? range.To : queries.Today.AddDays(-1);
        if (end >= range.From)
        {
            // Day rows of one unit over at most a year: a few hundred rows, no scan of events.
            var days = await queries.TrendAsync(catalog.Units.Root.Id, new DayRange(range.From, end), RollupGrainKind.Day, ct: ct);
            var withData = days.Where(d => d.Dossiers.Received + d.Hotline.Received > 0).Select(d => d.Start).ToList();
            // Between days with data only: before the first there was no feed yet, and a silence that lasts until
            // now is marked once data come again.
            var silent = withData.Count < 2 ? Enumerable.Empty<TrendPoint>() : days.Where(d => d.Start > withData[0] && d.Start < withData[^1]
                && calendar.IsWorkingDay(d.Start) && d.Dossiers.Received == 0 && d.Hotline.Received == 0);
            markers.AddRange(silent.GroupBy(d => Month(d.Start)).Select(g =>
                new ChartMarker(g.Key, "⏸ " + text.Format("{0} ngày làm việc không có dữ liệu", g.Count()), OutageColor)));
        }
        markers.AddRange(catalog.Units.Subtree(unitId)
            .Where(u => u.RetiredFrom is DateOnly d && d >= range.From && d <= range.To)
            .Select(u => new ChartMarker(Month(u.RetiredFrom!.Value), "✕ " + text.Format("{0} thôi hoạt động", u.ShortName), UnitChangeColor)));
        return markers;
    }

    private static string Month(DateOnly day) => day.ToString("MM/yyyy", CultureInfo.InvariantCulture);
}

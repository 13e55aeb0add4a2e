using Ioc.Domain.Indicators;
using Ioc.Testing;
using Ioc.Web.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Alerts;

/// <summary>Notable events on the trend charts: the working days on which the province's feeds sent nothing.</summary>
public sealed class NotableMarkersTests
{
    [Fact]
    public async Task MonthlyAsync_SilentWorkingDaysBetweenDaysWithData_OneOutageMarkerOnTheirMonthWithTheirCount()
    {
        System.Globalization.CultureInfo.CurrentUICulture = Ioc.Web.Localization.UiText.Vietnamese;
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First();
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        // The app's clock stands on Friday 20/03/2026. Data on Monday 02/03 and on Friday 13/03, nothing in between:
        // Tuesday to Thursday and Monday to Thursday of the next week are eight silent working days (the weekend is not).
        // From Monday 16/03 on, a dossier every working day up to yesterday: no more outage.
        DateOnly[] withData = [new(2026, 3, 2), new(2026, 3, 13), new(2026, 3, 16), new(2026, 3, 17), new(2026, 3, 18), new(2026, 3, 19)];
        (await app.PostEventsAsync([.. withData.Select((d, i) => Events.DossierReceived($"NOTE-{i}", commune.Code, procedure,
            new DateTimeOffset(d.ToDateTime(new TimeOnly(9, 0)), Ioc.Domain.Time.ProvinceTime.Offset), channel: "in-person"))])).EnsureSuccessStatusCode();
        var notable = app.Services.GetRequiredService<NotableMarkers>();

        var markers = await notable.MonthlyAsync(commune.Id, new DayRange(new(2026, 1, 1), new(2026, 3, 20)));

        // Nothing before the first data (January, February): a province that starts in March had no outage before.
        var outage = Assert.Single(markers);
        Assert.Equal(("03/2026", "⏸ 8 ngày làm việc không có dữ liệu", NotableMarkers.OutageColor), (outage.Label, outage.Text, outage.Color));
        // Every unit's chart shows the province's outage: the feeds are province-wide.
        var elsewhere = app.Catalog.Units.All.First(u => u.Kind == Ioc.Domain.Units.UnitKind.Department).Id;
        Assert.Equal(markers, await notable.MonthlyAsync(elsewhere, new DayRange(new(2026, 1, 1), new(2026, 3, 20))));
    }
}

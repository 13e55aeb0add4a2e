using System.Net;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests;

/// <summary>One app with one dossier per kind of limit, from the repository's reference data (now: Fri 20/03/2026 12:00).</summary>
public sealed class DossierPageLimitFixture : IAsyncLifetime
{
    public IocAppFactory App { get; } = new();

    public SignedInClient Leader { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var now = IngestHarness.DefaultNow;
        DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, now.Offset);
        var commune = App.Catalog.Units.All.First(u => u.IsLocal).Code;
        (await App.PostEventsAsync(
            // 8 working hours (1.013083, Công an tỉnh) from Thu 19/03 8:00: 7 h on Thursday, then Fri 7:30–8:30.
            Events.DossierReceived("LIM-HOURS", "H49.A01", "1.013083", At(19, 8), channel: "in-person"),
            // 5 calendar days (1.013217, Sở Xây dựng) from Mon 16/03 end on Sat 21/03 → Mon 23/03.
            Events.DossierReceived("LIM-CAL", "H49.07", "1.013217", At(16, 9), channel: "in-person"),
            // No limit given (2.000927, commune).
            Events.DossierReceived("LIM-NONE", commune, "2.000927", At(2, 9), channel: "in-person"),
            // 8 working hours from Fri 20/03 8:00, done at 11:00: on time.
            Events.DossierReceived("LIM-HOURS-DONE", "H49.A01", "1.013065", At(20, 8), channel: "in-person"),
            Events.Dossier(EventTypes.DossierCompleted, "LIM-HOURS-DONE", At(20, 11)))).EnsureSuccessStatusCode();
        Leader = await SignedInClient.AsAsync(App.ServerAddress, "lanhdao");
    }

    public async Task DisposeAsync()
    {
        Leader.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The dossier page states the limit as the law writes it and explains the verdict in that kind's terms.</summary>
public sealed class DossierPageLimitTests(DossierPageLimitFixture f) : IClassFixture<DossierPageLimitFixture>
{
    private async Task<string> PageAsync(string code) => WebUtility.HtmlDecode(await f.Leader.Http.GetStringAsync($"/dossiers/{code}"));

    [Fact]
    public async Task DossierPage_HoursLimitPastItsInstant_SaysOverdueInWorkingHours()
    {
        var page = await PageAsync("LIM-HOURS");
        Assert.Contains("8 giờ làm việc", page, StringComparison.Ordinal);
        Assert.Contains("Quá hạn (quá hạn 3 giờ hành chính; hạn trả 20/03/2026 08:30).", page, StringComparison.Ordinal);
        Assert.Contains("Hạn tính theo giờ làm việc", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DossierPage_CalendarDaysEndingOnSaturday_MovesToMondayAndCountsCalendarDays()
    {
        var page = await PageAsync("LIM-CAL");
        Assert.Contains("5 ngày", page, StringComparison.Ordinal);
        Assert.Contains("Đang giải quyết (còn 3 ngày; hạn trả 23/03/2026).", page, StringComparison.Ordinal);
        Assert.Contains("Điều 148", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DossierPage_NoLimit_SaysSoAndGivesNoDueDate()
    {
        var page = await PageAsync("LIM-NONE");
        Assert.Contains("không quy định thời hạn", page, StringComparison.Ordinal);
        Assert.Contains("không tính vào tỷ lệ đúng hạn", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Quá hạn (", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DossierPage_HoursLimitFinishedBeforeItsInstant_IsOnTimeWithTheHour()
    {
        var page = await PageAsync("LIM-HOURS-DONE");
        Assert.Contains("Đúng hạn: giải quyết xong lúc 20/03/2026 11:00, không muộn hơn hạn trả 23/03/2026 08:30.", page, StringComparison.Ordinal);
    }
}

/// <summary>
/// A dossier with a limit in hours that fell due this morning: the overdue figure, the list it opens,
/// the list's flag, its countdown and the dossier's verdict all say "quá hạn" now, not from tomorrow.
/// </summary>
public sealed class HourLimitOverdueTests(DossierPageLimitFixture f) : IClassFixture<DossierPageLimitFixture>
{
    [Fact]
    public async Task HoursLimitDueThisMorning_FigureListFlagAndCountdownAgree()
    {
        var services = f.App.Services;
        var police = f.App.Catalog.Units.All.Single(u => u.Code == "H49.A01");
        var procedure = f.App.Catalog.Procedures.Single(p => p.Code == "1.013083");
        var indicators = services.GetRequiredService<Ioc.Aggregation.Indicators.IndicatorQueries>();
        var today = indicators.Resolve(KpiWindow.Today);
        var month = indicators.Resolve(KpiWindow.Month);

        var unit = (await indicators.GetAsync(police.Id, today)).Dossiers;
        var province = (await indicators.GetAsync(f.App.Catalog.Units.Root.Id, month)).Dossiers;
        var byProcedure = (await indicators.ByProcedureAsync(police.Id, month)).Single(p => p.ProcedureId == procedure.Id).Dossiers;
        var list = await services.GetRequiredService<Ioc.Aggregation.Dossiers.DossierQueries>()
            .ListAsync(new Ioc.Aggregation.Dossiers.DossierFilter(police.Id, Ioc.Aggregation.Dossiers.DossierStatusFilter.Overdue, Basis: Ioc.Aggregation.Dossiers.DossierListBasis.Current), 0, 50);

        Assert.Equal(["LIM-HOURS"], list.Rows.Select(r => r.Code));
        Assert.True(list.Rows[0].IsOverdue);
        Assert.Equal(list.Rows.Count, unit.Overdue);
        Assert.Equal(1, province.Overdue);
        Assert.Equal(1, byProcedure.Overdue);
        // On time: only the one finished at 11:00 (LIM-HOURS-DONE); the running one is late since 08:30.
        Assert.Equal(new Rate(1, 2), unit.OnTimeRate);
        var countdown = Ioc.Domain.Dossiers.DueCountdown.Of(list.Rows[0].Limit, list.Rows[0].Due, IngestHarness.DefaultNow, services.GetRequiredService<Ioc.Domain.Time.WorkingCalendar>());
        Assert.True(countdown!.Overdue);
        Assert.Equal(3 * 60, countdown.Amount);
    }
}

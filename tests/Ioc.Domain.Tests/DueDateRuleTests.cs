using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using static Ioc.Domain.Tests.DomainFixture;

namespace Ioc.Domain.Tests;

/// <summary>
/// Due dates per kind of limit, hand-computed on the repository's 2025–2026 calendar: Tết Bính
/// Ngọ is 14–22/02/2026 (Fri 13/02 is the last working day before it, Mon 23/02 the first after),
/// Fri 02/01/2026 is a swapped day off and Sat 10/01/2026 the make-up working day.
/// </summary>
public sealed class DueDateRuleTests
{
    private static readonly DueDateRule Rule = new(Calendar);

    private static DossierDue? Due(TimeLimit limit, DateTimeOffset received, params (DateTimeOffset, DateTimeOffset)[] waits) => Rule.Due(limit, received, waits);

    private static DossierDue Day(int y, int m, int d) => DossierDue.EndOf(new DateOnly(y, m, d));

    private static DossierDue Instant(int y, int m, int d, int hour, int minute = 0) => DossierDue.At(At(y, m, d, hour, minute));

    [Fact]
    public void Due_WorkingDaysAcrossTet_SkipsTheWholeBreak()
    {
        // Fri 13/02 (1), Mon 23/02 (2), Tue 24/02 (3).
        Assert.Equal(Day(2026, 2, 24), Due(TimeLimit.WorkingDays(3), At(2026, 2, 12, 10)));
    }

    [Fact]
    public void Due_CalendarDaysEndingInTet_MovesToFirstWorkingDayAfter()
    {
        // 12/02 + 5 days = Tue 17/02 (Mùng 1 Tết) → Mon 23/02.
        Assert.Equal(Day(2026, 2, 23), Due(TimeLimit.CalendarDays(5), At(2026, 2, 12, 10)));
    }

    [Fact]
    public void Due_CalendarDaysAcrossTet_CountsTheHolidays()
    {
        // 10/02 + 15 days = Wed 25/02: days off inside the period count; the last day is a working day.
        Assert.Equal(Day(2026, 2, 25), Due(TimeLimit.CalendarDays(15), At(2026, 2, 10)));
    }

    [Fact]
    public void Due_CalendarDaysEndingOnMakeUpSaturday_StaysOnThatSaturday()
    {
        // Mon 05/01 + 5 = Sat 10/01, a working day (làm bù for 02/01).
        Assert.Equal(Day(2026, 1, 10), Due(TimeLimit.CalendarDays(5), At(2026, 1, 5)));
    }

    [Fact]
    public void Due_CalendarDaysEndingOnOrdinarySaturday_MovesToMonday()
    {
        // Mon 12/01 + 5 = Sat 17/01 → Mon 19/01.
        Assert.Equal(Day(2026, 1, 19), Due(TimeLimit.CalendarDays(5), At(2026, 1, 12)));
    }

    [Fact]
    public void Due_CalendarDaysEndingOnSwappedDayOff_MovesPastTheLongWeekend()
    {
        // Sun 28/12/2025 + 5 = Fri 02/01/2026 (hoán đổi), then Sat 03, Sun 04 → Mon 05/01.
        Assert.Equal(Day(2026, 1, 5), Due(TimeLimit.CalendarDays(5), At(2025, 12, 28)));
    }

    [Fact]
    public void Due_HoursBeforeTet_ContinueAfterTheBreakInOfficeHours()
    {
        // Fri 13/02 14:00–17:00 = 3 h; Mon 23/02 7:30–11:30 = 4 h; 13:30–14:30 = the 8th hour.
        Assert.Equal(Instant(2026, 2, 23, 14, 30), Due(TimeLimit.Hours(8), At(2026, 2, 13, 14)));
    }

    [Fact]
    public void Due_HoursOnFridayBeforeMakeUpSaturday_EndOnThatSaturday()
    {
        // Fri 09/01 15:00–17:00 = 2 h; Sat 10/01 is a working day: 7:30–9:30.
        Assert.Equal(Instant(2026, 1, 10, 9, 30), Due(TimeLimit.Hours(4), At(2026, 1, 9, 15)));
    }

    [Fact]
    public void Due_HoursOverLunch_SkipTheBreak()
    {
        // 11:00–11:30 then 13:30–14:00.
        Assert.Equal(Instant(2026, 3, 9, 14), Due(TimeLimit.Hours(1), At(2026, 3, 9, 11)));
    }

    [Fact]
    public void Due_HoursFillingTheMorning_EndAtNoonNotAfterLunch()
    {
        Assert.Equal(Instant(2026, 3, 9, 11, 30), Due(TimeLimit.Hours(4), At(2026, 3, 9, 7, 30)));
    }

    [Fact]
    public void Due_HoursReceivedOnSunday_StartMondayMorning()
    {
        // A 7½-hour office day: 8 h from Mon 09/03 7:30 end Tue 10/03 8:00.
        Assert.Equal(Instant(2026, 3, 10, 8), Due(TimeLimit.Hours(8), At(2026, 3, 8, 20)));
    }

    [Fact]
    public void Due_WithinDayInOfficeHours_IsCloseOfThatDay()
    {
        Assert.Equal(Instant(2026, 2, 13, 17), Due(TimeLimit.WithinDay, At(2026, 2, 13, 10)));
    }

    [Fact]
    public void Due_WithinDayAfterHoursBeforeTet_IsCloseOfFirstWorkingDayAfter()
    {
        Assert.Equal(Instant(2026, 2, 23, 17), Due(TimeLimit.WithinDay, At(2026, 2, 13, 17, 30)));
    }

    [Fact]
    public void Due_WithinDayOnMakeUpSaturday_IsCloseOfThatSaturday()
    {
        Assert.Equal(Instant(2026, 1, 10, 17), Due(TimeLimit.WithinDay, At(2026, 1, 10, 9)));
    }

    [Fact]
    public void Due_NoLimit_IsNull()
    {
        Assert.Null(Due(TimeLimit.None, At(2026, 2, 13, 10)));
    }

    [Fact]
    public void Due_CalendarDaysWithPause_AddsTheCalendarDaysWaited()
    {
        // 02/03 + 5 + 3 days waited (Tue 03/03 → Fri 06/03) = Tue 10/03.
        Assert.Equal(Day(2026, 3, 10), Due(TimeLimit.CalendarDays(5), At(2026, 3, 2), (At(2026, 3, 3), At(2026, 3, 6))));
    }

    [Fact]
    public void Due_HoursWithPause_AddsTheOfficeTimeWaited()
    {
        // Due Tue 10/03 8:00 without the pause; 9:30–11:30 and 13:30–14:30 waited = 3 h → 11:00.
        Assert.Equal(Instant(2026, 3, 10, 11), Due(TimeLimit.Hours(8), At(2026, 3, 9, 7, 30), (At(2026, 3, 9, 9, 30), At(2026, 3, 9, 14, 30))));
    }

    [Fact]
    public void Due_HoursWithPauseOverNight_AddsOnlyOfficeTime()
    {
        // Paused Mon 16:00, resumed Tue 8:00: 1 h + 0.5 h of office time waited. 4 h from Mon 13:30 = Mon 17:00 + 0.5 h → Tue 8:00; +1.5 h → Tue 9:30.
        Assert.Equal(Instant(2026, 3, 10, 9, 30), Due(TimeLimit.Hours(4), At(2026, 3, 9, 13, 30), (At(2026, 3, 9, 16), At(2026, 3, 10, 8))));
    }

    [Fact]
    public void Due_WithinDayWithPause_MovesByTheWorkingDaysWaited()
    {
        // Paused Mon 09/03, resumed Wed 11/03: 2 working days waited → close of Wed 11/03.
        Assert.Equal(Instant(2026, 3, 11, 17), Due(TimeLimit.WithinDay, At(2026, 3, 9, 9), (At(2026, 3, 9, 10), At(2026, 3, 11, 8))));
    }

    [Fact]
    public void Due_WorkingDaysWithPauseOverTet_AddsOnlyWorkingDaysWaited()
    {
        // 3 working days from 11/02 = Mon 23/02; paused Thu 12/02, resumed Tue 24/02: waited 13/02, 23/02, 24/02 = 3 → Thu 26/02.
        Assert.Equal(Day(2026, 2, 26), Due(TimeLimit.WorkingDays(3), At(2026, 2, 11), (At(2026, 2, 12), At(2026, 2, 24))));
    }
}

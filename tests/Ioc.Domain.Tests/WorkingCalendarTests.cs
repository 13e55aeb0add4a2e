using Ioc.Domain.Time;

namespace Ioc.Domain.Tests;

public sealed class WorkingCalendarTests
{
    private static WorkingCalendar Calendar => DomainFixture.Calendar;

    [Theory]
    [InlineData("2026-03-16", true)]   // Monday
    [InlineData("2026-03-14", false)]  // Saturday
    [InlineData("2026-03-15", false)]  // Sunday
    [InlineData("2026-02-16", false)]  // Tết Bính Ngọ
    [InlineData("2026-01-01", false)]  // Tết Dương lịch
    [InlineData("2026-01-10", true)]   // Saturday worked to make up for 2/1/2026
    [InlineData("2026-04-27", false)]  // Giỗ Tổ falls on Sunday 26/4: compensatory Monday
    [InlineData("2026-09-02", false)]  // Quốc khánh
    [InlineData("2024-05-04", true)]   // make-up Saturday 2024
    [InlineData("2027-02-08", false)]  // Tết Đinh Mùi 2027 (statutory days from the Labour Code)
    public void IsWorkingDay_KnownDates_FollowOfficialCalendar(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void AddWorkingDays_AcrossWeekend_SkipsSaturdayAndSunday()
    {
        // Friday + 1 working day = Monday.
        Assert.Equal(new DateOnly(2026, 3, 16), Calendar.AddWorkingDays(new DateOnly(2026, 3, 13), 1));
    }

    [Fact]
    public void AddWorkingDays_AcrossTet_SkipsTheWholeBreak()
    {
        // Received Friday 13/2/2026; Tết runs 14–22/2, so three working days end on Wednesday 25/2.
        Assert.Equal(new DateOnly(2026, 2, 25), Calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 3));
    }

    [Fact]
    public void AddWorkingDays_FromSunday_CountsFromMonday()
    {
        Assert.Equal(new DateOnly(2026, 3, 18), Calendar.AddWorkingDays(new DateOnly(2026, 3, 15), 3));
    }

    [Fact]
    public void AddWorkingDays_AcrossMonthAndYearEnd_Works()
    {
        // 31/12/2025 (Wednesday) + 1 = 2/1/2026? No: 1/1 and 2/1/2026 are days off; next is Monday 5/1.
        Assert.Equal(new DateOnly(2026, 1, 5), Calendar.AddWorkingDays(new DateOnly(2025, 12, 31), 1));
    }

    [Fact]
    public void WorkingDaysBetween_CountsDaysAfterStartUpToEnd()
    {
        Assert.Equal(5, Calendar.WorkingDaysBetween(new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 20)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 20)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 13)));
    }

    [Fact]
    public void WorkingTimeBetween_OverWeekend_CountsOnlyWorkingDays()
    {
        var friday = DomainFixture.At(2026, 3, 13, 16);
        var monday = DomainFixture.At(2026, 3, 16, 10);
        Assert.Equal(TimeSpan.FromHours(8 + 10), Calendar.WorkingTimeBetween(friday, monday));
    }

    [Fact]
    public void AddWorkingTime_OneWorkingDayFromFriday_EndsMondaySameHour()
    {
        Assert.Equal(DomainFixture.At(2026, 3, 16, 16), Calendar.AddWorkingTime(DomainFixture.At(2026, 3, 13, 16), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void AddWorkingTime_StartingOnHoliday_StartsCountingNextWorkingDay()
    {
        // Created Sunday 22/2/2026 (last day of Tết) at 20:00; half a working day runs Monday 0:00–12:00.
        Assert.Equal(DomainFixture.At(2026, 2, 23, 12), Calendar.AddWorkingTime(DomainFixture.At(2026, 2, 22, 20), TimeSpan.FromHours(12)));
    }

    [Fact]
    public void AddWorkingTime_InverseOfWorkingTimeBetween()
    {
        var start = DomainFixture.At(2026, 2, 12, 15, 30);
        foreach (var hours in new[] { 1, 8, 24, 30, 72, 200 })
        {
            var end = Calendar.AddWorkingTime(start, TimeSpan.FromHours(hours));
            Assert.Equal(TimeSpan.FromHours(hours), Calendar.WorkingTimeBetween(start, end));
        }
    }

    [Fact]
    public void CoveredYears_Include2024To2027()
    {
        Assert.Equal([2024, 2025, 2026, 2027], Calendar.CoveredYears);
    }
}

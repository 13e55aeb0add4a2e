using Ioc.Domain.Time;
using Ioc.Web.Features.Wall;

namespace Ioc.Web.Tests.Wall;

/// <summary>Which scenes a wall plays at a given province time: time windows (also over midnight), weekdays, playlists.</summary>
public sealed class WallScheduleTests
{
    // Friday 20 March 2026 in the province.
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, ProvinceTime.Offset);

    private static WallOptions DayAndNight() => new()
    {
        Scenes =
        [
            new() { Key = "tiles", Title = "Ngày", From = "07:00", Until = "19:00" },
            new() { Key = "trends", Title = "Xu hướng", From = "07:00", Until = "19:00", Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday] },
            new() { Key = "night", Title = "Đêm", From = "19:00", Until = "07:00" },
            new() { Key = "always", Title = "Luôn" },
        ],
        Playlists = [new() { Name = "phong-hop", Scenes = ["trends", "tiles"] }],
    };

    private static string[] Keys(IEnumerable<WallScene> scenes) => [.. scenes.Select(s => s.Key)];

    [Fact]
    public void ScenesAt_FridayNoon_DayScenesAndTheUnscheduledOne()
        => Assert.Equal(["tiles", "trends", "always"], Keys(WallSchedule.ScenesAt(DayAndNight(), null, At(20, 12))));

    [Fact]
    public void ScenesAt_SaturdayNoon_WeekdayOnlySceneLeftOut()
        => Assert.Equal(["tiles", "always"], Keys(WallSchedule.ScenesAt(DayAndNight(), null, At(21, 12))));

    [Theory]
    [InlineData(20, 19, 0)]
    [InlineData(20, 23, 59)]
    [InlineData(21, 0, 0)]
    [InlineData(21, 6, 59)]
    public void ScenesAt_Night_WindowOverMidnight(int day, int hour, int minute)
        => Assert.Equal(["night", "always"], Keys(WallSchedule.ScenesAt(DayAndNight(), null, At(day, hour, minute))));

    [Fact]
    public void Contains_WindowOverMidnightOnFridays_StillOpenOnSaturdayMorning()
    {
        var fridayNight = new WallScene { Key = "n", Title = "n", From = "22:00", Until = "06:00", Days = [DayOfWeek.Friday] };
        Assert.True(WallTimeWindow.Contains(fridayNight, At(21, 3)));
        Assert.False(WallTimeWindow.Contains(fridayNight, At(20, 3)));
        Assert.True(WallTimeWindow.Contains(fridayNight, At(20, 22, 30)));
    }

    [Fact]
    public void ScenesAt_Playlist_OnlyItsScenesInItsOrder()
        => Assert.Equal(["trends", "tiles"], Keys(WallSchedule.ScenesAt(DayAndNight(), "phong-hop", At(20, 12))));

    [Fact]
    public void ScenesAt_PlaylistWithNothingScheduledNow_PlaysTheWholePlaylistRatherThanNothing()
        => Assert.Equal(["trends", "tiles"], Keys(WallSchedule.ScenesAt(DayAndNight(), "phong-hop", At(20, 23))));

    [Fact]
    public void ScenesAt_UnknownPlaylist_EverySceneOfTheHour()
        => Assert.Equal(["night", "always"], Keys(WallSchedule.ScenesAt(DayAndNight(), "khong-co", At(20, 3))));
}

using Ioc.Domain.Time;
using Ioc.Web.Features.Wall;

namespace Ioc.Web.Tests.Wall;

/// <summary>Scene by scene, second by second: each scene's own duration, the schedule, a new configuration, a paging ranking.</summary>
public sealed class WallRotationTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 20, 12, 0, 0, ProvinceTime.Offset);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static WallOptions Options(params WallScene[] scenes) => new() { RotateSeconds = 20, Scenes = [.. scenes] };

    /// <summary>Seconds each scene stayed on screen, in the order shown, over <paramref name="seconds"/> ticks.</summary>
    private static List<(string Scene, int Seconds)> Run(WallRotation rotation, int seconds, Func<int, DateTimeOffset>? time = null)
    {
        var shown = new List<(string, int)> { (rotation.Current.Key, 1) };
        for (var s = 1; s <= seconds; s++)
        {
            rotation.Tick(time?.Invoke(s) ?? Noon.AddSeconds(s), Second);
            if (rotation.Current.Key != shown[^1].Item1)
            {
                shown.Add((rotation.Current.Key, 1));
            }
            else
            {
                shown[^1] = (shown[^1].Item1, shown[^1].Item2 + 1);
            }
        }
        return shown;
    }

    [Fact]
    public void Tick_ScenesWithTheirOwnSeconds_EachStaysItsOwnTime()
    {
        var rotation = new WallRotation(Options(new WallScene { Key = "a", Title = "A", Seconds = 3 }, new WallScene { Key = "b", Title = "B", Seconds = 7 }, new WallScene { Key = "c", Title = "C" }), null, null, Noon);

        var shown = Run(rotation, 60);

        Assert.Equal([("a", 3), ("b", 7), ("c", 20), ("a", 3), ("b", 7)], shown.Take(5));
    }

    [Fact]
    public void Tick_BusyServerSkipsTicks_SceneLeavesOnTimeNotLater()
    {
        var rotation = new WallRotation(Options(new WallScene { Key = "a", Title = "A", Seconds = 6 }, new WallScene { Key = "b", Title = "B", Seconds = 2 }), null, null, Noon);

        // The timer stalled: the first tick comes after 5 s; the next one a second later, as usual.
        Assert.False(rotation.Tick(Noon.AddSeconds(5), TimeSpan.FromSeconds(5)));
        Assert.True(rotation.Tick(Noon.AddSeconds(6), Second));
        Assert.Equal("b", rotation.Current.Key);

        // Ticks a little early or late still give B its 2 s, no third one.
        Assert.False(rotation.Tick(Noon.AddSeconds(7), TimeSpan.FromMilliseconds(980)));
        Assert.True(rotation.Tick(Noon.AddSeconds(8), TimeSpan.FromMilliseconds(990)));
        Assert.Equal("a", rotation.Current.Key);
    }

    [Fact]
    public void Tick_NightBegins_NightSceneReplacesTheDayScenesAtOnce()
    {
        var options = Options(new WallScene { Key = "day", Title = "Ngày", From = "07:00", Until = "19:00" }, new WallScene { Key = "night", Title = "Đêm", From = "19:00", Until = "07:00" });
        var evening = new DateTimeOffset(2026, 3, 20, 18, 59, 58, ProvinceTime.Offset);
        var rotation = new WallRotation(options, null, null, evening);
        Assert.Equal("day", rotation.Current.Key);

        Assert.False(rotation.Tick(evening.AddSeconds(1), Second));
        Assert.True(rotation.Tick(evening.AddSeconds(2), Second));

        Assert.Equal("night", rotation.Current.Key);
        Assert.Equal(["night"], rotation.Playing.Select(s => s.Key));
    }

    [Fact]
    public void Reconfigure_CurrentSceneStillThere_StaysWithItsNewSettings()
    {
        var rotation = new WallRotation(Options(new WallScene { Key = "a", Title = "A" }, new WallScene { Key = "b", Title = "B" }), null, null, Noon);
        for (var s = 1; s <= 20; s++)
        {
            rotation.Tick(Noon.AddSeconds(s), Second);
        }
        Assert.Equal("b", rotation.Current.Key);

        rotation.Reconfigure(Options(new WallScene { Key = "b", Title = "B mới", Seconds = 5 }, new WallScene { Key = "c", Title = "C" }), Noon.AddSeconds(21));

        Assert.Equal("B mới", rotation.Current.Title);
        Assert.Equal(5, rotation.CurrentSeconds);
        Assert.Equal(["b", "c"], rotation.Playing.Select(s => s.Key));
    }

    [Fact]
    public void Reconfigure_CurrentSceneRemoved_StartsTheNewList()
    {
        var rotation = new WallRotation(Options(new WallScene { Key = "a", Title = "A" }), null, null, Noon);

        rotation.Reconfigure(Options(new WallScene { Key = "x", Title = "X" }), Noon);

        Assert.Equal("x", rotation.Current.Key);
    }

    [Fact]
    public void Require_PagingRanking_SceneStaysUntilEveryPageWasShown()
    {
        var ranking = new WallScene { Key = "r", Title = "R", Seconds = 10, Kind = WallSceneKind.Ranking, Overflow = RankingOverflow.Pages, PageSeconds = 8 };
        var rotation = new WallRotation(Options(ranking, new WallScene { Key = "b", Title = "B" }), null, null, Noon);

        rotation.Require(ranking, 6 * 8);

        Assert.Equal(48, rotation.CurrentSeconds);
        Assert.Equal(("r", 48), Run(rotation, 60)[0]);
    }

    [Fact]
    public void Tick_Pinned_NeverMoves()
    {
        var rotation = new WallRotation(Options(new WallScene { Key = "a", Title = "A", Seconds = 1 }, new WallScene { Key = "b", Title = "B" }), null, "b", Noon);

        Assert.Equal([("b", 31)], Run(rotation, 30));
    }
}

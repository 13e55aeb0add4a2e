using System.Globalization;
using Ioc.Domain.Time;

namespace Ioc.Web.Features.Wall;

/// <summary>A scene's time window (province time): From–Until on some weekdays; a window may run over midnight.</summary>
public static class WallTimeWindow
{
    public const string Pattern = @"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$";

    public static TimeOnly? Parse(string text) =>
        string.IsNullOrWhiteSpace(text) ? null : TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="scene"/> may be shown at <paramref name="now"/>.</summary>
    public static bool Contains(WallScene scene, DateTimeOffset now)
    {
        var local = ProvinceTime.ToLocal(now);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var from = Parse(scene.From) ?? TimeOnly.MinValue;
        var until = Parse(scene.Until);
        // A window over midnight (19:00–07:00) belongs, after midnight, to the evening it started on.
        var overMidnight = until is TimeOnly u && u <= from;
        var day = overMidnight && time < until ? local.DayOfWeek.Previous() : local.DayOfWeek;
        if (scene.Days.Count > 0 && !scene.Days.Contains(day))
        {
            return false;
        }
        return until switch
        {
            null => time >= from,
            TimeOnly end when overMidnight => time >= from || time < end,
            TimeOnly end => time >= from && time < end,
        };
    }

    private static DayOfWeek Previous(this DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);
}

/// <summary>Which scenes a wall plays: those of its playlist (or all), and of those the ones whose time window is open now.</summary>
public static class WallSchedule
{
    public static IReadOnlyList<WallScene> Playlist(WallOptions options, string? playlist)
    {
        var list = string.IsNullOrEmpty(playlist) ? null : options.Playlists.FirstOrDefault(p => p.Name == playlist);
        if (list is null)
        {
            return options.Scenes;
        }
        var byKey = options.Scenes.ToDictionary(s => s.Key);
        return [.. list.Scenes.Where(byKey.ContainsKey).Select(k => byKey[k])];
    }

    /// <summary>
    /// The scenes of the playlist whose window is open at <paramref name="now"/>. When none is (a
    /// gap in the schedule), the whole playlist: a wall is never left blank.
    /// </summary>
    public static IReadOnlyList<WallScene> ScenesAt(WallOptions options, string? playlist, DateTimeOffset now)
    {
        var scenes = Playlist(options, playlist);
        var open = scenes.Where(s => WallTimeWindow.Contains(s, now)).ToList();
        return open.Count > 0 ? open : scenes;
    }
}

namespace Ioc.Web.Features.Wall;

/// <summary>
/// Which scene a wall shows, second by second: each scene stays its own time, the schedule decides
/// which scenes are in play, and a new configuration takes effect without losing the current scene.
/// Scenes are followed by key, so a reload that reorders or replaces them does not confuse it.
/// </summary>
public sealed class WallRotation
{
    private readonly string? _playlist;
    private readonly string? _pinned;
    private WallOptions _options;
    private int _shownFor;
    private int _extraSeconds;

    public WallRotation(WallOptions options, string? playlist, string? pinnedScene, DateTimeOffset now)
    {
        _options = options;
        _playlist = playlist;
        _pinned = options.Scenes.Any(s => s.Key == pinnedScene) ? pinnedScene : null;
        Playing = Choose(now);
        Current = _pinned is null ? Playing[0] : options.Scenes.First(s => s.Key == _pinned);
    }

    public WallScene Current { get; private set; }

    /// <summary>The scenes in play now (for the footer), in order.</summary>
    public IReadOnlyList<WallScene> Playing { get; private set; }

    public bool IsPinned => _pinned is not null;

    /// <summary>How long the current scene stays, in seconds.</summary>
    public int CurrentSeconds => Math.Max(Current.Seconds > 0 ? Current.Seconds : _options.RotateSeconds, _extraSeconds);

    /// <summary>
    /// <paramref name="elapsed"/> passed on the screen since the last tick (about a second). True when the scene
    /// or the scenes in play changed. The scene's stay is counted in elapsed time, not in ticks: a busy server
    /// whose timer skipped ticks still changes scenes on time instead of stretching each one by the missed seconds.
    /// </summary>
    public bool Tick(DateTimeOffset now, TimeSpan elapsed)
    {
        if (_pinned is not null)
        {
            return false;
        }
        var before = Current;
        var wasPlaying = Playing;
        Playing = Choose(now);
        var index = IndexOf(Playing, Current.Key);
        if (index < 0)
        {
            // The schedule moved on (night began) or the scene left the configuration: start the new set.
            Show(Playing[0]);
        }
        else if ((_shownFor += TimerSeconds(elapsed)) >= CurrentSeconds)
        {
            Show(Playing[(index + 1) % Playing.Count]);
        }
        else
        {
            Current = Playing[index];
        }
        return !ReferenceEquals(before, Current) || !wasPlaying.Select(s => s.Key).SequenceEqual(Playing.Select(s => s.Key));
    }

    /// <summary>The current scene needs at least this long (a ranking paging through its units).</summary>
    public void Require(WallScene scene, int seconds)
    {
        if (scene.Key == Current.Key)
        {
            _extraSeconds = seconds;
        }
    }

    /// <summary>A new configuration: the current scene stays if it still exists, with its new settings.</summary>
    public void Reconfigure(WallOptions options, DateTimeOffset now)
    {
        _options = options;
        Playing = Choose(now);
        var pinned = _pinned is null ? null : options.Scenes.FirstOrDefault(s => s.Key == _pinned);
        if (pinned is not null)
        {
            Current = pinned;
            return;
        }
        var index = IndexOf(Playing, Current.Key);
        if (index < 0)
        {
            Show(Playing[0]);
        }
        else
        {
            Current = Playing[index];
        }
    }

    private IReadOnlyList<WallScene> Choose(DateTimeOffset now)
    {
        var scenes = WallSchedule.ScenesAt(_options, _playlist, now);
        // A playlist whose scenes all left the configuration falls back to every scene.
        return scenes.Count > 0 ? scenes : _options.Scenes;
    }

    private void Show(WallScene scene)
    {
        Current = scene;
        _shownFor = 0;
        _extraSeconds = 0;
    }

    /// <summary>
    /// The timer's seconds behind a tick that came <paramref name="elapsed"/> after the last one: a tick woken
    /// late, or several ticks folded into one, stands for the whole seconds that passed; a tick a little early
    /// or late for exactly one. Counting whole seconds keeps each stay on the timer's own beat, so a scene that
    /// began on a late tick does not leave half a second early.
    /// </summary>
    private static int TimerSeconds(TimeSpan elapsed) => Math.Max(1, (int)Math.Round(elapsed.TotalSeconds));

    private static int IndexOf(IReadOnlyList<WallScene> scenes, string key)
    {
        for (var i = 0; i < scenes.Count; i++)
        {
            if (scenes[i].Key == key)
            {
                return i;
            }
        }
        return -1;
    }
}

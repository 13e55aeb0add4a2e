using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// The wall configuration that open walls follow: when appsettings change, the new configuration
/// reaches every open wall without a reload, if it is valid; an invalid one is logged and refused,
/// and the walls keep the last good one. (The start-up copy is validated by ValidateOnStart.)
/// </summary>
public sealed class WallConfiguration : IDisposable
{
    /// <summary>The options instance that is re-bound on every reload and never validated on access (a bad reload must not throw in a file watcher).</summary>
    public const string LiveName = "live";

    private readonly IDisposable? _listener;
    private readonly ILogger<WallConfiguration> _log;
    private readonly WallOptionsValidator _validator = new();
    private event Action<WallOptions>? ChangedEvent;

    public WallConfiguration(IOptions<WallOptions> validatedAtStart, IOptionsMonitor<WallOptions> monitor, ILogger<WallConfiguration> log)
    {
        _log = log;
        Current = validatedAtStart.Value;
        _listener = monitor.OnChange((options, name) =>
        {
            if (name == LiveName)
            {
                Apply(options);
            }
        });
    }

    public WallOptions Current { get; private set; }

    /// <summary>Calls <paramref name="changed"/> with each new valid configuration until disposed.</summary>
    public IDisposable OnChanged(Action<WallOptions> changed)
    {
        ChangedEvent += changed;
        return new Subscription(() => ChangedEvent -= changed);
    }

    private void Apply(WallOptions options)
    {
        var result = _validator.Check(options);
        if (result.Failed)
        {
            _log.LogError("The new wall configuration was refused; open walls keep the previous one: {Errors}", result.FailureMessage);
            return;
        }
        Current = options;
        _log.LogInformation("Wall configuration reloaded: {Scenes} scenes, {Playlists} playlists", options.Scenes.Count, options.Playlists.Count);
        ChangedEvent?.Invoke(options);
    }

    public void Dispose() => _listener?.Dispose();

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

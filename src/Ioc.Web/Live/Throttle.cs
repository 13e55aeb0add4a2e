namespace Ioc.Web.Live;

/// <summary>
/// Runs an action at most once per interval: the first call runs at once, calls during the
/// interval merge into one trailing run. Pages that re-read tables on live signals use it so that a
/// busy province does not become a query per event.
/// </summary>
public sealed class Throttle(TimeSpan interval, Func<Task> action) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTime _lastRun = DateTime.MinValue;
    private bool _scheduled;
    private bool _disposed;

    public void Request()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_disposed || _scheduled)
            {
                return;
            }
            _scheduled = true;
            var since = DateTime.UtcNow - _lastRun;
            wait = since >= interval ? TimeSpan.Zero : interval - since;
        }
        _ = RunAfterAsync(wait);
    }

    private async Task RunAfterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        lock (_gate)
        {
            _scheduled = false;
            _lastRun = DateTime.UtcNow;
            if (_disposed)
            {
                return;
            }
        }
        await action();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }
}

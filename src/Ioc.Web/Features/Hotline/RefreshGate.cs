namespace Ioc.Web.Features.Hotline;

/// <summary>
/// Runs a re-read at most once at a time: calls that arrive while one runs are merged into one more
/// pass after it, so a burst of live changes costs two reads, not one per change, and the last
/// change is never missed. Used on one circuit's dispatcher, so it needs no lock.
/// </summary>
public sealed class RefreshGate(Func<Task> pass)
{
    private bool _running;
    private bool _again;

    /// <summary>Whether a pass runs now.</summary>
    public bool IsRunning => _running;

    public async Task RunAsync()
    {
        if (_running)
        {
            _again = true;
            return;
        }
        _running = true;
        try
        {
            do
            {
                _again = false;
                await pass();
            }
            while (_again);
        }
        finally
        {
            _running = false;
        }
    }
}

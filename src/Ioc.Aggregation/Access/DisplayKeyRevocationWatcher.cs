using Ioc.Aggregation.Publishing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Access;

/// <summary>
/// Closes the hub connections of a revoked display key: at once when the revocation happens in this
/// process, and within <see cref="KpiOptions.KeyCheckSeconds"/> when another process (the web
/// process in the two-process mode) revoked it in the shared database.
/// </summary>
public sealed class DisplayKeyRevocationWatcher(
    DisplayKeyStore store,
    DisplayKeyConnections connections,
    IOptions<KpiOptions> options,
    ILogger<DisplayKeyRevocationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.Revoked += Cut;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KeyCheckSeconds));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.Revoked -= Cut;
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var keys = connections.Keys;
        if (keys.Count == 0)
        {
            return;
        }
        try
        {
            foreach (var key in await store.InactiveAmongAsync(keys, ct))
            {
                Cut(key);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The database may be busy for a moment; the next sweep tries again.
            logger.LogWarning("Checking display keys of open hub connections failed: {Message}", ex.Message);
        }
    }

    private void Cut(int keyId)
    {
        var closed = connections.Abort(keyId);
        if (closed > 0)
        {
            logger.LogInformation("Display key {KeyId} is revoked: closed {Count} hub connection(s)", keyId, closed);
        }
    }
}

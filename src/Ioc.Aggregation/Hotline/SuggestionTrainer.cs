using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Hotline;

/// <summary>
/// Keeps the triage suggestions current where the triage page runs: a full rebuild on start and
/// every <see cref="HotlineOptions.SuggestionRetrainMinutes"/> (so re-classified tickets are
/// corrected), and newly triaged tickets learned every <see cref="HotlineOptions.SuggestionLearnSeconds"/>.
/// </summary>
public sealed class SuggestionTrainer(TicketSuggester suggester, IOptions<HotlineOptions> options, ILogger<SuggestionTrainer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and a demo history begin to arrive) before reading a year of tickets.
        await Task.Yield();
        var o = options.Value;
        var retrainEvery = TimeSpan.FromMinutes(o.SuggestionRetrainMinutes);
        var nextRetrain = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.SuggestionLearnSeconds));
        do
        {
            try
            {
                if (DateTimeOffset.UtcNow >= nextRetrain)
                {
                    await suggester.RetrainAsync(stoppingToken);
                    nextRetrain = DateTimeOffset.UtcNow + retrainEvery;
                }
                else
                {
                    await suggester.LearnNewAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Suggestions are an aid: a failed pass leaves the previous model in place until the next one.
                logger.LogWarning(ex, "Training triage suggestions failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using Ioc.Domain.Time;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The live scenarios count today's receipts; at the province's midnight (17:00 UTC) "today" starts
/// again from zero. A run that would cross it waits until the new day has begun.
/// </summary>
public static class ProvinceDay
{
    public static async Task AvoidMidnightAsync(TimeSpan runLength)
    {
        var now = DateTimeOffset.UtcNow;
        var midnight = ProvinceTime.StartOfDay(ProvinceTime.LocalDate(now).AddDays(1));
        if (now + runLength + TimeSpan.FromMinutes(1) >= midnight)
        {
            var wait = midnight - now + TimeSpan.FromSeconds(15);
            Log.Info($"Waiting {wait.TotalSeconds:F0} s for the province's new day before a live run");
            await Task.Delay(wait);
        }
    }
}

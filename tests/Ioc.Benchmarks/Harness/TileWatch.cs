using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// One number on a live page, watched from inside Chromium: a MutationObserver stamps each change of
/// the tile's text with performance.timeOrigin + performance.now(), the same wall clock the harness
/// reads when a POST returns, so the latency is measured where the viewer sees it (the DOM text, not
/// the next paint) without Playwright's round trips in the figure.
/// </summary>
public sealed class TileWatch
{
    /// <summary>The overview page's (<c>/</c>) "received today" figure.</summary>
    public const string OverviewReceivedToday = "[data-kpi=received-today] [data-kpi-value]";

    /// <summary>The wall's (<c>/wall</c>) "received today" tile.</summary>
    public const string WallReceivedToday = "[data-tile=received-today] [data-tile-value]";

    private const string Observer = """
        (selector) => {
          window.__changes = [];
          const read = () => document.querySelector(selector)?.textContent ?? null;
          let last = read();
          new MutationObserver(() => {
            const v = read();
            if (v !== last) { last = v; window.__changes.push([performance.timeOrigin + performance.now(), v]); }
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    private readonly string _selector;

    private TileWatch(IPage page, string selector)
    {
        Page = page;
        _selector = selector;
    }

    public IPage Page { get; }

    public static async Task<TileWatch> StartAsync(IPage page, string selector)
    {
        await page.EvaluateAsync(Observer, selector);
        return new TileWatch(page, selector);
    }

    /// <summary>Forgets the changes so far (the start of a measured window).</summary>
    public Task ResetAsync() => Page.EvaluateAsync("() => { window.__changes = []; }");

    /// <summary>Waits until the tile shows at least <paramref name="atLeast"/>; returns what it shows.</summary>
    public async Task<long> WaitForAsync(long atLeast, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long shown;
        do
        {
            shown = Parse(await Page.Locator(_selector).TextContentAsync());
            if (shown >= atLeast)
            {
                return shown;
            }
            await Task.Delay(50);
        }
        while (Stopwatch.GetTimestamp() < deadline);
        throw new TimeoutException($"The page shows {shown}, not {atLeast}, after {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>The changes since the last reset: when (ms since the Unix epoch) and the number shown.</summary>
    public async Task<List<(double At, long Value)>> ChangesAsync() =>
        [.. (await Page.EvaluateAsync<JsonElement>("() => window.__changes")).EnumerateArray().Select(c => (c[0].GetDouble(), Parse(c[1].GetString())))];

    /// <summary>
    /// For the k-th of a run's events (k = 1…n, posted one after another), the first change that showed
    /// base + k or more, minus the moment (ms since the Unix epoch) that event's POST returned. A change
    /// stamped before the return (the hub can overtake the HTTP response) counts as 0 and as "early".
    /// </summary>
    public static LatencyResult Latencies(IReadOnlyList<(double At, long Value)> changes, long baseCount, IReadOnlyList<double> returnedWallMs)
    {
        var samples = new List<double>(returnedWallMs.Count);
        long early = 0, missing = 0;
        var j = 0;
        for (var k = 1; k <= returnedWallMs.Count; k++)
        {
            while (j < changes.Count && changes[j].Value < baseCount + k)
            {
                j++;
            }
            if (j == changes.Count)
            {
                missing = returnedWallMs.Count - k + 1;
                break;
            }
            var ms = changes[j].At - returnedWallMs[k - 1];
            if (ms < 0)
            {
                early++;
                ms = 0;
            }
            samples.Add(ms);
        }
        return new LatencyResult(samples, missing, early);
    }

    /// <summary>"1.842" (vi-VN) → 1842; "—" (nothing yet) → -1.</summary>
    private static long Parse(string? text)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? -1 : long.Parse(digits, CultureInfo.InvariantCulture);
    }
}

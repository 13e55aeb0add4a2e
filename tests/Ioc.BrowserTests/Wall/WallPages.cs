using System.Text.Json;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Wall;

/// <summary>What the wall tests read off a rendered wall: text sizes, chart tick boxes, the scene shown.</summary>
public static class WallPages
{
    public static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    /// <summary>Waits until wall.css applies (the root fills the screen).</summary>
    public static Task WaitForStylesAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const r = document.querySelector('.wall-root'); return r && Math.abs(r.getBoundingClientRect().height - innerHeight) < 1; }");

    /// <summary>Every visible text marked as one that matters on the wall, with its font size and box.</summary>
    public static async Task<IReadOnlyList<TextBox>> WallTextsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('[data-wall-text]')]
              .filter(e => e.offsetParent !== null && e.textContent.trim().length > 0)
              .map(e => { const r = e.getBoundingClientRect(); return { text: e.textContent.trim().slice(0, 40), fontSize: parseFloat(getComputedStyle(e).fontSize), top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }))
            """);
        return JsonSerializer.Deserialize<List<TextBox>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Each axis tick label of each chart on the page, with the box of the chart's drawing surface it must stay inside.</summary>
    public static async Task<IReadOnlyList<TickBox>> TickLabelsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
              const svg = plot.querySelector('.main-svg').getBoundingClientRect();
              const chart = plot.closest('[data-chart]');
              return [...plot.querySelectorAll('.xtick text, .ytick text, .y2tick text')].filter(t => t.textContent.length > 0 && t.getBoundingClientRect().width > 0).map(t => {
                const r = t.getBoundingClientRect();
                return { chart: chart.dataset.chart, text: t.textContent, fontSize: parseFloat(getComputedStyle(t).fontSize),
                         left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                         svgLeft: svg.left, svgRight: svg.right, svgTop: svg.top, svgBottom: svg.bottom };
              });
            }))
            """);
        return JsonSerializer.Deserialize<List<TickBox>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Waits until every chart of the scene has drawn its axes.</summary>
    public static async Task WaitForChartsAsync(IPage page, int charts)
    {
        await Assertions.Expect(page.Locator(".js-plotly-plot .xtick text").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.js-plotly-plot').length >= {charts} && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.xtick text') && p.querySelector('.ytick text'))", null, new() { Timeout = 20_000 });
        // Plotly's automargin settles over a couple of frames.
        await page.WaitForTimeoutAsync(800);
    }

    public static string ScreenshotPath(string name) => Path.Combine(Path.GetTempPath(), "ioc-wall-screens", name + ".png");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = ScreenshotPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
    }
}

public sealed record TextBox(string Text, double FontSize, double Top, double Bottom, double Left, double Right);

public sealed record TickBox(string Chart, string Text, double FontSize, double Left, double Right, double Top, double Bottom, double SvgLeft, double SvgRight, double SvgTop, double SvgBottom)
{
    public bool Inside => Left >= SvgLeft - 0.5 && Right <= SvgRight + 0.5 && Top >= SvgTop - 0.5 && Bottom <= SvgBottom + 0.5;
}

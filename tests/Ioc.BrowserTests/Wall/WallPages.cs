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
              .map(e => { const r = e.getBoundingClientRect(); const css = getComputedStyle(e);
                          // Wider than its box and cut without "…": text a reader loses (names that end in "…" are cut on purpose).
                          const clipped = css.display !== 'inline' && e.scrollWidth > e.clientWidth + 1 && css.textOverflow !== 'ellipsis';
                          return { text: e.textContent.trim().slice(0, 40), fontSize: parseFloat(css.fontSize), top: r.top, bottom: r.bottom, left: r.left, right: r.right, clipped }; }))
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

    /// <summary>
    /// What is where on the scene shown, measured: each kind of wall text (by its class) with its count, font
    /// size and the part of the screen it spans, and each chart's drawing area and share of the screen. The
    /// readability test writes these descriptions beside its screenshots (docs/wall-scenes.md is made from them).
    /// </summary>
    public static async Task<string> DescribeAsync(IPage page, string scene)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
              const groups = {};
              for (const e of document.querySelectorAll('[data-wall-text], [data-map-legend]')) {
                if (e.offsetParent === null || e.textContent.trim().length === 0) continue;
                const r = e.getBoundingClientRect();
                const key = e.classList[0] ?? ((e.parentElement.closest('[class]')?.classList[0] ?? '') + ' ' + e.tagName.toLowerCase());
                const g = groups[key] ??= { key, count: 0, min: 1e9, max: 0, top: 1e9, bottom: 0, left: 1e9, right: 0, sample: e.textContent.trim().replace(/\s+/g, ' ').slice(0, 32) };
                const size = parseFloat(getComputedStyle(e).fontSize);
                g.count++; g.min = Math.min(g.min, size); g.max = Math.max(g.max, size);
                g.top = Math.min(g.top, r.top); g.bottom = Math.max(g.bottom, r.bottom); g.left = Math.min(g.left, r.left); g.right = Math.max(g.right, r.right);
              }
              const charts = [...document.querySelectorAll('.js-plotly-plot')].map(p => {
                const r = p.getBoundingClientRect();
                const owner = p.closest('[data-chart], [data-map]');
                const ticks = [...p.querySelectorAll('.xtick text, .ytick text, .y2tick text')].map(t => parseFloat(getComputedStyle(t).fontSize));
                return { name: owner?.dataset.chart ?? owner?.dataset.map ?? '?', top: r.top, bottom: r.bottom, left: r.left, right: r.right, tick: ticks.length ? Math.min(...ticks) : 0 };
              });
              return JSON.stringify({ width: innerWidth, height: innerHeight, groups: Object.values(groups), charts });
            }
            """);
        var layout = JsonSerializer.Deserialize<SceneLayout>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var (w, h) = (layout.Width, layout.Height);
        var reading = Math.Min(w, h);
        var v = System.Globalization.CultureInfo.InvariantCulture;
        string Pct(double part, double whole) => (100 * part / whole).ToString("0.#", v) + " %";
        string Px(double px) => px.ToString("0.#", v) + " px";
        string Where(double top, double bottom, double left, double right) =>
            $"{Pct(top, h)}–{Pct(bottom, h)} down, {Pct(left, w)}–{Pct(right, w)} across";
        var lines = new List<string> { $"**{scene}** at {w}×{h}:" };
        foreach (var g in layout.Groups.OrderBy(g => g.Top).ThenBy(g => g.Left))
        {
            var size = g.Min == g.Max ? Px(g.Min) : $"{Px(g.Min)}–{Px(g.Max)}";
            lines.Add($"- `{g.Key.Trim()}` ×{g.Count} (e.g. “{g.Sample}”): {size} = {Pct(g.Min, h)} of the height ({Pct(g.Min, reading)} of the shorter side); {Where(g.Top, g.Bottom, g.Left, g.Right)}");
        }
        foreach (var c in layout.Charts)
        {
            var area = (c.Right - c.Left) * (c.Bottom - c.Top);
            lines.Add($"- chart `{c.Name}`: {Px(c.Right - c.Left)} × {Px(c.Bottom - c.Top)}, {Pct(area, w * h)} of the screen; {Where(c.Top, c.Bottom, c.Left, c.Right)}" +
                (c.Tick > 0 ? $"; axis text {Px(c.Tick)} ({Pct(c.Tick, h)} of the height)" : ""));
        }
        return string.Join('\n', lines);
    }

    public static string ScreenshotPath(string name) => Path.Combine(Path.GetTempPath(), "ioc-wall-screens", name + ".png");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = ScreenshotPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
    }
}

public sealed record TextBox(string Text, double FontSize, double Top, double Bottom, double Left, double Right, bool Clipped);

public sealed record TickBox(string Chart, string Text, double FontSize, double Left, double Right, double Top, double Bottom, double SvgLeft, double SvgRight, double SvgTop, double SvgBottom)
{
    public bool Inside => Left >= SvgLeft - 0.5 && Right <= SvgRight + 0.5 && Top >= SvgTop - 0.5 && Bottom <= SvgBottom + 0.5;
}

public sealed record SceneLayout(int Width, int Height, IReadOnlyList<TextGroup> Groups, IReadOnlyList<ChartBox> Charts);

public sealed record TextGroup(string Key, int Count, double Min, double Max, double Top, double Bottom, double Left, double Right, string Sample);

public sealed record ChartBox(string Name, double Top, double Bottom, double Left, double Right, double Tick);

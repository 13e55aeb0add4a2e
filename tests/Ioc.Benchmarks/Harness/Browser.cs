using Microsoft.Playwright;

namespace Ioc.Benchmarks.Harness;

/// <summary>Debian's Chromium driven by Playwright, launched as the browser tests launch it.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser instance)
    {
        _playwright = playwright;
        Instance = instance;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync(params string[] extraArguments)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: tests/Ioc.Benchmarks/run.sh installs Debian's chromium.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking switches Chromium keeps calling Google's hosts, which a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", .. extraArguments],
            Timeout = 60_000,
        });
        return new Browser(playwright, browser);
    }

    /// <param name="small">A small viewport: many pages at once (the server's work per page does not depend on it; the browser's memory does).</param>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool small = false)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = small ? new ViewportSize { Width = 800, Height = 450 } : new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    /// <summary>Signs in through the real login form, as a person would (the browser tests' SignInAsync).</summary>
    public static async Task SignInAsync(IPage page, string userName, string password = Ioc.Testing.IocAppFactory.DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Waits until the page's circuit is up and the hub has spoken (the live stamp carries a time).</summary>
    public static Task WaitForLiveAsync(IPage page, float timeoutMs = 60_000) =>
        page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]").First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = timeoutMs });

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}

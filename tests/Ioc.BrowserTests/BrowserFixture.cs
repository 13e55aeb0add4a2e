using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>
/// One Debian Chromium per test class, driven by Playwright (no downloaded browser: the machines
/// have none to download). Each test gets its own context, so cookies and storage never leak.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Requests any page of this fixture made to another origin; tests assert it stays empty.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ExternalRequests { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking switches Chromium keeps calling Google's hosts, which a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1440, int height = 900, string locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Any request to another site is a defect (IOC networks are closed): record it, refuse it.
        var origin = baseAddress.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal),
            async route =>
            {
                ExternalRequests.Add(route.Request.Url);
                await route.AbortAsync();
            });
        return page;
    }
}

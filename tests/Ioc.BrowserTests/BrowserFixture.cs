using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>
/// The Debian Chromium of the test run, driven by Playwright (no downloaded browser: the machines have none
/// to download), and the contexts of one test class. Each test gets its own context, so cookies and storage
/// never leak; the class's contexts close with its fixture.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// One browser for every class: a Playwright driver and a Chromium launched per class cost about a second of
    /// a core each time, on a suite that is bound by its two cores. The driver ends, and takes Chromium with it,
    /// when the test process ends and its pipe closes.
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    private readonly System.Collections.Concurrent.ConcurrentBag<IBrowserContext> _contexts = [];

    private IBrowser _browser = null!;

    /// <summary>Requests any page of this fixture made to another origin; tests assert it stays empty.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ExternalRequests { get; } = [];

    public async Task InitializeAsync() => _browser = await Shared.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium.");
        }
        // Assertions wait as long as actions do (15 s, NewPageAsync): Playwright's 5 s default failed a tab click whose
        // URL came later on a loaded CI machine. A waiting assertion passes as soon as it holds; only a failure waits longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking switches Chromium keeps calling Google's hosts, which a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The pages of this class's tests close here, as the browser of the class used to close them all.</summary>
    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A context of this class, closed with the fixture; for tests that need options NewPageAsync does not set.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await _browser.NewContextAsync(options);
        _contexts.Add(context);
        return context;
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1440, int height = 900, string locale = "vi-VN")
    {
        var context = await NewContextAsync(new BrowserNewContextOptions
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

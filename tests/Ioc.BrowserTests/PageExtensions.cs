using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

public static class PageExtensions
{
    /// <summary>Signs in through the real login form and waits for the landing page.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = IocAppFactory.DemoPassword, string? returnUrl = null)
    {
        await page.GotoAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>
/// The production guide's nginx site (docs/deploy/nginx-ioc.conf) in front of IOC, as a province runs
/// it: TLS at nginx, the app on loopback believing X-Forwarded-* from 127.0.0.1 only. Only the ports,
/// the certificate and the upstream's port are changed, so a test binds free ports.
/// </summary>
public sealed partial class NginxFrontTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string NginxPath = NginxSite.NginxPath;

    [Fact]
    public async Task GuideSite_BehindNginxWithTls_SignInLivePageAndSecureCookies()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"{NginxPath} is missing: run tests/run.sh, which installs Debian's nginx.");
        }
        using var folder = TestPaths.NewTempFolder();
        await using var app = new IocAppFactory().With("Security:ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        var upstream = app.ServerAddress.Port;
        var https = IocAppFactory.FreePort();
        var http = IocAppFactory.FreePort();
        await NginxSite.WriteCertificateAsync(folder.Path);
        var config = WriteConfig(folder.Path, upstream, http, https);
        await NginxSite.CheckAsync(folder.Path, config);

        using var nginx = Process.Start(new ProcessStartInfo(NginxPath) { ArgumentList = { "-p", folder.Path, "-c", config, "-g", "daemon off;" }, RedirectStandardError = true })!;
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = $"https://127.0.0.1:{https}/",
                IgnoreHTTPSErrors = true, // the test's own self-signed certificate
                Locale = "vi-VN",
                TimezoneId = "Asia/Ho_Chi_Minh",
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            await WaitForNginxAsync(page);
            await page.SignInAsync("lanhdao");
            await page.GotoAsync("/");

            // The circuit's WebSocket came through nginx's /_blazor location: the page is live.
            await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(app.Catalog.Units.Root.Name);
            // IOC saw https through X-Forwarded-Proto, so every cookie it set is Secure.
            var cookies = await context.CookiesAsync();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
        }
        finally
        {
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }
    }

    /// <summary>The guide's site with loopback ports and the test's certificate, inside a minimal main config.</summary>
    private static string WriteConfig(string folder, int upstream, int http, int https)
    {
        var site = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "deploy", "nginx-ioc.conf"));
        // The upstream's server line, whatever address the guide gives IOC, points at this test's server.
        site = NginxSite.OnLoopback(UpstreamServer().Replace(site, $"${{head}}127.0.0.1:{upstream};", 1), folder, http, https);
        Assert.Contains($"server 127.0.0.1:{upstream};", site, StringComparison.Ordinal);
        return NginxSite.WriteMainConfig(folder, site);
    }

    private static async Task WaitForNginxAsync(IPage page)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.GotoAsync("/account/login");
                return;
            }
            catch (PlaywrightException) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    [GeneratedRegex(@"(?<head>upstream ioc_app \{[^}]*?\bserver )[^;]+;")]
    private static partial Regex UpstreamServer();
}

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
    private const string NginxPath = "/usr/sbin/nginx";

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
        await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
            "-keyout", Path.Combine(folder.Path, "privkey.pem"), "-out", Path.Combine(folder.Path, "fullchain.pem"));
        var config = WriteConfig(folder.Path, upstream, http, https);

        var (check, checkOutput) = await RunAsync(NginxPath, "-t", "-p", folder.Path, "-c", config);
        Assert.True(check == 0, checkOutput);
        Assert.Contains("syntax is ok", checkOutput, StringComparison.Ordinal);

        using var nginx = Process.Start(new ProcessStartInfo(NginxPath) { ArgumentList = { "-p", folder.Path, "-c", config, "-g", "daemon off;" }, RedirectStandardError = true })!;
        try
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
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
        site = UpstreamServer().Replace(site, $"${{head}}127.0.0.1:{upstream};", 1)
            .Replace("/etc/ssl/ioc/", folder + "/", StringComparison.Ordinal);
        site = ListenV6().Replace(site, "");
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{http};", StringComparison.Ordinal)
            .Replace("listen 443 ssl;", $"listen 127.0.0.1:{https} ssl;", StringComparison.Ordinal);
        Assert.Contains($"server 127.0.0.1:{upstream};", site, StringComparison.Ordinal);
        Assert.Contains($"listen 127.0.0.1:{https} ssl;", site, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "ioc.conf"), site);
        var main = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(main, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/ioc.conf;
            }
            """);
        return main;
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

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex(@"(?<head>upstream ioc_app \{[^}]*?\bserver )[^;]+;")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^\s*listen \[::\]:\d+( ssl)?;\s*$\n", RegexOptions.Multiline)]
    private static partial Regex ListenV6();
}

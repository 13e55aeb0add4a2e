using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ioc.BrowserTests;

/// <summary>
/// One of the guide's nginx sites (docs/deploy) made runnable by a test: loopback ports instead of 80
/// and 443, no IPv6 listener, a self-signed certificate in the test's folder, inside a minimal main
/// config that keeps every file nginx writes in that folder.
/// </summary>
public static partial class NginxSite
{
    public const string NginxPath = "/usr/sbin/nginx";

    /// <summary>The site's text with listeners on loopback ports and the certificate paths in <paramref name="folder"/>.</summary>
    public static string OnLoopback(string site, string folder, int http, int https)
    {
        site = ListenV6().Replace(site.Replace("/etc/ssl/ioc/", folder + "/", StringComparison.Ordinal), "");
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{http};", StringComparison.Ordinal)
            .Replace("listen 443 ssl;", $"listen 127.0.0.1:{https} ssl;", StringComparison.Ordinal);
        Assert.Contains($"listen 127.0.0.1:{https} ssl;", site, StringComparison.Ordinal);
        return site;
    }

    /// <summary>Writes the site and a main config around it; returns the main config's path. <paramref name="httpExtra"/> goes into its http block.</summary>
    public static string WriteMainConfig(string folder, string site, string httpExtra = "access_log off;")
    {
        File.WriteAllText(Path.Combine(folder, "ioc.conf"), site);
        var main = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(main, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                {{httpExtra}}
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

    /// <summary>A self-signed certificate for 127.0.0.1 as fullchain.pem and privkey.pem in <paramref name="folder"/>.</summary>
    public static Task<(int Exit, string Output)> WriteCertificateAsync(string folder) =>
        RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
            "-keyout", Path.Combine(folder, "privkey.pem"), "-out", Path.Combine(folder, "fullchain.pem"));

    /// <summary><c>nginx -t</c> on the main config; fails the test with nginx's words when it finds a problem.</summary>
    public static async Task CheckAsync(string folder, string main)
    {
        var (check, output) = await RunAsync(NginxPath, "-t", "-p", folder, "-c", main);
        Assert.True(check == 0, output);
        Assert.Contains("syntax is ok", output, StringComparison.Ordinal);
    }

    public static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
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

    [GeneratedRegex(@"^\s*listen \[::\]:\d+( ssl)?;\s*$\n", RegexOptions.Multiline)]
    private static partial Regex ListenV6();
}

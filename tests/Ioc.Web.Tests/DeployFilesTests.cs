using System.Diagnostics;
using System.Text.RegularExpressions;
using Ioc.Testing;
using Microsoft.Extensions.Configuration;

namespace Ioc.Web.Tests;

/// <summary>
/// The files docs/deploy.md tells an operator to install: the systemd unit sets only real settings
/// and systemd accepts it; nginx proxies to the address the unit listens on, upgrades both
/// WebSocket paths and forwards the client and scheme from the proxy the unit trusts.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static string DeployFile(string name) => Path.Combine(TestPaths.RepositoryRoot, "docs", "deploy", name);

    private static Dictionary<string, string> UnitEnvironment() =>
        File.ReadAllLines(DeployFile("ioc.service"))
            .Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void ServiceUnit_EverySetting_IsDocumentedInTheSample()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(TestPaths.RepositoryRoot, "appsettings.sample.json")).Build();
        var settings = UnitEnvironment().Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList();

        // An array entry (KnownProxies__0) is documented by its array.
        var unknown = settings.Select(k => string.Join(':', k.Split("__").Where(s => !s.All(char.IsAsciiDigit))))
            .Where(k => !sample.GetSection(k).Exists())
            .ToList();

        Assert.Contains("Database__Path", settings);
        Assert.Empty(unknown);
    }

    /// <summary>Passes without checking where systemd-analyze is missing (containers without systemd).</summary>
    [Fact]
    public async Task ServiceUnit_SystemdAnalyzeVerify_FindsNothing()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            return;
        }
        using var folder = TestPaths.NewTempFolder();
        var unit = folder.File("ioc.service");
        File.Copy(DeployFile("ioc.service"), unit);
        var start = new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Only the machine's own dotnet location may differ from /usr/bin/dotnet.
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("/usr/bin/dotnet", StringComparison.Ordinal)).ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void NginxSite_ProxiesToTheUnitsAddress_UpgradesBothHubs_AndForwardsFromTheTrustedProxy()
    {
        var nginx = File.ReadAllText(DeployFile("nginx-ioc.conf"));
        var unit = UnitEnvironment();
        var listens = new Uri(unit["ASPNETCORE_URLS"]);
        var locations = Location().Matches(nginx).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Contains($"server {listens.Host}:{listens.Port};", nginx, StringComparison.Ordinal);
        Assert.Equal(listens.Host, unit["Security__ForwardedHeaders__KnownProxies__0"]);
        Assert.Equal(["/_blazor", "/hubs/kpi", "/"], locations.Keys);
        Assert.All(locations.Values, body =>
        {
            Assert.Contains("proxy_set_header X-Forwarded-For ", body, StringComparison.Ordinal);
            Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", Regex.Replace(body, " +", " "), StringComparison.Ordinal);
        });
        Assert.All(new[] { "/_blazor", "/hubs/kpi" }, path =>
            Assert.Contains("proxy_set_header Upgrade $http_upgrade;", Regex.Replace(locations[path], " +", " "), StringComparison.Ordinal));
        Assert.Contains("listen 443 ssl;", nginx, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"location\s+(\S+)\s*\{([^}]*)\}")]
    private static partial Regex Location();
}

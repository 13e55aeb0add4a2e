using System.Diagnostics;
using System.Net;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Commands;

/// <summary>The server started as the README's "Your own province" starts it: a build, not a publish, in Production.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task ProductionFromABuild_ServesTheBlazorScriptAndStyles_SoPagesComeAlive()
    {
        using var data = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        // dotnet run --project src/Ioc.Web runs in the project's folder: that is the content root, with its wwwroot.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web") };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Ioc.Web.dll"), $"--Database:Path={data.File("ioc.db")}", $"--urls=http://127.0.0.1:{port}", "--Simulator:Enabled=false" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var login = await WaitForAsync(http, "/account/login");
            var page = await login.Content.ReadAsStringAsync();
            var styles = System.Text.RegularExpressions.Regex.Matches(page, "href=\"([^\"]+\\.css)\"").Select(m => m.Groups[1].Value).ToList();

            Assert.Contains(styles, s => s.Contains("MudBlazor", StringComparison.Ordinal));
            foreach (var asset in styles.Append("_framework/blazor.web.js"))
            {
                Assert.True((await http.GetAsync("/" + asset)).StatusCode == HttpStatusCode.OK, asset);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient http, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await http.GetAsync(path)).EnsureSuccessStatusCode();
            }
            catch (HttpRequestException) when (attempt < 240)
            {
                await Task.Delay(250);
            }
        }
    }
}

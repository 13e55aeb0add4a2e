using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Data.Reference;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.MultiNode;

/// <summary>
/// The guide's several-node layout (docs/deploy/nginx-ioc-nodes.conf) on loopback: redis-server as the
/// KPI hub's backplane, the aggregation service, two web nodes on one database, nginx in front with
/// sticky sessions; every server its own process, killed by its id. The database is one SQLite file, or
/// one PostgreSQL database (issue 15's layout: a throw-away cluster on loopback); the nodes get it through
/// <c>Database:*</c> settings only.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class MultiNodeTests(BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string NginxPath = NginxSite.NginxPath;
    private const string RedisPath = RedisServer.Path;
    private const string ServiceKey = "multi-node-service-key-0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoWebNodesBehindNginx_EventReachesEachWall_KilledNodesPagesComeBackOnTheOther_KilledServiceLosesNoAcknowledgedEvent(string provider)
    {
        foreach (var tool in new[] { NginxPath, RedisPath })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: run tests/run.sh, which installs Debian's nginx and redis-server.");
            }
        }
        using var folder = TestPaths.NewTempFolder();
        // Migrated with the reference data; the test reads and seeds it directly, independently of the servers.
        await using var database = await ProviderHost.StartAsync(provider);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (commune, procedure) = CommuneProcedure();
        var servers = new List<NodeProcess>();
        try
        {
            var redisPort = IocAppFactory.FreePort();
            // Started as a node process, not as a RedisServer: its output joins the other servers' in a failure message.
            var redis = Track(servers, NodeProcess.Start("redis-server", RedisPath, RedisServer.Arguments(redisPort, folder.Path), folder.Path));

            var aggregationPort = IocAppFactory.FreePort();
            var aggregation = Track(servers, StartAggregation(database, aggregationPort, redisPort));
            var aggregationAddress = new Uri($"http://127.0.0.1:{aggregationPort}/");
            await aggregation.WaitUntilAnswersAsync(aggregationAddress, StartTimeout);

            // One after the other: the first creates the demo accounts, the second finds them.
            var nodeA = Track(servers, StartWebNode("web-a", database, aggregationPort, out var portA));
            await nodeA.WaitUntilAnswersAsync(new Uri($"http://127.0.0.1:{portA}/health"), StartTimeout);
            var nodeB = Track(servers, StartWebNode("web-b", database, aggregationPort, out var portB));
            await nodeB.WaitUntilAnswersAsync(new Uri($"http://127.0.0.1:{portB}/health"), StartTimeout);

            var https = IocAppFactory.FreePort();
            await NginxSite.WriteCertificateAsync(folder.Path);
            var config = WriteConfig(folder.Path, https, IocAppFactory.FreePort(), portA, portB, aggregationPort);
            await NginxSite.CheckAsync(folder.Path, config);
            Track(servers, NodeProcess.Start("nginx", NginxPath, ["-p", folder.Path, "-c", config, "-g", "daemon off;"], folder.Path));
            var site = new Uri($"https://127.0.0.1:{https}/");
            using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = site };
            await WaitForSiteAsync(http);

            // Browsers that nginx sends to node A and to node B (its cookie hash decides; the access log says where each went).
            var pinA = await StickyCookieForAsync(http, folder.Path, portA);
            var pinB = await StickyCookieForAsync(http, folder.Path, portB);
            var (_, secret) = await database.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng điều hành", "test");
            var wallA = await OpenWallAsync(site, pinA, secret);
            var wallB = await OpenWallAsync(site, pinB, secret);
            var leader = await ContextAsync(site, pinA);
            await leader.SignInAsync("lanhdao");
            await Assertions.Expect(leader.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync();
            var visitor = await ContextAsync(site, pinA);
            await visitor.GotoAsync("/account/login");
            Assert.Matches(WentTo(pinA, portA), await File.ReadAllTextAsync(folder.File("access.log")));
            Assert.Matches(WentTo(pinB, portB), await File.ReadAllTextAsync(folder.File("access.log")));

            // An event posted through the site reaches the service, and from its hub (through Redis) the wall on each node.
            var before = await ReceivedAsync(wallA);
            Assert.Equal(before, await ReceivedAsync(wallB));
            await PostAsync(http, Events.DossierReceived("MN-1", commune, procedure, DateTimeOffset.UtcNow.AddMinutes(-1)));
            await ExpectReceivedAsync(wallA, before + 1);
            await ExpectReceivedAsync(wallB, before + 1);

            // Node A dies. Its wall, untouched, reconnects through nginx to node B, which does not know the circuit: it reloads there.
            await wallA.EvaluateAsync("() => window.__beforeFailover = true");
            var reloaded = new TaskCompletionSource();
            wallA.FrameNavigated += (_, frame) =>
            {
                if (frame == wallA.MainFrame)
                {
                    reloaded.TrySetResult();
                }
            };
            var failover = System.Diagnostics.Stopwatch.StartNew();
            await nodeA.KillAsync();
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await Assertions.Expect(wallA.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            output.WriteLine($"Wall of the killed node live again on the other node after {failover.Elapsed.TotalSeconds:F1} s");
            Assert.False(await wallA.EvaluateAsync<bool>("() => window.__beforeFailover === true"), "the wall reloaded");
            Assert.Matches(WentTo(pinA, portB), await File.ReadAllTextAsync(folder.File("access.log")));
            await PostAsync(http, Events.DossierReceived("MN-2", commune, procedure, DateTimeOffset.UtcNow.AddMinutes(-1)));
            await ExpectReceivedAsync(wallA, before + 2);
            await ExpectReceivedAsync(wallB, before + 2);

            // The session cookie and the antiforgery token node A issued are good on node B: the keys are in the database.
            try
            {
                await leader.ReloadAsync();
            }
            catch (PlaywrightException ex) when (ex.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                // The page was already reloading by itself (its circuit was on the killed node): that load is the one checked below.
            }
            await Assertions.Expect(leader.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.DoesNotContain("/account/login", leader.Url, StringComparison.Ordinal);
            await visitor.FillAsync("#userName", "tongdai");
            await visitor.FillAsync("#password", IocAppFactory.DemoPassword);
            await visitor.ClickAsync("button[type=submit]");
            await visitor.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

            // The service is killed while a source posts batches, and comes back: every acknowledged event is stored and on the wall.
            var acknowledged = await PostWhileKilledAsync(aggregationAddress, aggregation, commune, procedure);
            servers.Remove(aggregation);
            var restart = System.Diagnostics.Stopwatch.StartNew();
            aggregation = Track(servers, StartAggregation(database, aggregationPort, redisPort));
            await aggregation.WaitUntilAnswersAsync(aggregationAddress, StartTimeout);
            output.WriteLine($"Service killed after {acknowledged.Count} acknowledged events; answering again {restart.Elapsed.TotalSeconds:F1} s after the restart began");
            Assert.NotEmpty(acknowledged);
            Assert.Equal(acknowledged.Count, await StoredAmongAsync(database, acknowledged));
            var received = await database.ReadAsync(db => db.Events.LongCountAsync(e => e.Type == EventTypes.DossierReceived));
            Assert.True(received >= before + 2 + acknowledged.Count);
            await ExpectReceivedAsync(wallA, received, timeout: 60_000);
            await ExpectReceivedAsync(wallB, received, timeout: 60_000);
            output.WriteLine($"Both walls show the database's {received} received dossiers {restart.Elapsed.TotalSeconds:F1} s after the restart began ({received - before - 2 - acknowledged.Count} stored but not acknowledged)");
            Assert.False(redis.HasExited, redis.Output);
            Assert.Empty(browser.ExternalRequests);
            output.WriteLine($"{provider}: the whole run took {clock.Elapsed.TotalSeconds:F0} s");
        }
        catch
        {
            // A page's error names only a trace id: the servers' own last lines say what failed.
            foreach (var server in servers)
            {
                output.WriteLine($"--- {server.Name}:\n{server.Output}");
            }
            throw;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>An access-log line of a browser with this sticky cookie answered by the node on this port (after any nodes nginx tried first).</summary>
    private static Regex WentTo(string sticky, int port) => new($@"(?m)^{sticky} (127\.0\.0\.1:\d+, )*127\.0\.0\.1:{port} 200 ");

    private static NodeProcess Track(List<NodeProcess> servers, NodeProcess server)
    {
        servers.Add(server);
        return server;
    }

    private static NodeProcess StartAggregation(ProviderHost database, int port, int redisPort) =>
        NodeProcess.Ioc("aggregation", "Ioc.AggregationService.dll", Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.AggregationService"), new Dictionary<string, string>(DatabaseSettings(database))
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Simulator:Enabled"] = "false",
            ["Kpi:ServiceKey"] = ServiceKey,
            ["Ingest:Sources:0:Name"] = "test",
            ["Ingest:Sources:0:Key"] = IocAppFactory.TestSourceKey,
            ["Redis:Configuration"] = $"127.0.0.1:{redisPort}",
        });

    private static NodeProcess StartWebNode(string name, ProviderHost database, int aggregationPort, out int port)
    {
        port = IocAppFactory.FreePort();
        // From the project folder, as dotnet run does: that is where a build's static web assets are found.
        return NodeProcess.Ioc(name, "Ioc.Web.dll", Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web"), new Dictionary<string, string>(DatabaseSettings(database))
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Kpi:HubUrl"] = $"http://127.0.0.1:{aggregationPort}/hubs/kpi",
            ["Kpi:ServiceKey"] = ServiceKey,
            ["Demo:Enabled"] = "true",
            ["Demo:Password"] = IocAppFactory.DemoPassword,
            ["Security:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
    }

    /// <summary>A commune of the test province and a procedure communes handle, from the reference files the servers load.</summary>
    private static (string Commune, string Procedure) CommuneProcedure()
    {
        var commune = ReferenceFiles.ReadUnits(TestPaths.ReferenceData)
            .First(u => u.RetiredFrom is null && u.MergedInto is null && ReferenceFiles.ParseKind(u.Kind, u.Code) is UnitKind.Commune or UnitKind.Ward).Code;
        var procedure = ReferenceFiles.ReadProcedures(TestPaths.ReferenceData)
            .First(p => p.HandledBy == "commune" && ReferenceFiles.ParseOnlineLevel(p.OnlineLevel, p.Code) != Domain.Catalog.OnlineLevel.None).Code;
        return (commune, procedure);
    }

    /// <summary>
    /// The shared database's settings (provider, file or connection string) and the reference data it was loaded
    /// with; not the test's relaxed SQLite sync: the servers keep production's.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> DatabaseSettings(ProviderHost database) =>
        database.DatabaseSettings.Where(s => s.Value is not null && s.Key != "Database:Synchronous").Select(s => KeyValuePair.Create(s.Key, s.Value!));

    /// <summary>A value of nginx's ioc_node cookie that its consistent hash sends to the node on <paramref name="port"/>.</summary>
    private static async Task<string> StickyCookieForAsync(HttpClient http, string folder, int port)
    {
        for (var i = 0; i < 64; i++)
        {
            var value = $"pin{port}x{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("Cookie", $"ioc_node={value}");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            if (WentTo(value, port).IsMatch(await File.ReadAllTextAsync(Path.Combine(folder, "access.log"))))
            {
                return value;
            }
        }
        throw new InvalidOperationException($"No ioc_node cookie value reached the node on port {port}.");
    }

    private async Task<IPage> ContextAsync(Uri site, string sticky)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            IgnoreHTTPSErrors = true, // the test's own self-signed certificate
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Cookie { Name = "ioc_node", Value = sticky, Domain = "127.0.0.1", Path = "/", Secure = true, HttpOnly = true }]);
        var page = await context.NewPageAsync();
        var origin = site.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal),
            async route =>
            {
                browser.ExternalRequests.Add(route.Request.Url);
                await route.AbortAsync();
            });
        return page;
    }

    private async Task<IPage> OpenWallAsync(Uri site, string sticky, string secret)
    {
        var page = await ContextAsync(site, sticky);
        await page.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await page.GotoAsync("/wall?scene=province");
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live] [data-updated-time]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return page;
    }

    private static async Task<long> ReceivedAsync(IPage wall)
    {
        var text = await wall.Locator("[data-tile=received-today] [data-tile-value]").InnerTextAsync();
        return text == "—" ? 0 : long.Parse(text, NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("vi-VN"));
    }

    private static Task ExpectReceivedAsync(IPage wall, long count, float timeout = 20_000) =>
        Assertions.Expect(wall.Locator("[data-tile=received-today] [data-tile-value]"))
            .ToHaveTextAsync(count.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), new() { Timeout = timeout });

    private static async Task PostAsync(HttpClient http, params IngestEvent[] events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(new IngestBatch { Events = [.. events] }) };
        request.Headers.Add("X-Api-Key", IocAppFactory.TestSourceKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Posts batches of new dossiers straight to the service, kills it (SIGKILL) while batches are in flight,
    /// and returns the ids of the events whose batch was acknowledged.
    /// </summary>
    private static async Task<List<string>> PostWhileKilledAsync(Uri service, NodeProcess aggregation, string commune, string procedure)
    {
        var acknowledged = new List<string>();
        using var api = new HttpClient { BaseAddress = service };
        api.DefaultRequestHeaders.Add("X-Api-Key", IocAppFactory.TestSourceKey);
        using var stop = new CancellationTokenSource();
        var poster = Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var events = Enumerable.Range(0, 50)
                    .Select(i => Events.DossierReceived($"MN-K{batch:D4}-{i:D2}", commune, procedure, DateTimeOffset.UtcNow.AddMinutes(-1)))
                    .ToList();
                try
                {
                    using var response = await api.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [.. events] });
                    if (response.IsSuccessStatusCode)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.AddRange(events.Select(e => e.Id!));
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the service is gone
                }
            }
        });
        // Let several batches through, then kill the service in the middle of the next ones.
        while (Count() < 500 && !poster.IsCompleted)
        {
            await Task.Delay(20);
        }
        await aggregation.KillAsync();
        await aggregation.DisposeAsync();
        await poster.WaitAsync(TimeSpan.FromSeconds(30));
        return acknowledged;

        int Count()
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }
    }

    private static async Task<long> StoredAmongAsync(ProviderHost database, IReadOnlyList<string> eventIds)
    {
        var stored = 0L;
        foreach (var chunk in eventIds.Chunk(500))
        {
            stored += await database.ReadAsync(db => db.Events.LongCountAsync(e => chunk.Contains(e.EventId)));
        }
        return stored;
    }

    /// <summary>The guide's several-node site with loopback ports and addresses and the test's certificate, inside a minimal main config that logs where each request went.</summary>
    private static string WriteConfig(string folder, int https, int http, int portA, int portB, int aggregationPort)
    {
        var site = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "deploy", "nginx-ioc-nodes.conf"))
            .Replace("10.0.0.11:5000", $"127.0.0.1:{portA}", StringComparison.Ordinal)
            .Replace("10.0.0.12:5000", $"127.0.0.1:{portB}", StringComparison.Ordinal)
            .Replace("10.0.0.10:5100", $"127.0.0.1:{aggregationPort}", StringComparison.Ordinal);
        site = NginxSite.OnLoopback(site, folder, http, https);
        Assert.Contains($"server 127.0.0.1:{portA} ", site, StringComparison.Ordinal);
        Assert.Contains($"server 127.0.0.1:{portB} ", site, StringComparison.Ordinal);
        Assert.Contains($"server 127.0.0.1:{aggregationPort};", site, StringComparison.Ordinal);
        return NginxSite.WriteMainConfig(folder, site, $"log_format nodes '$cookie_ioc_node $upstream_addr $status $request_method $uri'; access_log {folder}/access.log nodes;");
    }

    private static async Task WaitForSiteAsync(HttpClient http)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                (await http.GetAsync("/health")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }
}

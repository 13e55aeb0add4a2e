using System.Net;
using Ioc.Aggregation.Access;
using Ioc.Contracts;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Access;

/// <summary>
/// One app with known data and one signed-in client per role, shared by every test class of the
/// <see cref="WebAppCollection"/>. Tests that sign out, lock or throttle use accounts of their own.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public IocAppFactory App { get; } = new();

    public Dictionary<string, SignedInClient> Clients { get; } = [];

    public int Root { get; private set; }

    public int Justice { get; private set; }

    public string JusticeDossier { get; } = "STP-0001";

    public string CommuneDossier { get; private set; } = "";

    /// <summary>A commune outside the Department of Justice's subtree.</summary>
    public int Commune { get; private set; }

    /// <summary>The secret of the fixture's display key, for hub clients that present it themselves (LED boards).</summary>
    public string DisplayKey { get; private set; } = "";

    /// <summary>A hotline ticket routed to the Department of Justice, and one routed to a commune.</summary>
    public string JusticeTicket { get; } = "PA-STP-1";

    public string CommuneTicket { get; } = "PA-XA-1";

    public const string CommuneTicketText = "Đèn đường hỏng ở ngõ 5 đã ba tuần";

    public async Task InitializeAsync()
    {
        var server = App.ServerAddress;
        var seeded = await DemoDossiers.PostAsync(App, perCommune: 2);
        CommuneDossier = seeded.Codes[0];
        Root = App.Catalog.Units.Root.Id;
        var justice = App.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Name.Contains("Tư pháp", StringComparison.Ordinal));
        Justice = justice.Id;
        var procedure = App.Catalog.Procedures.First(p => p.HandledBy == justice.Code);
        (await App.PostEventsAsync(Events.DossierReceived(JusticeDossier, justice.Code, procedure.Code, IngestHarness.DefaultNow.AddHours(-3), channel: "in-person"))).EnsureSuccessStatusCode();
        var commune = App.Catalog.Units.All.First(u => u.IsLocal);
        Commune = commune.Id;
        var at = IngestHarness.DefaultNow;
        (await App.PostEventsAsync(
            Events.TicketCreated(JusticeTicket, at.AddHours(-3), text: "Chứng thực bản sao bị hẹn lại nhiều lần", commune: commune.Code),
            Events.TicketCreated(CommuneTicket, at.AddHours(-2), text: CommuneTicketText, commune: commune.Code),
            Events.Ticket(EventTypes.TicketRouted, JusticeTicket, at.AddHours(-1), e => { e.Category = "thu-tuc-hanh-chinh"; e.Unit = justice.Code; }),
            Events.Ticket(EventTypes.TicketRouted, CommuneTicket, at.AddHours(-1), e => { e.Category = "chieu-sang"; e.Unit = commune.Code; }))).EnsureSuccessStatusCode();

        var (_, displayKey) = await App.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình thử", "test");
        Clients["anonymous"] = SignedInClient.Anonymous(server);
        Clients["leader"] = await SignedInClient.AsAsync(server, "lanhdao");
        Clients["head"] = await SignedInClient.AsAsync(server, "giamdoc.sotuphap");
        Clients["hotline"] = await SignedInClient.AsAsync(server, "tongdai");
        Clients["admin"] = await SignedInClient.AsAsync(server, "quantri");
        Clients["display"] = await SignedInClient.DisplayAsync(server, displayKey);
        DisplayKey = displayKey;
    }

    public async Task DisposeAsync()
    {
        foreach (var c in Clients.Values)
        {
            c.Dispose();
        }
        await App.DisposeAsync();
    }
}

/// <summary>
/// Every role against every page, export, API endpoint and hub subscription: allowed where DESIGN.md
/// says so, refused everywhere else, and a refusal carries no data.
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed class AccessMatrixTests(AccessFixture f)
{
    public enum Expect
    {
        Allowed,
        Refused,
        /// <summary>Sent elsewhere (e.g. a department head's home is their unit).</summary>
        Redirected,
    }

    private const string A = "anonymous", L = "leader", H = "head", O = "hotline", M = "admin", D = "display";

    /// <summary>(target, marker of its data, [anonymous, leader, head, hotline, admin, display]).</summary>
    public static TheoryData<string, string, Expect> Pages()
    {
        var rows = new (string Target, string[] Allowed, string[] Redirected)[]
        {
            ("/", [L, O, M], [H, D]),
            ("/units/{root}", [L, M], []),
            ("/units/{justice}", [L, H, M], []),
            ("/dossiers/{justiceDossier}", [L, H, M], []),
            ("/dossiers/{communeDossier}", [L, M], []),
            ("/wall", [L, M, D], []),
            ("/admin/users", [M], []),
            ("/admin/keys", [M], []),
            ("/admin/displays", [M], []),
            ("/admin/units", [M], []),
            ("/admin/audit", [M], []),
            ("/admin/alerts", [M], []),
            ("/export/units/{root}/children?format=csv", [L, M], []),
            ("/export/units/{root}/dossiers?format=xlsx", [L, M], []),
            ("/export/units/{justice}/dossiers?format=csv", [L, H, M], []),
            ("/export/units/{justice}/procedures?format=xlsx", [L, H, M], []),
            ("/hotline?view=open", [L, H, O, M], []),
            ("/hotline/{justiceTicket}?view=open", [L, H, O, M], []),
        };
        var data = new TheoryData<string, string, Expect>();
        foreach (var (target, allowed, redirected) in rows)
        {
            foreach (var role in new[] { A, L, H, O, M, D })
            {
                data.Add(role, target, allowed.Contains(role) ? Expect.Allowed : redirected.Contains(role) ? Expect.Redirected : Expect.Refused);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Get_RoleAndTarget_AllowedOrRefusedWithoutData(string role, string target, Expect expect)
    {
        var path = target.Replace("{root}", f.Root.ToString()).Replace("{justice}", f.Justice.ToString())
            .Replace("{justiceDossier}", f.JusticeDossier).Replace("{justiceTicket}", f.JusticeTicket).Replace("{communeDossier}", Uri.EscapeDataString(f.CommuneDossier));
        var response = await f.Clients[role].Http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(body);
        var isFile = response.Content.Headers.ContentType?.MediaType is "text/csv" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var hasData = isFile || Markers.Any(text.Contains);

        switch (expect)
        {
            case Expect.Allowed:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(hasData, $"{role} {path}: no data on an allowed page");
                break;
            case Expect.Redirected:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.False(hasData);
                break;
            default:
                // A refusal is a status a client can act on, never a 200 page: out of scope reads as "not found".
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound,
                    $"{role} {path}: {(int)response.StatusCode} is not a refusal");
                Assert.False(hasData, $"{role} {path}: a refusal carried data");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.Matches("^/account/(login|denied)$", new Uri(f.App.ServerAddress, response.Headers.Location!).AbsolutePath);
                }
                break;
        }
    }

    /// <summary>What only a page with data shows.</summary>
    private static readonly string[] Markers =
        ["data-kpi=\"", "data-indicator=\"", "data-dossier-code", "data-scene=\"", "data-table=\"users\"", "data-table=\"source-keys\"",
         "data-table=\"displays\"", "data-table=\"units\"", "data-table=\"audit\"", "data-table=\"alert-rules\"", "data-code=\"", "data-ticket-panel=\""];

    [Theory]
    [InlineData(L, true)]
    [InlineData(H, false)]
    [InlineData(O, true)]
    [InlineData(M, true)]
    public async Task HotlineTicket_OfAnotherUnit_NeitherListedNorOpenedForADepartmentHead(string role, bool sees)
    {
        var queue = await f.Clients[role].Http.GetStringAsync("/hotline?view=open");
        var ticket = await f.Clients[role].Http.GetStringAsync($"/hotline/{f.CommuneTicket}?view=open");

        Assert.Equal(sees, queue.Contains($"data-code=\"{f.CommuneTicket}\"", StringComparison.Ordinal));
        Assert.Equal(sees, ticket.Contains($"data-ticket-panel=\"{f.CommuneTicket}\"", StringComparison.Ordinal));
        Assert.Equal(sees, ticket.Contains(AccessFixture.CommuneTicketText, StringComparison.Ordinal));
        Assert.Contains($"data-code=\"{f.JusticeTicket}\"", queue, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(A)]
    [InlineData(L)]
    [InlineData(H)]
    [InlineData(O)]
    [InlineData(M)]
    [InlineData(D)]
    public async Task Ingest_WithCookiesButNoSourceKey_Returns401AndStoresNothing(string role)
    {
        var response = await f.Clients[role].Http.PostAsync("/api/v1/events",
            System.Net.Http.Json.JsonContent.Create(new IngestBatch { Events = [Events.Dossier(EventTypes.DossierWithdrawn, f.JusticeDossier, IngestHarness.DefaultNow)] }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// Hub streams (a unit's whole snapshot for a window) per role, following the page rows above:
    /// <c>/units/{id}</c> shows any window of a unit in scope (leader, admin, the head of that unit);
    /// <c>/</c> and <c>/wall</c> show the province today and since 1 January (hotline staff, displays);
    /// <c>/hotline</c> shows the same two windows of the caller's root. "display-key" is a board
    /// presenting the key itself (header), "service" a web process's shared connection.
    /// </summary>
    public static TheoryData<string, string, KpiWindow, bool> HubStreams()
    {
        const string DK = "display-key", S = "service";
        var rows = new (string Unit, KpiWindow Window, string[] Allowed)[]
        {
            ("root", KpiWindow.Today, [L, O, M, D, DK, S]),
            ("root", KpiWindow.Year, [L, O, M, D, DK, S]),
            ("root", KpiWindow.Month, [L, M, S]),
            ("root", KpiWindow.Last12Months, [L, M, S]),
            ("justice", KpiWindow.Today, [L, H, M, S]),
            ("justice", KpiWindow.Year, [L, H, M, S]),
            ("justice", KpiWindow.Quarter, [L, H, M, S]),
            ("commune", KpiWindow.Today, [L, M, S]),
        };
        var data = new TheoryData<string, string, KpiWindow, bool>();
        foreach (var (unit, window, allowed) in rows)
        {
            foreach (var role in new[] { L, H, O, M, D, DK, S })
            {
                data.Add(role, unit, window, allowed.Contains(role));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HubStreams))]
    public async Task HubSubscription_RoleUnitAndWindow_FollowsThePageRules(string role, string unit, KpiWindow window, bool allowed)
    {
        var unitId = unit switch { "root" => f.Root, "justice" => f.Justice, _ => f.Commune };
        var key = new KpiStreamKey(unitId, window);
        await using var hub = HubFor(role);
        await hub.StartAsync();

        if (allowed)
        {
            var snapshots = await hub.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, new[] { key });
            Assert.Equal(key, snapshots.Single().Stream);
            Assert.Equal(key, (await hub.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, key)).Stream);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IReadOnlyList<KpiSnapshot>>(KpiHubContract.Subscribe, new[] { key }));
            Assert.Contains("Not allowed", ex.Message);
            // Refused means not subscribed: no resync either.
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, key));
        }
    }

    [Theory]
    [InlineData(L, true)]
    [InlineData(H, false)]
    [InlineData(O, true)]
    [InlineData(M, true)]
    [InlineData(D, false)]
    [InlineData("display-key", false)]
    [InlineData("service", true)]
    public async Task HubTickets_OnlyCallersWhoseHotlinePageListsEveryTicket(string role, bool allowed)
    {
        await using var hub = HubFor(role);
        await hub.StartAsync();
        var call = hub.InvokeAsync(KpiHubContract.SubscribeTickets);
        if (allowed)
        {
            await call;
        }
        else
        {
            await Assert.ThrowsAsync<HubException>(() => call);
        }
    }

    [Theory]
    [InlineData(L, true)]
    [InlineData(H, false)]
    [InlineData(O, true)]
    [InlineData(M, true)]
    [InlineData(D, true)]
    [InlineData("display-key", true)]
    [InlineData("service", true)]
    public async Task HubAlerts_OnlyCallersWhoSeeEveryUnit(string role, bool allowed)
    {
        await using var hub = HubFor(role);
        await hub.StartAsync();
        var call = hub.InvokeAsync(KpiHubContract.SubscribeAlerts);
        if (allowed)
        {
            await call;
        }
        else
        {
            await Assert.ThrowsAsync<HubException>(() => call);
        }
    }

    private HubConnection HubFor(string role) => role switch
    {
        "display-key" => new HubConnectionBuilder()
            .WithUrl(new Uri(f.App.ServerAddress, KpiHubContract.Path), o => o.Headers[HubKeyAuthenticationHandler.DisplayHeader] = f.DisplayKey).Build(),
        "service" => new HubConnectionBuilder()
            .WithUrl(new Uri(f.App.ServerAddress, KpiHubContract.Path), o => o.Headers[Ioc.Aggregation.Publishing.KpiServiceCredentials.Header] = f.App.ServiceKey).Build(),
        _ => f.Clients[role].Hub(),
    };

    [Fact]
    public async Task HubConnection_Anonymous_IsRefused()
    {
        await using var hub = f.Clients[A].Hub();
        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }
}

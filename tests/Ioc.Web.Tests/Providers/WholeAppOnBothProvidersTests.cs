using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Health;
using Ioc.Aggregation.Simulation;
using Ioc.Data;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ioc.Web.Tests.Providers;

/// <summary>
/// The whole web app (pages, aggregation, hub and the demo feed posting its history through the ingest API)
/// started on PostgreSQL as on SQLite, from the same demo seed: what a leader sees over HTTP must not depend
/// on the provider.
/// </summary>
public sealed partial class WholeAppOnBothProvidersTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task DemoFeedSeedsBoth_SignInPagesWallAndHealthWork_AndTheUnitFiguresOfAClosedWindowAreTheSame()
    {
        // A window that ended before today: the demo's history of those days is the same on every start (seed and day).
        var today = ProvinceTime.LocalDate(DateTimeOffset.UtcNow);
        var (from, to) = (today.AddDays(-9), today.AddDays(-2));

        var sqlite = await SeenAsync(DatabaseOptions.Sqlite, from, to);
        var postgres = await SeenAsync(DatabaseOptions.PostgreSql, from, to);

        Assert.Equal(("Healthy", "Healthy"), (postgres.Status, postgres.DatabaseCheck));
        Assert.Matches(Percent(), postgres.OnTimeTile);
        Assert.Matches(Percent(), sqlite.OnTimeTile);
        // The units' table as the leader downloads it: received, online and on-time rates, open, overdue, hotline, points.
        var rows = sqlite.Children.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rows.Length > 5, sqlite.Children);
        Assert.Contains(rows.Skip(1), r => Regex.IsMatch(r, @"\d+,\d %"));
        Assert.Equal(sqlite.Children, postgres.Children);
    }

    private sealed record Seen(string Status, string? DatabaseCheck, string OnTimeTile, string Children);

    private async Task<Seen> SeenAsync(string provider, DateOnly from, DateOnly to)
    {
        await using var app = await new IocAppFactory { UseManualClock = false }
            .With("Simulator:Enabled", "true")
            .With("Simulator:DemoDataDirectory", TestPaths.DemoData)
            // A small province's fortnight: the window's dossiers and their completions, a few thousand events.
            .With("Simulator:HistoryDays", "12")
            .With("Simulator:DossiersPerDay", "150")
            .With("Simulator:DocumentsPerDay", "40")
            .With("Simulator:TicketsPerDay", "15")
            .OnProviderAsync(provider);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _ = app.ServerAddress;
        var feed = app.Services.GetServices<IHostedService>().OfType<DemoFeed>().Single();
        await feed.CaughtUp.WaitAsync(TimeSpan.FromMinutes(4));
        log.WriteLine($"{provider}: started and seeded in {clock.Elapsed.TotalSeconds:F1} s");
        var root = app.Catalog.Units.Root.Id;

        using var leader = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");
        var overview = await leader.Http.GetStringAsync("/");
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync())
        {
            var dossier = await db.Dossiers.OrderBy(d => d.Code).Select(d => d.Code).FirstAsync();
            await AssertPagesAnswerAsync(leader, "/", $"/units/{root}", "/hotline", $"/dossiers/{dossier}");
            // A ticket's panel as the hotline staff open it: its history, duplicate candidates and triage suggestion.
            var ticket = await db.Tickets.OrderBy(t => t.Code).Select(t => t.Code).FirstAsync();
            using var staff = await SignedInClient.AsAsync(app.ServerAddress, "tongdai");
            await AssertPagesAnswerAsync(staff, "/hotline", $"/hotline/{ticket}");
        }
        using (var admin = await SignedInClient.AsAsync(app.ServerAddress, "quantri"))
        {
            await AssertPagesAnswerAsync(admin, "/admin/alerts", "/admin/audit", "/admin/displays", "/admin/keys", "/admin/units", "/admin/users");
        }
        var children = await leader.Http.GetStringAsync($"/export/units/{root}/children?format=csv&w=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng điều hành", "test");
        using var screen = await SignedInClient.DisplayAsync(app.ServerAddress, secret);
        using var wall = await screen.Http.GetAsync("/wall?scene=province");
        using var anonymous = SignedInClient.Anonymous(app.ServerAddress);
        using var health = await anonymous.Http.GetAsync(HealthEndpoints.Path);
        var body = JsonSerializer.Deserialize<JsonElement>(await health.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        var tile = OnTimeTile().Match(overview);
        Assert.True(tile.Success, "no on-time tile on the overview page");
        return new Seen(
            body.GetProperty("status").GetString()!,
            body.GetProperty("checks").GetProperty(HealthEndpoints.Database).GetProperty("status").GetString(),
            WebUtility.HtmlDecode(tile.Groups[1].Value).Trim(),
            children);
    }

    /// <summary>Each page renders for this user (200, not the error page): on PostgreSQL an awaited read yields where SQLite's completes at once.</summary>
    private static async Task AssertPagesAnswerAsync(SignedInClient user, params string[] paths)
    {
        var answers = new List<string>();
        foreach (var path in paths)
        {
            using var response = await user.Http.GetAsync(path);
            answers.Add($"{path} {(int)response.StatusCode}");
        }
        Assert.Equal(paths.Select(p => $"{p} 200"), answers);
    }

    [GeneratedRegex("""data-kpi="on-time-rate".*?data-kpi-value[^>]*>([^<]*)<""", RegexOptions.Singleline)]
    private static partial Regex OnTimeTile();

    [GeneratedRegex(@"^\d{1,3},\d\s?%$")]
    private static partial Regex Percent();
}

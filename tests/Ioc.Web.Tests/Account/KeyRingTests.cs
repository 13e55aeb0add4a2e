using System.Net;
using Ioc.Aggregation.Access;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// The data-protection keys live in the database, so a restart, a redeploy or a second web node on the
/// same data keeps people and wall screens signed in; the control shows it is that ring that does it.
/// </summary>
public sealed partial class KeyRingTests
{
    [Fact]
    public async Task Restart_OnTheSameDatabase_PersonAndWallStaySignedIn_KeysInTheDatabase()
    {
        using var data = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var (person, wall) = await SignInThenStopAsync(port, data.File("ioc.db"));

        await using var restarted = new IocAppFactory(port, data.File("ioc.db"));
        _ = restarted.ServerAddress;
        var page = await person.Http.GetAsync("/");
        var screen = await wall.Http.GetAsync("/wall");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        Assert.True(KeyRows(data.File("ioc.db")) > 0);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "keys")), "no key files beside the database");
        person.Dispose();
        wall.Dispose();
    }

    [Fact]
    public async Task SecondNode_OnTheSameDatabase_AcceptsTheFirstNodesSessionWallAndAntiforgeryToken()
    {
        using var data = TestPaths.NewTempFolder();
        await using var first = new IocAppFactory(databasePath: data.File("ioc.db"));
        var person = await SignedInClient.AsAsync(first.ServerAddress, "lanhdao");
        var (_, secret) = await first.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng họp", "test");
        var wall = await SignedInClient.DisplayAsync(first.ServerAddress, secret);
        var visitor = SignedInClient.Anonymous(first.ServerAddress);
        var form = await visitor.Http.GetStringAsync("/account/login");

        await using var second = new IocAppFactory(databasePath: data.File("ioc.db"));
        var other = second.ServerAddress;
        // Cookies belong to the host, not the port: the clients send them to the second node as a browser behind a balancer would.
        var page = await person.Http.GetAsync(new Uri(other, "/"));
        var screen = await wall.Http.GetAsync(new Uri(other, "/wall"));
        var signIn = await visitor.Http.PostAsync(new Uri(other, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenField().Match(form).Groups[1].Value,
            ["userName"] = "tongdai",
            ["password"] = IocAppFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("error=", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(new Uri(other, "/hotline"))).StatusCode);
        person.Dispose();
        wall.Dispose();
        visitor.Dispose();
    }

    [Fact]
    public async Task Upgrade_FromTheKeysFolderBesideTheDatabase_KeysMovedIntoTheDatabase_NobodySignedOut()
    {
        using var data = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var folder = Path.Combine(data.Path, "keys");
        // The ring where earlier releases kept it by default.
        var (person, wall) = await SignInThenStopAsync(port, data.File("ioc.db"), ("DataProtection:KeysDirectory", folder));
        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        Assert.Equal(0L, KeyRows(data.File("ioc.db")));

        await using var upgraded = new IocAppFactory(port, data.File("ioc.db"));
        _ = upgraded.ServerAddress;

        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wall.Http.GetAsync("/wall")).StatusCode);
        Assert.Equal((long)Directory.GetFiles(folder, "key-*.xml").Length, KeyRows(data.File("ioc.db")));
        person.Dispose();
        wall.Dispose();
    }

    [Fact]
    public async Task Restart_WithAnotherKeysDirectory_SessionCookieNoLongerAccepted()
    {
        using var data = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var (person, wall) = await SignInThenStopAsync(port, data.File("ioc.db"));

        await using var restarted = new IocAppFactory(port, data.File("ioc.db")).With("DataProtection:KeysDirectory", data.File("other-keys"));
        _ = restarted.ServerAddress;
        var page = await person.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        Assert.NotEmpty(Directory.GetFiles(data.File("other-keys"), "key-*.xml"));
        person.Dispose();
        wall.Dispose();
    }

    private static long KeyRows(string database)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=false");
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM DataProtectionKeys";
        return (long)count.ExecuteScalar()!;
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TokenField();

    private static async Task<(SignedInClient Person, SignedInClient Wall)> SignInThenStopAsync(int port, string database, params (string Key, string Value)[] settings)
    {
        await using var app = new IocAppFactory(port, database);
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }
        var person = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng họp", "test");
        var wall = await SignedInClient.DisplayAsync(app.ServerAddress, secret);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wall.Http.GetAsync("/wall")).StatusCode);
        return (person, wall);
    }
}

using System.Net;
using Ioc.Aggregation.Access;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Account;

/// <summary>
/// The data-protection keys live beside the database, so a restart or redeploy on the same data
/// keeps people and wall screens signed in; the control shows it is that folder's ring that does it.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task Restart_OnTheSameDatabaseFolder_PersonAndWallStaySignedIn()
    {
        using var data = TestPaths.NewTempFolder();
        var port = IocAppFactory.FreePort();
        var (person, wall) = await SignInThenStopAsync(port, data.File("ioc.db"));
        var keys = Path.Combine(data.Path, "keys");

        await using var restarted = new IocAppFactory(port, data.File("ioc.db"));
        _ = restarted.ServerAddress;
        var page = await person.Http.GetAsync("/");
        var screen = await wall.Http.GetAsync("/wall");

        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
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

    private static async Task<(SignedInClient Person, SignedInClient Wall)> SignInThenStopAsync(int port, string database)
    {
        await using var app = new IocAppFactory(port, database);
        var person = await SignedInClient.AsAsync(app.ServerAddress, "lanhdao");
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình phòng họp", "test");
        var wall = await SignedInClient.DisplayAsync(app.ServerAddress, secret);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await wall.Http.GetAsync("/wall")).StatusCode);
        return (person, wall);
    }
}

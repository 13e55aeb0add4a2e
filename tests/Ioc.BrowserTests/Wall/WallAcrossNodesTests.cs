using Ioc.Aggregation.Access;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Wall;

/// <summary>
/// Two web nodes on one database: an admin on one changes or revokes a display key, and the screen open
/// on the other follows at its next key check, though the first node's in-process events never reach it.
/// </summary>
public sealed class WallAcrossNodesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DisplayKey_PlaylistChangedThenRevokedOnAnotherNode_OpenScreenFollowsThenLeaves()
    {
        using var data = TestPaths.NewTempFolder();
        await using var admin = Node(data.File("ioc.db"));
        var store = admin.Services.GetRequiredService<DisplayKeyStore>();
        var (key, secret) = await store.CreateAsync("Phòng họp", "quantri", "phong-hop");
        await using var other = Node(data.File("ioc.db"));
        var screen = await browser.NewPageAsync(other.ServerAddress, 1920, 1080);
        await screen.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await WallPages.WaitForLiveAsync(screen);
        await Assertions.Expect(screen.Locator("[data-footer-scene]")).ToHaveCountAsync(2);

        await store.SetPlaylistAsync(key.Id, null, "quantri");

        await Assertions.Expect(screen.Locator("[data-footer-scene]")).ToHaveCountAsync(Ioc.Web.Features.Wall.WallOptions.DefaultScenes().Count, new() { Timeout = 15_000 });

        await store.RevokeAsync(key.Id, "quantri");

        await Assertions.Expect(screen.Locator("[data-wall-revoked]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal("/wall/revoked", new Uri(screen.Url).AbsolutePath);
    }

    private static IocAppFactory Node(string database) => new IocAppFactory(databasePath: database)
        .With("Wall:RevocationCheckSeconds", "5")
        .With("Wall:Playlists:0:Name", "phong-hop").With("Wall:Playlists:0:Scenes:0", "trends").With("Wall:Playlists:0:Scenes:1", "province");
}

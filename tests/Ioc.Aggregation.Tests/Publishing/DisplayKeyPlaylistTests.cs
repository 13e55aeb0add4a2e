using Ioc.Aggregation.Access;
using Ioc.Data;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>A display key names the wall playlist its screen plays: stored, audited, announced to open screens; bad input changes nothing.</summary>
public sealed class DisplayKeyPlaylistTests
{
    [Fact]
    public async Task SetPlaylist_ChangedByAnAdmin_StoredAuditedAndAnnounced()
    {
        await using var h = await IngestHarness.CreateAsync();
        var store = h.Services.GetRequiredService<DisplayKeyStore>();
        var (key, _) = await store.CreateAsync("Phòng họp tầng 3", "quantri", "phong-hop");
        var announced = new List<(int, string?)>();
        store.PlaylistChanged += (id, playlist) => announced.Add((id, playlist));
        Assert.Equal("phong-hop", await store.PlaylistOfAsync(key.Id));

        await store.SetPlaylistAsync(key.Id, "dem", "quantri");

        Assert.Equal("dem", await store.PlaylistOfAsync(key.Id));
        Assert.Equal([(key.Id, "dem")], announced);
        await using var db = await h.Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "display-key.playlist");
        Assert.Contains("dem", audit.After, StringComparison.Ordinal);
        Assert.Contains("phong-hop", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPlaylist_NameTooLongOrUnknownKey_ErrorAndNothingChanges()
    {
        await using var h = await IngestHarness.CreateAsync();
        var store = h.Services.GetRequiredService<DisplayKeyStore>();
        var (key, _) = await store.CreateAsync("Phòng điều hành", "quantri", "phong-hop");

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetPlaylistAsync(key.Id, new string('x', 101), "quantri"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.SetPlaylistAsync(key.Id + 99, "dem", "quantri"));

        Assert.Equal("phong-hop", await store.PlaylistOfAsync(key.Id));
    }

    [Fact]
    public async Task SetPlaylist_Blank_MeansEveryScene()
    {
        await using var h = await IngestHarness.CreateAsync();
        var store = h.Services.GetRequiredService<DisplayKeyStore>();
        var (key, _) = await store.CreateAsync("Phòng điều hành", "quantri", "phong-hop");

        await store.SetPlaylistAsync(key.Id, "  ", "quantri");

        Assert.Null(await store.PlaylistOfAsync(key.Id));
    }
}

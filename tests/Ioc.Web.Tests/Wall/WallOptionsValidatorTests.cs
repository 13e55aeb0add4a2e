using Ioc.Web.Features.Wall;

namespace Ioc.Web.Tests.Wall;

/// <summary>A wrong wall configuration is named precisely, at start and on reload.</summary>
public sealed class WallOptionsValidatorTests
{
    private static WallOptions Valid() => new()
    {
        Scenes = WallOptions.DefaultScenes(),
        Playlists = [new() { Name = "phong-hop", Scenes = ["province", "trends"] }],
    };

    [Fact]
    public void Check_DefaultScenesAndAPlaylist_Valid() => Assert.True(new WallOptionsValidator().Check(Valid()).Succeeded);

    [Theory]
    [InlineData("playlist-scene", "no scene has the key 'khong-co'")]
    [InlineData("from", "From must be a time of day written HH:mm")]
    [InlineData("seconds", "Seconds must be between 0 and 3600")]
    [InlineData("duplicate", "the key 'province' is used twice")]
    [InlineData("tile", "unknown tile 'khong-co'")]
    [InlineData("indicator", "unknown ranking indicator 'khong-co'")]
    public void Check_OneMistake_SaysWhichAndWhere(string mistake, string message)
    {
        var options = Valid();
        switch (mistake)
        {
            case "playlist-scene": options.Playlists[0].Scenes.Add("khong-co"); break;
            case "from": options.Scenes[0].From = "7h"; break;
            case "seconds": options.Scenes[1].Seconds = 99_999; break;
            case "duplicate": options.Scenes[1].Key = "province"; break;
            case "tile": options.Scenes[0].Tiles.Add("khong-co"); break;
            case "indicator": options.Scenes[1].Indicator = "khong-co"; break;
        }

        var result = new WallOptionsValidator().Check(options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}

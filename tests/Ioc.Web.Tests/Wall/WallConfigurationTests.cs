using Ioc.Testing;
using Ioc.Web.Features.Wall;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ioc.Web.Tests.Wall;

/// <summary>An edited settings file reaches open walls; a wrong one is refused and the walls keep the last good configuration.</summary>
public sealed class WallConfigurationTests
{
    private static string Settings(string title, int seconds) =>
        $$"""{ "Wall": { "Scenes": [ { "Key": "province", "Title": "{{title}}", "Kind": "Tiles", "Tiles": [ "received-today" ], "Seconds": {{seconds}} } ] } }""";

    [Fact]
    public async Task SettingsFileEdited_ValidChangeArrives_InvalidChangeRefusedAndLogged()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("wall.json");
        File.WriteAllText(file, Settings("Trước", 10));
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: true).Build();
        var log = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.AddProvider(log))
            .AddIocWall()
            .BuildServiceProvider();
        var wall = services.GetRequiredService<WallConfiguration>();
        var changes = new List<WallOptions>();
        using var _ = wall.OnChanged(changes.Add);
        Assert.Equal("Trước", wall.Current.Scenes[0].Title);

        File.WriteAllText(file, Settings("Sau", 10));
        await WaitForAsync(() => changes.Count == 1);
        Assert.Equal("Sau", wall.Current.Scenes[0].Title);

        File.WriteAllText(file, Settings("Sai", 99_999));
        await WaitForAsync(() => log.Entries.Any(e => e.Level == LogLevel.Error));
        Assert.Equal("Sau", wall.Current.Scenes[0].Title);
        Assert.Single(changes);
        Assert.Contains(log.Entries, e => e.Message.Contains("Seconds must be between 0 and 3600", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition());
    }
}

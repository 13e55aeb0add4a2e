using Bunit;
using Ioc.Web.Components.Layout;
using Ioc.Web.Features.Wall;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Ioc.Web.Tests.Wall;

/// <summary>The wall's theme, rendered once and shared, looks exactly as a MudThemeProvider on the wall did.</summary>
public sealed class WallThemeStyleTests : IocTestContext
{
    [Fact]
    public async Task GetAsync_TheDarkIocTheme_SameStyleAsMudThemeProviderAndOneStringForEveryWall()
    {
        var provider = Render<MudThemeProvider>(p => p.Add(t => t.Theme, IocTheme.Default).Add(t => t.IsDarkMode, true));
        var style = new WallThemeStyle(Services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);

        var first = await style.GetAsync();
        var second = await style.GetAsync();

        Assert.Contains("--mud-palette-background", first.Value, StringComparison.Ordinal);
        provider.MarkupMatches(first.Value);
        Assert.Same(first.Value, second.Value);
    }
}

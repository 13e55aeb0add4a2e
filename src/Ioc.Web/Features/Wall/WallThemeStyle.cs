using Ioc.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// The wall's MudBlazor theme (IocTheme, dark) as the &lt;style&gt; element MudThemeProvider writes,
/// rendered once per process by MudThemeProvider itself and shared by every wall circuit. With a
/// MudThemeProvider in the wall's layout each circuit built the same CSS variables again (about a
/// hundred colour objects and a 12,500-character string, 25 KiB, seen per page in a heap dump of 20 open
/// walls) and kept them for the circuit's life; the wall has nothing that switches theme or mode.
/// </summary>
public sealed class WallThemeStyle(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<Task<MarkupString>> _style = new(() => RenderAsync(scopes, loggers));

    public Task<MarkupString> GetAsync() => _style.Value;

    private static async Task<MarkupString> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        // Its own scope: MudThemeProvider's scoped services (JS runtime and the like) are never called in a static render.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = IocTheme.Default,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        return new MarkupString(html);
    }
}

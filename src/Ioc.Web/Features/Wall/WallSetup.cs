using Ioc.Data;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

public static class WallSetup
{
    /// <summary>The wall's options (checked at start, followed live on reload) and its services.</summary>
    public static IServiceCollection AddIocWall(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<WallOptions>, WallOptionsValidator>();
        services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).PostConfigure<IServiceProvider>(WithDefaultScenes).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WallOptions>(WallConfiguration.LiveName).BindConfiguration(WallOptions.Section).PostConfigure<IServiceProvider>(WithDefaultScenes);
        services.AddSingleton<WallConfiguration>();
        services.AddSingleton<WallThemeStyle>();
        return services;
    }

    /// <summary>Without scenes in the configuration, a province's default wall, or the national one when the country is the root.</summary>
    private static void WithDefaultScenes(WallOptions o, IServiceProvider services)
    {
        if (o.Scenes.Count == 0)
        {
            // The catalog is loaded before the host starts and first builds these options; a test host without one gets the province's wall.
            var national = services.GetService<CatalogHolder>() is { IsLoaded: true } holder && holder.Catalog.Units.IsNational;
            o.Scenes = national ? WallOptions.NationalScenes() : WallOptions.DefaultScenes();
        }
    }
}

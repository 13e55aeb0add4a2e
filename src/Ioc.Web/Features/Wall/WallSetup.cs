using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

public static class WallSetup
{
    /// <summary>The wall's options (checked at start, followed live on reload) and its services.</summary>
    public static IServiceCollection AddIocWall(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<WallOptions>, WallOptionsValidator>();
        services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).PostConfigure(WithDefaultScenes).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WallOptions>(WallConfiguration.LiveName).BindConfiguration(WallOptions.Section).PostConfigure(WithDefaultScenes);
        services.AddSingleton<WallConfiguration>();
        return services;
    }

    private static void WithDefaultScenes(WallOptions o)
    {
        if (o.Scenes.Count == 0)
        {
            o.Scenes = WallOptions.DefaultScenes();
        }
    }
}

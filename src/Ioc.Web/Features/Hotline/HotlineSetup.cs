using Ioc.Aggregation.Hotline;

namespace Ioc.Web.Features.Hotline;

public static class HotlineSetup
{
    /// <summary>The triage workbench: read and command services, and the suggestion model trained in this process.</summary>
    public static WebApplicationBuilder AddHotlineWorkbench(this WebApplicationBuilder builder)
    {
        builder.AddIocHotlineLearning();
        builder.Services.AddSingleton<HotlineWorkbench>();
        return builder;
    }
}

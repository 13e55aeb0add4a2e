using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ioc.Aggregation.Health;
using Ioc.Web.Components;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Exports;
using Ioc.Web.Features.Hotline;
using Ioc.Web.Features.Map;
using Ioc.Web.Features.Wall;
using Ioc.Web.Live;
using Ioc.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using MudBlazor.Services;

namespace Ioc.Web.Extensions;

public static class WebExtensions
{
    public static WebApplicationBuilder AddIocWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // A wall that lost its network for a while should find its circuit again, not start over.
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(20);
            o.DisconnectedCircuitMaxRetained = 500;
        }).AddHubOptions(o =>
        {
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
        });
        builder.Services.AddOptions<PageConnectionOptions>().BindConfiguration(PageConnectionOptions.Section);
        builder.Services.AddSingleton<KpiHubClient>();
        builder.Services.AddSingleton<Features.Alerts.AlertFeed>();
        builder.Services.AddSingleton<Features.Alerts.AlertMarkers>();
        builder.Services.AddSingleton<Features.Alerts.NotableMarkers>();
        builder.Services.AddSingleton<Features.Units.UnitTables>();
        builder.Services.AddSingleton<Features.Units.ScoreLosses>();
        builder.Services.AddSingleton<Features.Overview.AttentionQuery>();
        builder.Services.AddOptions<Features.Overview.AttentionOptions>().BindConfiguration(Features.Overview.AttentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Features.Admin.UserAdministration>();
        builder.Services.AddIocWall();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KpiHubClient>());
        builder.Services.AddMudServices();
        // Vietnamese text goes out as UTF-8, not as &#x...; entities on every diacritic.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton<UiText>();
        builder.AddIocKeyRing();
        builder.AddIocAccounts();
        builder.AddHotlineWorkbench();
        builder.AddCommuneMap();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddOptions<KpiThresholds>().BindConfiguration(KpiThresholds.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddIocHealthChecks().AddCheck<HubLinkHealthCheck>(HealthEndpoints.HubLink);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitMetrics>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(UiText.Vietnamese);
            o.SupportedCultures = UiText.Supported;
            o.SupportedUICultures = UiText.Supported;
            // Only an explicit choice (cookie or ?culture=) switches language; browsers of IOC staff are often English.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication MapIocWeb(this WebApplication app)
    {
        // In every environment, including the Development one the demo runs in: people see the error
        // page (or problem details) with a request id, never a stack trace.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseIocSecurity();
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapIocHealth();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = UiText.Supported.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? UiText.Vietnamese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            // Only local paths: an open redirect would let a link send staff elsewhere.
            return Results.LocalRedirect(LocalReturnUrl.OrHome(returnUrl));
        });
        app.MapIocAccounts();
        app.MapExportEndpoints();
        app.MapCommuneMap();
        app.MapHotlineExport();
        var connections = app.Services.GetRequiredService<IOptions<PageConnectionOptions>>().Value;
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(connections.ApplyTo);
        return app;
    }
}

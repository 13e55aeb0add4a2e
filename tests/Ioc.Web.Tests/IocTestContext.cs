using System.Globalization;
using Bunit;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ioc.Web.Tests;

/// <summary>
/// The one bUnit context of the web tests: MudBlazor services with loose JS interop, the app's UI
/// text, default thresholds, and the reader's culture (vi-VN unless a test says otherwise).
/// </summary>
public abstract class IocTestContext : BunitContext
{
    protected IocTestContext(string culture = "vi-VN")
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<UiText>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new KpiThresholds()));
    }
}

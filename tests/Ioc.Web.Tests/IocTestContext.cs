using System.Globalization;
using Bunit;
using Ioc.Web.Components.Shared;
using Ioc.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ioc.Web.Tests;

/// <summary>
/// The one bUnit context of the web tests: MudBlazor services without transitions, loose JS
/// interop (components may call JS; tests check what they render), the app's UI text, default
/// thresholds, and the reader's culture (vi-VN unless a test says otherwise). Disposed
/// asynchronously, because some MudBlazor services only implement IAsyncDisposable.
/// </summary>
public abstract class IocTestContext : BunitContext, IAsyncLifetime
{
    protected IocTestContext(string culture = "vi-VN")
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddSingleton<UiText>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new KpiThresholds()));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}

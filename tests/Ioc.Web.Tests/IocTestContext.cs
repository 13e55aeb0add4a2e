using System.Globalization;
using Bunit;
using Ioc.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Ioc.Web.Tests;

/// <summary>
/// The one bUnit context of the web tests: MudBlazor services without transitions, loose JS
/// interop (components may call JS; tests check what they render), the UI texts, and the
/// Vietnamese culture the app defaults to.
/// </summary>
public abstract class IocTestContext : BunitContext
{
    protected IocTestContext()
    {
        CultureInfo.CurrentCulture = UiText.Vietnamese;
        CultureInfo.CurrentUICulture = UiText.Vietnamese;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddSingleton<UiText>();
    }
}

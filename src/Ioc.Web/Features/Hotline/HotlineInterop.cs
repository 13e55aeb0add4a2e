using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The workbench's browser side (HotlinePage.razor.js): keyboard shortcuts, keeping the operator's
/// row in place, focus in dialogs, the arrival chime. Everything but the first import is a nicety:
/// a slow or vanished browser must not break the page, so calls time out and failures are false.
/// </summary>
public sealed class HotlineInterop(IJSRuntime js) : IAsyncDisposable
{
    /// <summary>A browser that does not answer this fast is gone or busy: live updates do not wait for it.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private IJSObjectReference? _module;
    private IJSObjectReference? _shortcuts;
    private IDisposable? _target;

    public bool IsReady => _module is not null;

    /// <summary>Loads the module and sends the keys of <see cref="HotlineShortcuts"/> to <paramref name="target"/>'s <c>OnShortcut</c>.</summary>
    public async Task AttachAsync<T>(T target) where T : class
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Features/Hotline/HotlinePage.razor.js");
        var reference = DotNetObjectReference.Create(target);
        _target = reference;
        _shortcuts = await _module.InvokeAsync<IJSObjectReference>("attachShortcuts", reference, HotlineShortcuts.ScriptMap);
    }

    public Task<bool> CaptureAnchorAsync(ElementReference queue, string? selected) => CallAsync("captureAnchor", queue, selected);

    public Task<bool> RestoreAnchorAsync(ElementReference queue) => CallAsync("restoreAnchor", queue);

    public Task<bool> RevealRowAsync(ElementReference queue, string code) => CallAsync("revealRow", queue, code);

    public Task<bool> FocusSoonAsync(string selector) => CallAsync("focusSoon", selector);

    public Task<bool> ChimeAsync() => CallAsync("chime");

    public Task<bool> RememberSoundAsync(bool on) => CallAsync("rememberSound", on);

    /// <summary>Whether this browser turned the chime on before (off by default).</summary>
    public async Task<bool> SoundRememberedAsync()
    {
        if (_module is not { } module)
        {
            return false;
        }
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await module.InvokeAsync<bool>("soundRemembered", timeout.Token);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> CallAsync(string function, params object?[] args)
    {
        if (_module is not { } module)
        {
            return false;
        }
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await module.InvokeVoidAsync(function, timeout.Token, args);
            return true;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("dispose");
                await _shortcuts.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or ObjectDisposedException or JSException)
        {
            // The browser is gone; so are its listeners.
        }
        finally
        {
            _target?.Dispose();
        }
    }
}

using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using MudBlazor;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The workbench's dialogs: a triage action's form, the phone-call form and the shortcut help,
/// each opened with the focus where the operator's next key belongs.
/// </summary>
public sealed class WorkbenchDialogs(IDialogService dialogs, Func<HotlineInterop?> interop)
{
    private static readonly DialogOptions FormOptions = new()
    {
        CloseOnEscapeKey = true,
        MaxWidth = MaxWidth.Medium,
        DefaultFocus = DefaultFocus.None,
    };

    /// <summary>The form of one action on the panel's ticket; null when cancelled.</summary>
    private IDialogReference? _help;

    public Task<TriageRequest?> AskAsync(TriageAction action, TicketPanelModel panel, Func<string, CancellationToken, Task<IReadOnlyList<Ioc.Domain.Tickets.TicketState>>> searchOriginals) =>
        AskAsync(new DialogParameters<TriageDialog>
        {
            { x => x.Action, action },
            { x => x.Codes, new[] { panel.Ticket.Code } },
            { x => x.Ticket, panel.Ticket },
            { x => x.Suggestion, panel.Suggestion },
            { x => x.Candidates, panel.Candidates },
            { x => x.SearchOriginals, searchOriginals },
        });

    /// <summary>The form of one action on several tickets; null when cancelled.</summary>
    public Task<TriageRequest?> AskBulkAsync(TriageAction action, IReadOnlyList<string> codes) =>
        AskAsync(new DialogParameters<TriageDialog>
        {
            { x => x.Action, action },
            { x => x.Codes, codes },
        });

    /// <summary>The phone-call form; null when cancelled.</summary>
    public async Task<RecordedCall?> AskCallAsync(AccessScope scope)
    {
        var dialog = await dialogs.ShowAsync<RecordCallDialog>(null, new DialogParameters<RecordCallDialog> { { x => x.Scope, scope } }, FormOptions);
        await FocusAsync();
        return await dialog.Result is { Canceled: false, Data: RecordedCall recorded } ? recorded : null;
    }

    /// <summary>The help, once: "?" pressed again (or the button) while it is open does not stack another.</summary>
    public async Task ShowShortcutsAsync()
    {
        if (_help is { Result.IsCompleted: false })
        {
            return;
        }
        _help = await dialogs.ShowAsync<ShortcutsDialog>((string?)null, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small });
    }

    private async Task<TriageRequest?> AskAsync(DialogParameters<TriageDialog> parameters)
    {
        var dialog = await dialogs.ShowAsync<TriageDialog>(null, parameters, FormOptions);
        await FocusAsync();
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TriageRequest request } ? request : null;
    }

    private async Task FocusAsync()
    {
        if (interop() is { } js)
        {
            await js.FocusSoonAsync(".mud-dialog-container [data-autofocus]");
        }
    }
}

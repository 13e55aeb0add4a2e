using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Ioc.Web.Features.Hotline;

/// <summary>A phone call as a ticket in a few keystrokes: type the text (the category is suggested as you type), Tab through the rest, Ctrl+Enter.</summary>
public sealed partial class RecordCallDialog
{
    private readonly CallForm _model = new();
    private TicketSuggestion? _suggestion;
    private string? _problem;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    public required ReferenceCatalog Catalog { get; init; }

    [Inject]
    public required HotlineWorkbench Workbench { get; init; }

    private IEnumerable<Unit> Communes => Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false));

    private string CategoryValue
    {
        get => _model.CategoryId?.ToString(CultureInfo.InvariantCulture) ?? "";
        set => _model.CategoryId = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private string CommuneValue
    {
        get => _model.CommuneId?.ToString(CultureInfo.InvariantCulture) ?? "";
        set => _model.CommuneId = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private void Suggest() => _suggestion = _model.Text.Length >= 12 ? Workbench.SuggestForText(_model.Text, _model.CommuneId) : null;

    private Task SubmitAsync()
    {
        if (string.IsNullOrWhiteSpace(_model.Text))
        {
            _problem = T["Hãy nhập nội dung phản ánh."];
            return Task.CompletedTask;
        }
        Dialog.Close(DialogResult.Ok(new NewCall(_model.Text.Trim())
        {
            CategoryId = _model.CategoryId,
            CommuneId = _model.CommuneId,
            Address = _model.Address,
            ReporterName = _model.ReporterName,
            ReporterPhone = _model.ReporterPhone,
            IsPublic = _model.IsPublic,
            Urgency = _model.Urgency,
        }));
        return Task.CompletedTask;
    }

    private sealed class CallForm
    {
        public string Text { get; set; } = "";
        public int? CategoryId { get; set; }
        public int? CommuneId { get; set; }
        public string? Address { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
        public bool IsPublic { get; set; }
        public TicketUrgency Urgency { get; set; }
    }
}

using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// The form of one triage action, for one ticket or several. Opens on the button that confirms
/// (with the suggestion filled in, "r" then Enter routes), or on the first field to type in; Esc cancels.
/// Returns a <see cref="TriageRequest"/> whose code the page fills in per ticket.
/// </summary>
public sealed partial class TriageDialog
{
    public static readonly IReadOnlyList<string> RejectPresetsVi =
    [
        "Tin nhắn rác, quảng cáo, không phải phản ánh.",
        "Cuộc gọi nhầm, không có nội dung phản ánh.",
        "Nội dung không thuộc phạm vi tiếp nhận của tổng đài 1022.",
        "Không đủ thông tin và không liên hệ được với người phản ánh.",
    ];

    private int? _category;
    private int? _unit;
    private TicketUrgency _urgency;
    private string? _duplicateOf;
    private string _search = "";
    private bool _searched;
    private IReadOnlyList<TicketState> _found = [];
    private CancellationTokenSource? _searching;
    private string? _reason;
    private DateTime? _due;
    private string? _answer;
    private bool? _satisfied;
    private string? _problem;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    public required ReferenceCatalog Catalog { get; init; }

    [Inject]
    public required Microsoft.Extensions.Options.IOptions<HotlineOptions> Options { get; init; }

    [Parameter]
    public TriageAction Action { get; set; }

    [Parameter]
    public IReadOnlyList<string> Codes { get; set; } = [];

    /// <summary>The ticket, when the action is for one.</summary>
    [Parameter]
    public TicketState? Ticket { get; set; }

    [Parameter]
    public TicketSuggestion? Suggestion { get; set; }

    [Parameter]
    public IReadOnlyList<DuplicateCandidate> Candidates { get; set; } = [];

    /// <summary>Finds tickets by code or words, for picking an original that is not among the candidates.</summary>
    [Parameter]
    public Func<string, CancellationToken, Task<IReadOnlyList<TicketState>>>? SearchOriginals { get; set; }

    /// <summary>
    /// Where the operator's next key goes when the dialog opens (the element marked data-autofocus):
    /// the text to type, or the button that confirms what is already filled in, so that "r" then
    /// Enter routes as suggested.
    /// </summary>
    public static bool TypeFirst(TriageAction action) =>
        action is TriageAction.Reject or TriageAction.AwaitInfo or TriageAction.ReturnToTriage or TriageAction.SetDue or TriageAction.Answer;

    private IEnumerable<string> RejectPresets => RejectPresetsVi.Select(p => T[p]);

    private string Title => Codes.Count == 1 ? T.Format("{0} · phiếu {1}", HotlineText.Action(Action), Codes[0]) : T.Format("{0} · {1} phiếu", HotlineText.Action(Action), Codes.Count);

    private string SubmitLabel => Action switch
    {
        TriageAction.Route => T["Chuyển xử lý (Enter)"],
        TriageAction.MarkDuplicate => T["Gộp vào phiếu gốc (Enter)"],
        _ => T["Ghi nhận (Enter)"],
    };

    private string CategoryValue
    {
        get => _category?.ToString(CultureInfo.InvariantCulture) ?? "";
        set
        {
            _category = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
            // A new category brings its usual unit, unless the operator already chose one.
            if (Action == TriageAction.Route && _category is int c && _unit is null && Suggestion?.CategoryId == c)
            {
                _unit = Suggestion.UnitId;
            }
        }
    }

    private string UnitValue
    {
        get => _unit?.ToString(CultureInfo.InvariantCulture) ?? "";
        set => _unit = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private IEnumerable<(string Label, IReadOnlyList<Unit> Units)> UnitGroups
    {
        get
        {
            var vi = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
            var all = Catalog.Units.All.Where(u => u.ParentId is not null).ToList();
            yield return (T["Sở, ban, ngành"], [.. all.Where(u => u.Kind is UnitKind.Department or UnitKind.Agency).OrderBy(u => u.Name, vi)]);
            var districts = all.Where(u => u.Kind == UnitKind.District).OrderBy(u => u.Name, vi).ToList();
            if (districts.Count > 0)
            {
                yield return (T["Cấp huyện (dữ liệu cũ)"], districts);
            }
            yield return (T["Xã, phường, đặc khu"], [.. all.Where(u => u.IsLocal).OrderBy(u => u.Name, vi)]);
        }
    }

    protected override void OnInitialized()
    {
        _urgency = Ticket?.Urgency ?? TicketUrgency.Normal;
        _category = Ticket?.CategoryId ?? Suggestion?.CategoryId;
        if (Action == TriageAction.Route)
        {
            _unit = Ticket?.UnitId ?? (Suggestion is { } s && s.CategoryId == _category ? s.UnitId : null);
        }
        if (Action == TriageAction.MarkDuplicate)
        {
            _duplicateOf = (Candidates.FirstOrDefault(c => Ticket is null || c.Ticket.CreatedAt <= Ticket.CreatedAt) ?? Candidates.FirstOrDefault())?.Ticket.Code;
        }
        if (Action == TriageAction.Reject && (Suggestion?.LooksRejected == true || Codes.Count > 1))
        {
            _reason = T[RejectPresetsVi[0]];
        }
        if (Action == TriageAction.SetDue && Ticket is not null)
        {
            _due = ProvinceTime.ToLocal(Ticket.DueAt).DateTime;
        }
    }

    private async Task SearchOriginalsAsync()
    {
        _searching?.Cancel();
        if (SearchOriginals is null || string.IsNullOrWhiteSpace(_search))
        {
            _found = [];
            _searched = false;
            return;
        }
        var cts = _searching = new CancellationTokenSource();
        try
        {
            await Task.Delay(250, cts.Token);
            _found = await SearchOriginals(_search, cts.Token);
            _searched = true;
            if (_found.Count == 1 && !Codes.Contains(_found[0].Code))
            {
                _duplicateOf = _found[0].Code;
            }
        }
        catch (OperationCanceledException)
        {
            // Typed on: a newer search follows.
        }
    }

    /// <summary>The answer templates of the ticket's category, then those for every category.</summary>
    private IReadOnlyList<string> Templates
    {
        get
        {
            var all = Options.Value.AnswerTemplates;
            var code = Ticket?.CategoryId is int c ? Catalog.FindCategory(c)?.Code : null;
            return [.. (code is not null && all.TryGetValue(code, out var own) ? own : []).Concat(all.TryGetValue("*", out var common) ? common : [])];
        }
    }

    /// <summary>A template with this ticket's facts in place of {ma}, {ngay}, {noi} and {don_vi}.</summary>
    public static string Fill(string template, TicketState? ticket, ReferenceCatalog catalog)
    {
        if (ticket is null)
        {
            return template;
        }
        var place = !string.IsNullOrWhiteSpace(ticket.Address) ? ticket.Address
            : ticket.CommuneId is int m ? catalog.Units.Find(m)?.Name ?? "" : "";
        var unit = ticket.UnitId is int u ? catalog.Units.Find(u)?.Name ?? "" : "";
        return template
            .Replace("{ma}", ticket.Code, StringComparison.Ordinal)
            .Replace("{ngay}", ProvinceTime.ToLocal(ticket.CreatedAt).ToString("dd/MM/yyyy", CultureInfo.GetCultureInfo("vi-VN")), StringComparison.Ordinal)
            .Replace("{noi}", place, StringComparison.Ordinal)
            .Replace("{don_vi}", unit, StringComparison.Ordinal);
    }

    private string Fill(string template) => Fill(template, Ticket, Catalog);

    private static string Preview(string template) => template.Length > 60 ? template[..60] + "…" : template;

    private async Task ChooseAsync(System.Action choose)
    {
        choose();
        await SubmitAsync();
    }

    private Task SubmitAsync()
    {
        _problem = Validate();
        if (_problem is null)
        {
            Dialog.Close(DialogResult.Ok(new TriageRequest(Action, "")
            {
                CategoryId = _category,
                UnitId = _unit,
                Urgency = _urgency,
                DuplicateOf = _duplicateOf?.Trim(),
                Reason = _reason?.Trim(),
                DueAt = _due is DateTime due ? new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Unspecified), ProvinceTime.Offset) : null,
                Answer = _answer?.Trim(),
                Satisfied = _satisfied,
            }));
        }
        return Task.CompletedTask;
    }

    private string? Validate() => Action switch
    {
        TriageAction.Route when _category is null => T["Hãy chọn lĩnh vực trước khi chuyển xử lý."],
        TriageAction.Route when _unit is null => T["Hãy chọn đơn vị chủ trì xử lý."],
        TriageAction.Classify when _category is null && Ticket?.Urgency == _urgency => T["Hãy chọn lĩnh vực hoặc mức độ khẩn."],
        TriageAction.MarkDuplicate when string.IsNullOrWhiteSpace(_duplicateOf) => T["Hãy chọn hoặc nhập mã phiếu gốc."],
        TriageAction.MarkDuplicate when Codes.Contains(_duplicateOf!.Trim()) => T["Phiếu gốc phải là một phiếu khác."],
        TriageAction.Reject or TriageAction.AwaitInfo or TriageAction.ReturnToTriage when string.IsNullOrWhiteSpace(_reason) => T["Hãy nhập lý do."],
        TriageAction.SetDue when _due is null || string.IsNullOrWhiteSpace(_reason) => T["Hãy nhập hạn xử lý và lý do."],
        TriageAction.Answer when string.IsNullOrWhiteSpace(_answer) => T["Hãy nhập nội dung trả lời."],
        TriageAction.Rate when _satisfied is null => T["Hãy chọn người dân hài lòng hay không."],
        _ => null,
    };

    private void Cancel() => Dialog.Cancel();
}

using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Hotline;

/// <summary>One ticket in full: facts, text, SLA, suggestion, possible duplicates, the actions the workflow allows, and the action log.</summary>
public sealed partial class TicketPanel
{
    [Parameter, EditorRequired]
    public TicketPanelModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public TicketWorkflow Workflow { get; set; } = default!;

    [Parameter, EditorRequired]
    public ReferenceCatalog Catalog { get; set; } = default!;

    [Parameter]
    public DateTimeOffset Now { get; set; }

    /// <summary>An action is being submitted: buttons wait.</summary>
    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<TriageAction> OnAction { get; set; }

    [Parameter]
    public EventCallback<DuplicateCandidate> OnLink { get; set; }

    [Parameter]
    public EventCallback<string> OnOpen { get; set; }

    /// <summary>The keys of <see cref="HotlinePage"/>'s shortcuts, shown on the buttons.</summary>
    public static string? Shortcut(TriageAction action) => HotlineShortcuts.KeyOf(action);

    /// <summary>
    /// Words, not the model's probability: naive Bayes is sure of itself far more often than it is
    /// right, and "100 %" would tell the operator not to look.
    /// </summary>
    private string Confidence(double probability) => probability switch
    {
        >= 0.9 => T["rất có thể"],
        >= 0.6 => T["khá chắc"],
        _ => T["chưa chắc, hãy xem kỹ"],
    };

    private static bool Primary(TriageAction action) => action is TriageAction.Route or TriageAction.Answer;

    private string UnitReason(TicketSuggestion s) => s.UnitBasis switch
    {
        UnitBasis.LearnedCommune => T.Format("{0} phiếu lĩnh vực này đã được chuyển cho xã/phường nơi xảy ra ({1} phiếu).", Format.Percent(s.UnitShare), Format.Number(s.UnitSample)),
        UnitBasis.LearnedUnit => T.Format("{0} phiếu lĩnh vực này đã được chuyển cho đơn vị này ({1} phiếu).", Format.Percent(s.UnitShare), Format.Number(s.UnitSample)),
        _ => T["Theo danh mục lĩnh vực (chưa có phiếu nào được chuyển)."],
    };

    private string? HistoryDetail(TicketHistoryEntry h)
    {
        var parts = new List<string>();
        if (h.CategoryId is int c && Catalog.FindCategory(c) is { } category)
        {
            parts.Add(T.Format("lĩnh vực: {0}", category.Name));
        }
        if (h.UnitId is int u && Catalog.Units.Find(u) is { } unit)
        {
            parts.Add(T.Format("đơn vị: {0}", unit.Name));
        }
        if (h.Urgency is TicketUrgency urgency)
        {
            parts.Add(T.Format("mức độ: {0}", HotlineText.Urgency(urgency)));
        }
        if (h.DueAt is DateTimeOffset due)
        {
            parts.Add(T.Format("hạn: {0}", HotlineText.Deadline(due)));
        }
        if (h.DuplicateOf is string original)
        {
            parts.Add(T.Format("trùng với {0}", original));
        }
        if (h.Satisfied is bool satisfied)
        {
            parts.Add(satisfied ? T["hài lòng"] : T["không hài lòng"]);
        }
        if (!string.IsNullOrWhiteSpace(h.Reason))
        {
            parts.Add(T.Format("lý do: {0}", h.Reason));
        }
        if (!string.IsNullOrWhiteSpace(h.Answer))
        {
            parts.Add(T.Format("trả lời: {0}", h.Answer.Length > 160 ? h.Answer[..160] + "…" : h.Answer));
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

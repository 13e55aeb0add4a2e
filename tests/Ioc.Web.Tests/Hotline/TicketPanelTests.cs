using Bunit;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

public sealed class TicketPanelTests : IocTestContext
{
    private IRenderedComponent<TicketPanel> Render(TicketPanelModel model, Action<TriageAction>? onAction = null) =>
        Render<TicketPanel>(p => p.Add(x => x.Model, model).Add(x => x.Workflow, Workflow).Add(x => x.Catalog, Catalog).Add(x => x.Now, Monday.AddHours(1))
            .Add(x => x.OnAction, a => onAction?.Invoke(a)));

    [Fact]
    public void Render_ActionsOfTheWorkflow_WithShortcutsAndClickRaisesAction()
    {
        var ticket = Ticket();
        TriageAction? clicked = null;

        var cut = Render(Panel(ticket, reporterInClear: true, actions: TriageCommands.AllowedActions(ticket)), a => clicked = a);

        Assert.Equal(["Classify", "Route", "SetUrgency", "MarkDuplicate", "Reject", "SetDue"], cut.FindAll("[data-action]").Select(b => b.GetAttribute("data-action")));
        Assert.Equal("r", cut.Find("[data-action=Route] kbd").TextContent);
        cut.Find("[data-action=Route]").Click();
        Assert.Equal(TriageAction.Route, clicked);
    }

    [Fact]
    public void Render_History_WhoWhenAndStatusChange()
    {
        var history = new[]
        {
            new TicketHistoryEntry(1, TicketEventKind.Created, Monday, "tongdai.lan", "test", null, TicketStatus.New, 2, null, null, null, null, null, null, null),
            new TicketHistoryEntry(2, TicketEventKind.Routed, Monday.AddHours(1), "tongdai", "web", TicketStatus.New, TicketStatus.Routed, null, 2, TicketUrgency.High, null, null, null, null, null),
        };

        var cut = Render(Panel(Ticket(), history: history));

        var rows = cut.FindAll("[data-history] [data-history-kind]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("16/03/2026 09:00", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("tongdai", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Mới tiếp nhận → Đã chuyển xử lý", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("đơn vị: Sở Tư pháp; mức độ: Cao", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Suggestion_CategoryUnitAndDecidingWords()
    {
        var suggestion = new TicketSuggestion(1, false, 0.97, 3, 0.02, [new Evidence("ngập", 3.1), new Evidence("thoát nước", 2.4)], 3, UnitBasis.LearnedCommune, 0.9, 120, 2_113);

        var cut = Render(Panel(Ticket(category: null), actions: [TriageAction.Route], suggestion: suggestion));

        Assert.Equal("Thoát nước, ngập úng", cut.Find("[data-suggestion-category]").TextContent);
        Assert.Equal("Phường Hạ Long", cut.Find("[data-suggestion-unit]").TextContent);
        Assert.Equal(["ngập", "thoát nước"], cut.FindAll("[data-suggestion-evidence] mark").Select(m => m.TextContent));
        Assert.Equal("(rất có thể)", cut.Find("[data-suggestion-confidence]").TextContent);
        Assert.Contains("90,0 % phiếu lĩnh vực này đã được chuyển cho xã/phường nơi xảy ra (120 phiếu)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DuplicateLinks_BothWays()
    {
        var duplicate = Ticket(code: "B", status: TicketStatus.Duplicate) with { DuplicateOf = "A" };
        var original = Ticket(code: "A");

        var dup = Render(Panel(duplicate));
        var orig = Render(Panel(original, duplicates: [new TicketLink("B", TicketStatus.Duplicate, Monday, 2, "…")]));

        Assert.Equal("A", dup.Find("[data-duplicate-of]").GetAttribute("data-duplicate-of"));
        Assert.Equal("B", orig.Find("[data-duplicate]").TextContent);
    }
}

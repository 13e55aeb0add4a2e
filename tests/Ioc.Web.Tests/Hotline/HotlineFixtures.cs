using Ioc.Aggregation.Hotline;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Ioc.Web.Features.Hotline;

namespace Ioc.Web.Tests.Hotline;

/// <summary>A small province and tickets for component tests.</summary>
public static class HotlineFixtures
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 16, 8, 0, 0, ProvinceTime.Offset);

    public static ReferenceCatalog Catalog { get; } = new(
        new UnitTree(
        [
            new Unit(1, "P", "Tỉnh Quảng Ninh", "Quảng Ninh", UnitKind.Province, null),
            new Unit(2, "STP", "Sở Tư pháp", "STP", UnitKind.Department, 1),
            new Unit(3, "HL", "Phường Hạ Long", "Hạ Long", UnitKind.Ward, 1),
        ]),
        [],
        [
            new HotlineCategory(1, "thoat-nuoc", "Thoát nước, ngập úng", ServiceLevel.Days(2), "commune"),
            new HotlineCategory(2, "dien", "Điện", ServiceLevel.ClockHours(24), "STP"),
            new HotlineCategory(3, "khac", "Lĩnh vực khác", ServiceLevel.Days(10), "STP"),
        ]);

    public static TicketWorkflow Workflow { get; } = new(Catalog, WorkingCalendar.WeekendsOnly);

    public static TicketState Ticket(string code = "1022-260316-0001", string text = "Cống thoát nước bị tắc", int? category = 2, TicketStatus status = TicketStatus.New,
        DateTimeOffset? at = null, string? reporterName = "Nguyễn Văn An", string? reporterPhone = "0912345123") =>
        Workflow.Apply(null, new TicketEvent(TicketEventKind.Created, code, at ?? Monday, Channel: TicketChannel.Phone, CategoryId: category, Text: text,
            CommuneId: 3, ReporterName: reporterName, ReporterPhone: reporterPhone, IsPublic: true)).State! with { Status = status };

    public static TicketPanelModel Panel(TicketState ticket, bool reporterInClear = false, IReadOnlyList<TriageAction>? actions = null,
        IReadOnlyList<TicketHistoryEntry>? history = null, IReadOnlyList<TicketLink>? duplicates = null, TicketSuggestion? suggestion = null) =>
        new(ticket, reporterInClear, history ?? [], duplicates ?? [], suggestion, [], actions ?? []);
}

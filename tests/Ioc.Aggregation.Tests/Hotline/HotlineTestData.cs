using Ioc.Aggregation.Hotline;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>Callers and places of the repository's province, for hotline tests on an <see cref="IngestHarness"/>.</summary>
public sealed class HotlineTestData(IngestHarness harness)
{
    /// <summary>Monday 16/3/2026 09:00, four days before the harness's "now" (Friday 20/3 12:00).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7));

    public ReferenceCatalog Catalog => harness.Catalog;

    public TicketQueries Queries => harness.Services.GetRequiredService<TicketQueries>();





    public TicketSuggester Suggester => harness.Services.GetRequiredService<TicketSuggester>();

    public DuplicateFinder Duplicates => harness.Services.GetRequiredService<DuplicateFinder>();

    public TriageCommands Commands => harness.Services.GetRequiredService<TriageCommands>();

    public TicketHistoryReader History => harness.Services.GetRequiredService<TicketHistoryReader>();

    public Unit Commune(int index = 0) => Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ElementAt(index);

    public Unit Department => Catalog.Units.All.Where(u => u.Kind == UnitKind.Department).OrderBy(u => u.Code, StringComparer.Ordinal).First();

    public HotlineCategory Category(string code) => Catalog.FindCategory(code)!;

    public static readonly AccessScope Operator = new(IocRoles.HotlineStaff, null, "Tổng đài viên");

    public static readonly AccessScope Leader = new(IocRoles.Leader, null, "Lãnh đạo");

    public static AccessScope HeadOf(Unit unit) => new(IocRoles.DepartmentHead, unit.Id, "Thủ trưởng");

    public async Task CreateAsync(string code, string text = "Phản ánh ngập nước tại tổ 3", DateTimeOffset? at = null, string? category = null, Unit? commune = null,
        string channel = "phone", string? reporterName = "Nguyễn Văn An", string? reporterPhone = "0912345123", string? urgency = null)
    {
        var e = Events.TicketCreated(code, at ?? Monday, channel, category, text, (commune ?? Commune()).Code, reporterName, reporterPhone);
        e.Urgency = urgency;
        await IngestOkAsync(e);
    }

    public async Task IngestOkAsync(params IngestEvent[] events)
    {
        var outcome = await harness.IngestAsync(events);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Code}: {e.Message}")));
    }

    public Task RouteAsync(string code, Unit unit, DateTimeOffset at, string category = "thoat-nuoc") =>
        IngestOkAsync(Events.Ticket(EventTypes.TicketRouted, code, at, e =>
        {
            e.Unit = unit.Code;
            e.Category = category;
            e.Actor = "tongdai.lan";
        }));
}

using Ioc.Aggregation.Hotline;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Text;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>
/// The triage queue gives the same tickets and counts on SQLite (FTS5 trigram search) and on PostgreSQL
/// (LIKE on the folded text): search, including a reporter's name only for those who may see reporters,
/// short words as whole words and typed wildcards as characters; filters, scope, sort and paging; the
/// tab counts, lookups, duplicates and code numbering.
/// </summary>
public sealed class TicketQueriesOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Queue_SameTicketsAndCounts_OnBothProviders(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var root = catalog.Units.Root.Id;
        var department = catalog.Units.Children(root)[0].Id;
        var other = catalog.Units.Children(root)[1].Id;
        await SeedAsync(host, department, other, catalog.Categories[0].Id);
        var queries = new TicketQueries(host.Services.GetRequiredService<IQueryDatabase>(), catalog, host.Services.GetRequiredService<ProvinceClock>(),
            Options.Create(new HotlineOptions()));
        var staff = new AccessScope(IocRoles.HotlineStaff, null, "staff");
        var leader = new AccessScope(IocRoles.Leader, null, "leader");
        var head = new AccessScope(IocRoles.DepartmentHead, department, "head");
        async Task<string> Codes(AccessScope scope, TicketQuery query)
        {
            var page = await queries.SearchAsync(scope, query);
            return $"{page.Total}: {string.Join(" ", page.Items.Select(i => i.Ticket.Code))}";
        }
        var byCode = new TicketQuery { Sort = TicketSortField.Code };

        // "ngap" is in two texts and in one reporter's name, which only hotline staff may search on.
        Assert.Equal("3: PAKN-0001 PAKN-0002 PAKN-0004", await Codes(staff, byCode with { Search = "Ngập" }));
        Assert.Equal("2: PAKN-0001 PAKN-0004", await Codes(leader, byCode with { Search = "ngap" }));
        Assert.Equal("1: PAKN-0001", await Codes(leader, byCode with { Search = "ngap le loi 0001" }));
        Assert.Equal("1: PAKN-0002", await Codes(staff, byCode with { Search = "ngõ 3" }));
        Assert.Equal("1: PAKN-0002", await Codes(leader, byCode with { Search = "3 ngo" }));
        Assert.Equal("0: ", await Codes(leader, byCode with { Search = "an" }));
        Assert.Equal("1: PAKN-0001", await Codes(staff, byCode with { Search = "an" }));
        Assert.Equal("1: PAKN-0003", await Codes(leader, byCode with { Search = "100%" }));
        Assert.Equal("0: ", await Codes(leader, byCode with { Search = "10%0" }));
        // A typed underscore is a character, not any character ("thu gom" is in the text).
        Assert.Equal("1: PAKN-0003", await Codes(staff, byCode with { Search = "gom_x" }));
        Assert.Equal("0: ", await Codes(staff, byCode with { Search = "thu_gom" }));
        // Filters, scope, order and paging.
        Assert.Equal("1: PAKN-0001", await Codes(staff, byCode with { Due = TicketDueFilter.Overdue }));
        Assert.Equal("1: PAKN-0002", await Codes(staff, byCode with { Due = TicketDueFilter.DueWithin24Hours }));
        Assert.Equal("2: PAKN-0001 PAKN-0002", await Codes(staff, byCode with { Statuses = TicketQuery.Open }));
        Assert.Equal("1: PAKN-0003", await Codes(staff, byCode with { Lost = TicketShortfall.AnsweredLate }));
        Assert.Equal("2: PAKN-0001 PAKN-0004", await Codes(head, byCode));
        Assert.Equal("0: ", await Codes(head, byCode with { Search = "nguyen van" }));
        Assert.Equal("4: PAKN-0003 PAKN-0002", await Codes(staff, byCode with { Descending = true, Skip = 1, Take = 2 }));
        Assert.Equal("3: PAKN-0001 PAKN-0002 PAKN-0004", await Codes(staff, byCode with { Categories = new HashSet<int> { catalog.Categories[0].Id } }));
        Assert.Equal("1: PAKN-0003", await Codes(staff, byCode with { Uncategorized = true }));

        Assert.Equal(new TicketQueueCounts(1, 2, 1, 1), await queries.CountsAsync(staff));
        Assert.Equal(new TicketQueueCounts(0, 1, 1, 0), await queries.CountsAsync(head));
        Assert.Equal(("PAKN-0002", "Trần Ngập"), ((await queries.FindAsync(staff, "PAKN-0002"))!.Code, (await queries.FindAsync(staff, "PAKN-0002"))!.ReporterName));
        Assert.NotEqual("Trần Ngập", (await queries.FindAsync(leader, "PAKN-0002"))!.ReporterName);
        Assert.Null(await queries.FindAsync(head, "PAKN-0002"));
        Assert.Equal(["PAKN-0001", "PAKN-0003"], (await queries.LoadManyAsync(["PAKN-0001", "PAKN-0003", "PAKN-9999"])).Keys.Order());
        Assert.Equal(["PAKN-0004"], (await queries.DuplicatesOfAsync(staff, "PAKN-0001")).Select(l => l.Code));
        Assert.Equal(4, await queries.CountWithPrefixAsync("PAKN-000"));
        Assert.Equal(0, await queries.CountWithPrefixAsync("PAKN-1"));
    }

    private static async Task SeedAsync(ProviderHost host, int department, int other, int category)
    {
        long At(double hours) => Now.AddHours(hours).ToUnixTimeMilliseconds();
        TicketRow Row(string code, string text, string? name, string? phone, int unit, TicketStatus status, bool open, double createdHours, double dueHours) => new()
        {
            Code = code, Text = text, ReporterName = name, ReporterPhone = phone, UnitId = unit, Status = status, IsOpen = open,
            CategoryId = category, CreatedAt = At(createdHours), DueAt = At(dueHours), LastEventAt = At(createdHours),
            // As the writer folds it (StateStore.SearchTextOf): code, text, then the reporter's name and phone last.
            SearchText = SearchText.Fold(string.Join(' ', new[] { code, text, name, phone }.Where(x => !string.IsNullOrEmpty(x)))),
        };
        await host.ReadAsync(async db =>
        {
            db.Tickets.AddRange(
                Row("PAKN-0001", "Phản ánh ngập nước đường Lê Lợi", "Nguyễn Văn An", "0901234567", department, TicketStatus.InProgress, true, -48, -2),
                Row("PAKN-0002", "Đèn đường hỏng ở ngõ 3", "Trần Ngập", "0912000111", other, TicketStatus.New, true, -24, 10),
                Row("PAKN-0003", "Rác thải 100% chưa thu gom_x", null, null, other, TicketStatus.Closed, false, -24, -1),
                Row("PAKN-0004", "Ngập nước Lê Lợi", null, null, department, TicketStatus.Duplicate, false, -20, 30));
            await db.SaveChangesAsync();
            var late = await db.Tickets.FindAsync("PAKN-0003");
            (late!.AnsweredAt, late.AnsweredOnTime, late.CategoryId) = (At(-2), false, null);
            (await db.Tickets.FindAsync("PAKN-0004"))!.DuplicateOf = "PAKN-0001";
            return await db.SaveChangesAsync();
        });
    }
}

using Ioc.Aggregation.Hotline;
using Ioc.Contracts;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

public sealed class TicketQueriesTests
{
    private static async Task<(IngestHarness Harness, HotlineTestData Data)> CreateAsync()
    {
        var h = await IngestHarness.CreateAsync();
        return (h, new HotlineTestData(h));
    }

    private static IReadOnlyList<string> Codes(TicketPage page) => [.. page.Items.Select(i => i.Ticket.Code)];

    [Theory]
    [InlineData("phan anh ngap nuoc")]
    [InlineData("PHẢN ÁNH NGẬP")]
    [InlineData("ngập  nước   phản")]
    [InlineData("đường trần hưng đạo")]
    [InlineData("duong tran hung dao")]
    [InlineData("1022-A")]
    public async Task SearchAsync_WordsWithOrWithoutDiacritics_FindTicket(string search)
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", "Phản ánh ngập nước trên Đường Trần Hưng Đạo");
        await d.CreateAsync("1022-B", "Đèn đường hỏng");

        var page = await d.Queries.SearchAsync(Operator, new TicketQuery { Search = search });

        Assert.Equal(["1022-A"], Codes(page));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task SearchAsync_ShortWords_MatchedToo()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", "Rác tồn đọng ở tổ 3, khu 5", reporterPhone: "0912345678");
        await d.CreateAsync("1022-B", "Rác tồn đọng ở tổ 4, khu 3", reporterPhone: "0912345678");

        Assert.Equal(["1022-A"], Codes(await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "rac khu 5" })));
        Assert.Equal(["1022-B"], Codes(await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "Tổ 4" })));
    }

    [Fact]
    public async Task SearchAsync_AfterManyEventsOfATicket_IndexHasNoStaleEntries()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", "Cống thoát nước bị tắc");
        await d.RouteAsync("1022-A", d.Commune(), Monday.AddHours(1));
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAccepted, "1022-A", Monday.AddHours(2)));
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAnswered, "1022-A", Monday.AddHours(3), e => e.Answer = "Đã nạo vét"));

        var page = await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "cong thoat" });

        Assert.Equal(["1022-A"], Codes(page));
        Assert.Equal(TicketStatus.Answered, page.Items[0].Ticket.Status);
        await using var c = await h.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM TicketSearch WHERE TicketSearch MATCH '\"cong\"'";
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task SearchAsync_SearchTextRewritten_IndexFollowsIt()
    {
        // A ticket's search text changes when a name it holds changes (a commune renamed in the unit
        // file, then the ticket's next event): the index must drop the old words and find the new.
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", "Cống thoát nước bị tắc");
        await using (var c = await h.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE Tickets SET SearchText = '1022-a den duong hong' WHERE Code = '1022-A'";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        Assert.Empty(Codes(await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "cong thoat" })));
        Assert.Equal(["1022-A"], Codes(await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "den duong" })));
    }

    [Fact]
    public async Task SearchAsync_ReporterPhone_FoundByOperatorsOnly()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", reporterPhone: "0987654321");
        await d.RouteAsync("1022-A", d.Commune(), Monday.AddHours(1));

        Assert.Equal(["1022-A"], Codes(await d.Queries.SearchAsync(Operator, new TicketQuery { Search = "0987654321" })));
        Assert.Empty(Codes(await d.Queries.SearchAsync(Leader, new TicketQuery { Search = "0987654321" })));
        Assert.Empty(Codes(await d.Queries.SearchAsync(HeadOf(d.Commune()), new TicketQuery { Search = "nguyen van an" })));
        Assert.Equal(["1022-A"], Codes(await d.Queries.SearchAsync(HeadOf(d.Commune()), new TicketQuery { Search = "ngap nuoc" })));
    }

    [Fact]
    public async Task SearchAsync_List_MasksReporterEvenForOperatorsAndCutsLongText()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        var text = "Nước thải tràn ra đường. " + new string('x', 2_000);
        await d.CreateAsync("1022-A", text, reporterName: "Trần Thị Bình", reporterPhone: "0912 345 123");

        var item = (await d.Queries.SearchAsync(Operator, new TicketQuery())).Items.Single();

        Assert.Equal("09xx xxx 123", item.Ticket.ReporterPhone);
        Assert.Equal("T*** T** B***", item.Ticket.ReporterName);
        Assert.Equal(text.Length, item.TextLength);
        Assert.Equal(new HotlineOptions().QueueTextLength, item.Ticket.Text.Length);
    }

    [Fact]
    public async Task FindAsync_ReporterInClearForOperatorsOnly_AndDepartmentHeadsOnlyTheirOwn()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", reporterName: "Trần Thị Bình", reporterPhone: "0912345123");
        await d.CreateAsync("1022-B");
        await d.RouteAsync("1022-A", d.Commune(), Monday.AddHours(1));
        await d.RouteAsync("1022-B", d.Commune(1), Monday.AddHours(1));

        Assert.Equal("0912345123", (await d.Queries.FindAsync(Operator, "1022-A"))!.ReporterPhone);
        Assert.Equal("09xx xxx 123", (await d.Queries.FindAsync(Leader, "1022-A"))!.ReporterPhone);
        Assert.Equal("T*** T** B***", (await d.Queries.FindAsync(HeadOf(d.Commune()), "1022-A"))!.ReporterName);
        Assert.Null(await d.Queries.FindAsync(HeadOf(d.Commune()), "1022-B"));
        Assert.Equal(["1022-A"], Codes(await d.Queries.SearchAsync(HeadOf(d.Commune()), new TicketQuery())));
    }

    [Fact]
    public async Task SearchAsync_Filters_EachNarrowsTheQueue()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        // Harness "now" is Friday 20/3 12:00. Thoát nước has a 2-working-day SLA; điện runs 24 clock hours.
        await d.CreateAsync("1022-OLD", at: Monday, category: "thoat-nuoc", commune: d.Commune(0), channel: "zalo");          // due Wed 18/3: overdue
        await d.CreateAsync("1022-SOON", at: Monday.AddDays(3).AddHours(4), category: "dien", commune: d.Commune(1), urgency: "high"); // Thu 13:00 + 24 h (urgent would be 4 h)
        await d.CreateAsync("1022-NEW", at: Monday.AddDays(4), commune: d.Commune(1));                                       // uncategorized, 10 days
        await d.CreateAsync("1022-DONE", at: Monday, category: "thoat-nuoc", commune: d.Commune(2));
        await d.RouteAsync("1022-DONE", d.Department, Monday.AddHours(1));
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAnswered, "1022-DONE", Monday.AddHours(2), e => e.Answer = "Đã xử lý"));

        async Task<IReadOnlyList<string>> Q(TicketQuery q) => Codes(await d.Queries.SearchAsync(Operator, q with { Sort = TicketSortField.Code }));

        Assert.Equal(["1022-NEW", "1022-OLD", "1022-SOON"], await Q(new TicketQuery { Statuses = TicketQuery.Open }));
        Assert.Equal(["1022-DONE"], await Q(new TicketQuery { Statuses = new HashSet<TicketStatus> { TicketStatus.Answered } }));
        Assert.Equal(["1022-OLD"], await Q(new TicketQuery { Due = TicketDueFilter.Overdue }));
        Assert.Equal(["1022-SOON"], await Q(new TicketQuery { Due = TicketDueFilter.DueWithin24Hours }));
        Assert.Equal(["1022-NEW"], await Q(new TicketQuery { Uncategorized = true }));
        Assert.Equal(["1022-DONE", "1022-NEW", "1022-OLD"], await Q(new TicketQuery { Uncategorized = true, Categories = new HashSet<int> { d.Category("thoat-nuoc").Id } }));
        Assert.Equal(["1022-OLD"], await Q(new TicketQuery { Channels = new HashSet<TicketChannel> { TicketChannel.Zalo } }));
        Assert.Equal(["1022-SOON"], await Q(new TicketQuery { Urgencies = new HashSet<TicketUrgency> { TicketUrgency.High } }));
        Assert.Equal(["1022-NEW", "1022-SOON"], await Q(new TicketQuery { CommuneId = d.Commune(1).Id }));
        Assert.Equal(["1022-DONE"], await Q(new TicketQuery { UnitId = d.Catalog.Units.Root.Id }));
        Assert.Equal(["1022-NEW", "1022-SOON"], await Q(new TicketQuery { CreatedFrom = new DateOnly(2026, 3, 19), CreatedTo = new DateOnly(2026, 3, 20) }));
        Assert.Equal(["1022-DONE", "1022-OLD"], await Q(new TicketQuery { CreatedTo = new DateOnly(2026, 3, 16) }));

        var counts = await d.Queries.CountsAsync(Operator);
        Assert.Equal(new TicketQueueCounts(NeedsTriage: 3, Open: 3, Overdue: 1, DueWithin24Hours: 1), counts);
    }

    [Fact]
    public async Task SearchAsync_SortAndPage_StableOrderAndTotal()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        for (var i = 0; i < 7; i++)
        {
            await d.CreateAsync($"1022-{i}", at: Monday.AddHours(i), category: i % 2 == 0 ? "thoat-nuoc" : "dat-dai");
        }

        var byDue = await d.Queries.SearchAsync(Operator, new TicketQuery { Sort = TicketSortField.DueAt, Take = 3 });
        var second = await d.Queries.SearchAsync(Operator, new TicketQuery { Sort = TicketSortField.DueAt, Take = 3, Skip = 3 });
        var newest = await d.Queries.SearchAsync(Operator, new TicketQuery { Sort = TicketSortField.CreatedAt, Descending = true, Take = 2 });

        Assert.Equal(7, byDue.Total);
        Assert.Equal(["1022-0", "1022-2", "1022-4"], Codes(byDue));
        Assert.Equal(["1022-6", "1022-1", "1022-3"], Codes(second));
        Assert.Equal(["1022-6", "1022-5"], Codes(newest));
    }
}

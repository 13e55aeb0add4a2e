using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>
/// The hotline's other readers give a hotline officer the same on SQLite and on PostgreSQL, over tickets
/// taken in through the ingest writer: the triage suggestion (category, unit and why) trained from past
/// tickets within the training window and learning new triage; the likely duplicates of a ticket, with
/// reporters masked and, for callers who may not see reporters, no matching on the phone; and a ticket's
/// history. Each expectation is stated once for both providers.
/// </summary>
public sealed class HotlineReadersOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    /// <summary>Monday of the harness's week, 09:00 in the province.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly AccessScope Operator = new(IocRoles.HotlineStaff, null, "Tổng đài viên");

    private static readonly AccessScope Leader = new(IocRoles.Leader, null, "Lãnh đạo");

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    private static readonly string[] Drainage =
    [
        "Cống thoát nước tại {0} bị tắc nghẽn, nước thải ứ đọng bốc mùi hôi thối.",
        "Mưa lớn chưa đầy một giờ mà {0} đã ngập sâu khoảng nửa mét, nước tràn vào nhà dân.",
        "Nắp cống tại {0} bị vỡ, để lộ hố sâu, rất nguy hiểm cho người đi đường.",
        "Miệng cống thu nước tại {0} bị rác và lá cây bít kín, mưa xuống nước không thoát được.",
        "Đề nghị nạo vét mương thoát nước chạy dọc {0}, bùn đất bồi lắng đầy, nước không lưu thông.",
        "Hố ga trước nhà số 25 ở {0} bị mất nắp, đã có người đi xe đạp sụp bánh.",
    ];

    private static readonly string[] Power =
    [
        "Mất điện cả khu phố {0} từ sáng đến giờ chưa có điện lại, đề nghị điện lực kiểm tra.",
        "Dây điện trung thế ở {0} võng thấp sát mái nhà, rất nguy hiểm khi trời mưa gió.",
        "Cột điện tại {0} bị nghiêng sau cơn bão, có nguy cơ đổ vào nhà dân.",
        "Điện chập chờn liên tục ở {0}, tủ lạnh và máy bơm nước của dân bị hỏng.",
        "Trạm biến áp ở {0} phát ra tiếng nổ lớn rồi mất điện toàn khu.",
    ];

    private static readonly string[] Places = ["chợ Đông Ba", "đường Lê Lợi", "kiệt 12 Trần Phú", "tổ 5 khu vực 3", "trường tiểu học Phú Hòa", "ngõ 7 Nguyễn Huệ"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Suggestions_TrainedFromTheWindowsTriagedTickets_SameCategoryUnitAndEvidence_LearnsNewTriage(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var h = new Hotline(host);
        var department = h.Catalog.Units.FindByCode("H49.05")!;
        for (var i = 0; i < 12; i++)
        {
            var code = $"PAKN-TN-{i:D2}";
            var commune = h.Commune(i % 3);
            await h.CreateAsync(code, string.Format(Drainage[i % Drainage.Length], Places[i % Places.Length]), Monday.AddMinutes(10 * i), commune);
            await h.RouteAsync(code, commune, Monday.AddHours(3).AddMinutes(i), "thoat-nuoc");
        }
        for (var i = 0; i < 10; i++)
        {
            var code = $"PAKN-DI-{i:D2}";
            await h.CreateAsync(code, string.Format(Power[i % Power.Length], Places[(i + 2) % Places.Length]), Monday.AddMinutes(10 * i + 5), h.Commune(i % 4));
            await h.RouteAsync(code, department, Monday.AddHours(3).AddMinutes(30 + i), "dien");
        }
        string[] spam = ["Vay tiền nhanh lãi suất thấp, giải ngân trong ngày, liên hệ ngay.", "Cho vay tiền nhanh không cần thế chấp, giải ngân trong ngày.", "Khuyến mãi nạp thẻ điện thoại, trúng thưởng xe máy, bấm vào đường link."];
        for (var i = 0; i < spam.Length; i++)
        {
            await h.CreateAsync($"PAKN-SP-{i}", spam[i], Monday.AddHours(4).AddMinutes(i), h.Commune());
            await h.IngestOkAsync(Events.Ticket(EventTypes.TicketRejected, $"PAKN-SP-{i}", Monday.AddHours(5), e => (e.Reason, e.Actor) = ("Tin nhắn rác", "tongdai.lan")));
        }
        // Outside the 365-day window: drainage then went to the department, which would outvote the communes if it were read.
        for (var i = 0; i < 15; i++)
        {
            var code = $"PAKN-CU-{i:D2}";
            var longAgo = Monday.AddDays(-400).AddMinutes(i);
            await h.CreateAsync(code, string.Format(Drainage[i % Drainage.Length], Places[i % Places.Length]), longAgo, h.Commune());
            await h.RouteAsync(code, department, longAgo.AddHours(1), "thoat-nuoc");
        }
        // Waiting for triage: nothing to learn yet.
        await h.CreateAsync("PAKN-MOI", "Đèn đường hỏng trước trường tiểu học Phú Hòa đã ba đêm.", Monday.AddHours(6), h.Commune());

        await h.Suggester.RetrainAsync();
        var drainage = h.Suggester.Suggest("Cống trước chợ bị tắc, mưa xuống là ngập sâu, nước tràn vào nhà dân.", h.Commune(3).Id);
        var power = h.Suggester.Suggest("Khu phố mất điện từ tối qua, đề nghị điện lực khắc phục.", h.Commune(1).Id);
        var rejected = h.Suggester.Suggest("Vay tiền nhanh, giải ngân trong ngày, lãi suất thấp.", null);

        Assert.Equal(25, h.Suggester.TrainedOn);
        Assert.NotNull(drainage);
        Assert.Equal((h.Category("thoat-nuoc"), h.Commune(3).Id, UnitBasis.LearnedCommune, 1.0, 12, false),
            (drainage.CategoryId, drainage.UnitId, drainage.UnitBasis, drainage.UnitShare, drainage.UnitSample, drainage.LooksRejected));
        Assert.Contains(drainage.Evidence, e => e.Words.Contains("cống", StringComparison.OrdinalIgnoreCase) || e.Words.Contains("ngập", StringComparison.Ordinal));
        Assert.NotNull(power);
        Assert.Equal((h.Category("dien"), department.Id, UnitBasis.LearnedUnit, 1.0, 10),
            (power.CategoryId, power.UnitId, power.UnitBasis, power.UnitShare, power.UnitSample));
        Assert.True(rejected?.LooksRejected, "spam-like text reads as what operators reject");
        // Every figure the panel shows, to the last digit: PostgreSQL gives the model the same tickets.
        var (drains, electricity) = (h.Category("thoat-nuoc"), h.Category("dien"));
        Assert.Equal($"{drains} False 1.000000 {electricity} 0.000000 {h.Commune(3).Id} LearnedCommune 1.000 12 25 [Cống:2.530136, trước:1.574624, tắc:1.574624, bị tắc:1.574624]", Describe(drainage));
        Assert.Equal($"{electricity} False 1.000000  0.000000 {department.Id} LearnedUnit 1.000 10 25 [mất điện:2.467852, từ:2.467852, phố:1.880065, Khu phố:1.880065]", Describe(power));

        // New triage since the training: learned once, from the events after the watermark.
        await h.RouteAsync("PAKN-MOI", h.Commune(), Monday.AddHours(7), "chieu-sang");
        await h.IngestOkAsync(Events.Ticket(EventTypes.TicketAccepted, "PAKN-MOI", Monday.AddHours(8)));
        Assert.Equal(1, await h.Suggester.LearnNewAsync());
        Assert.Equal(0, await h.Suggester.LearnNewAsync());
        Assert.Equal(26, h.Suggester.TrainedOn);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Duplicates_SameCandidatesScoresAndOrder_ReportersMasked_NoPhoneMatchForWhoMayNotSeeReporters(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var h = new Hotline(host);
        var (home, elsewhere) = (h.Commune(0), h.Commune(1));
        const string Matter = "Cống thoát nước trước chợ Đông Ba bị tắc, mưa xuống là ngập sâu, nước tràn vào nhà dân.";
        await h.CreateAsync("PAKN-01", Matter, Monday, home, "Nguyễn Văn An", "0912345678");
        // The same matter from another caller, the same caller again (phone written otherwise), and the same text elsewhere.
        await h.CreateAsync("PAKN-02", "Mưa xuống là nước ngập sâu trước chợ Đông Ba, cống thoát nước bị tắc, nước vào nhà dân.", Monday.AddHours(1), home, "Trần Thị Bình", "0987000111");
        await h.CreateAsync("PAKN-03", "Cống trước chợ Đông Ba vẫn tắc, mưa là ngập, nước tràn vào nhà.", Monday.AddHours(6), home, "Nguyễn Văn An", "+84 912 345 678");
        await h.CreateAsync("PAKN-04", Matter, Monday.AddHours(2), elsewhere, "Lê Văn Cường", "0905111222");
        // Rejected, another matter, and the same text before the look-back window: none are candidates.
        await h.CreateAsync("PAKN-05", Matter, Monday.AddHours(3), home, "Phạm Văn Dũng", "0905333444");
        await h.IngestOkAsync(Events.Ticket(EventTypes.TicketRejected, "PAKN-05", Monday.AddHours(4), e => (e.Reason, e.Actor) = ("Gọi nhầm", "tongdai.lan")));
        await h.CreateAsync("PAKN-06", "Đèn đường trước chợ Đông Ba không sáng đã ba đêm, đường tối om.", Monday.AddHours(2), home, "Hoàng Thị Lan", "0905555666");
        await h.CreateAsync("PAKN-07", Matter, Monday.AddDays(-9), home, "Võ Văn Em", "0905777888");
        // Routed to the commune: a head of the commune sees this one only.
        await h.RouteAsync("PAKN-02", home, Monday.AddHours(2), "thoat-nuoc");
        var subject = (await h.Queries.LoadAsync("PAKN-01"))!;

        var staff = await h.Duplicates.FindAsync(Operator, subject);
        var leader = await h.Duplicates.FindAsync(Leader, subject);
        var head = await h.Duplicates.FindAsync(new AccessScope(IocRoles.DepartmentHead, home.Id, "Chủ tịch xã"), subject);

        Assert.Equal(["PAKN-03", "PAKN-02"], staff.Select(c => c.Ticket.Code));
        Assert.Equal(
            "PAKN-03 1.446 SamePhone,SamePlace,SameCommune,SimilarWords dong ba | PAKN-02 1.341 SamePlace,SameCommune,SimilarWords,CloseInTime dong ba",
            string.Join(" | ", staff.Select(Describe)));
        Assert.All(staff.Concat(leader), c => Assert.DoesNotContain("Văn", c.Ticket.ReporterName ?? "", StringComparison.Ordinal));
        Assert.All(staff.Concat(leader), c => Assert.DoesNotContain("345", c.Ticket.ReporterPhone ?? "", StringComparison.Ordinal));
        Assert.DoesNotContain(leader, c => c.Reasons.Contains(DuplicateReason.SamePhone));
        Assert.Equal(
            "PAKN-02 1.341 SamePlace,SameCommune,SimilarWords,CloseInTime dong ba | PAKN-03 1.196 SamePlace,SameCommune,SimilarWords dong ba",
            string.Join(" | ", leader.Select(Describe)));
        Assert.Equal(["PAKN-02"], head.Select(c => c.Ticket.Code));
        // A call being typed, before it has a code.
        var draft = await h.Duplicates.FindAsync(Operator, new DuplicateProbe(null, "Chợ Đông Ba ngập sâu, cống tắc, nước vào nhà dân", Monday.AddHours(8)) { CommuneId = home.Id });
        Assert.Equal(["PAKN-01", "PAKN-02", "PAKN-03"], draft.Select(c => c.Ticket.Code).Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task History_SameEntriesInOrder_WithStatusesActorsAndDecisions(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var h = new Hotline(host);
        var home = h.Commune(0);
        await h.CreateAsync("PAKN-10", "Nắp hố ga trên đường Lê Lợi bị bập bênh, xe chạy qua kêu rầm rầm cả đêm.", Monday, home, "Nguyễn Văn An", "0912345678");
        await h.CreateAsync("PAKN-11", "Hố ga đường Lê Lợi kêu rầm rầm mỗi khi xe qua.", Monday.AddHours(1), home, "Trần Thị Bình", "0987000111");
        await h.RouteAsync("PAKN-10", home, Monday.AddHours(2), "thoat-nuoc");
        await h.IngestOkAsync(
            Events.Ticket(EventTypes.TicketDuplicate, "PAKN-11", Monday.AddHours(2).AddMinutes(5), e => (e.DuplicateOf, e.Actor) = ("PAKN-10", "tongdai.lan")),
            Events.Ticket(EventTypes.TicketAccepted, "PAKN-10", Monday.AddHours(3), e => e.Actor = "ubnd.phuong"),
            Events.Ticket(EventTypes.TicketAnswered, "PAKN-10", Monday.AddHours(20), e => (e.Answer, e.Actor) = ("Đã cử tổ công tác thay nắp hố ga mới, đề nghị người dân giám sát.", "ubnd.phuong")),
            Events.Ticket(EventTypes.TicketRated, "PAKN-10", Monday.AddHours(26), e => e.Satisfied = true));

        var original = await h.History.ReadAsync("PAKN-10");
        var duplicate = await h.History.ReadAsync("PAKN-11");

        Assert.Equal(
            [
                "Created test -/New",
                "Routed test tongdai.lan New/Routed cat=thoat-nuoc unit=" + home.Code,
                "Accepted test ubnd.phuong Routed/InProgress",
                "Answered test ubnd.phuong InProgress/Answered answer=Đã cử tổ công tác thay nắp hố ga mới, đề nghị người dân giám sát.",
                "Rated test Answered/Answered satisfied=True",
            ],
            original.Select(e => Describe(h.Catalog, e)));
        Assert.Equal(["Created test -/New", "MarkedDuplicate test tongdai.lan New/Duplicate of=PAKN-10"], duplicate.Select(e => Describe(h.Catalog, e)));
        Assert.True(original.Zip(original.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "in the order stored");
        Assert.Equal(Monday.AddHours(20), original[3].OccurredAt);
        Assert.Empty(await h.History.ReadAsync("PAKN-99"));
    }

    private static string Describe(TicketSuggestion s) =>
        FormattableString.Invariant($"{s.CategoryId} {s.LooksRejected} {s.Probability:F6} {s.AlternativeCategoryId} {s.AlternativeProbability:F6} {s.UnitId} {s.UnitBasis} {s.UnitShare:F3} {s.UnitSample} {s.TrainedOn} [{string.Join(", ", s.Evidence.Select(e => FormattableString.Invariant($"{e.Words}:{e.Weight:F6}")))}]");

    private static string Describe(DuplicateCandidate c) =>
        FormattableString.Invariant($"{c.Ticket.Code} {c.Score:F3} {string.Join(",", c.Reasons)} {c.SharedPlace}");

    private static string Describe(ReferenceCatalog catalog, TicketHistoryEntry e)
    {
        var line = $"{e.Kind} {e.Source} {(e.Actor is null ? "" : e.Actor + " ")}{e.From?.ToString() ?? "-"}/{e.To}";
        if (e.CategoryId is int category)
        {
            line += $" cat={catalog.FindCategory(category)!.Code}";
        }
        if (e.UnitId is int unit)
        {
            line += $" unit={catalog.Units.Find(unit)!.Code}";
        }
        if (e.Answer is not null)
        {
            line += $" answer={e.Answer}";
        }
        if (e.Satisfied is bool satisfied)
        {
            line += $" satisfied={satisfied}";
        }
        if (e.DuplicateOf is not null)
        {
            line += $" of={e.DuplicateOf}";
        }
        return line;
    }

    /// <summary>The hotline's readers over a provider host's database, and ticket events through its ingest writer.</summary>
    private sealed class Hotline
    {
        private readonly IngestPipeline _pipeline;

        public Hotline(ProviderHost host)
        {
            Catalog = host.Services.GetRequiredService<ReferenceCatalog>();
            _pipeline = host.Services.GetRequiredService<IngestPipeline>();
            var options = Options.Create(new HotlineOptions());
            Queries = new TicketQueries(host.Services.GetRequiredService<IQueryDatabase>(), Catalog, host.Services.GetRequiredService<ProvinceClock>(), options);
            Suggester = new TicketSuggester(Queries, Catalog, options, host.Services.GetRequiredService<ProvinceClock>(), NullLogger<TicketSuggester>.Instance);
            Duplicates = new DuplicateFinder(Queries, Suggester, options);
            History = new TicketHistoryReader(Queries, Catalog, host.Services.GetRequiredService<WorkingCalendar>());
        }

        public ReferenceCatalog Catalog { get; }

        public TicketQueries Queries { get; }

        public TicketSuggester Suggester { get; }

        public DuplicateFinder Duplicates { get; }

        public TicketHistoryReader History { get; }

        public Unit Commune(int index = 0) => Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ElementAt(index);

        public int Category(string code) => Catalog.FindCategory(code)!.Id;

        public Task CreateAsync(string code, string text, DateTimeOffset at, Unit commune, string? reporterName = "Nguyễn Văn An", string? reporterPhone = "0912345123") =>
            IngestOkAsync(Events.TicketCreated(code, at, "phone", null, text, commune.Code, reporterName, reporterPhone));

        public Task RouteAsync(string code, Unit unit, DateTimeOffset at, string category) =>
            IngestOkAsync(Events.Ticket(EventTypes.TicketRouted, code, at, e => (e.Unit, e.Category, e.Actor) = (unit.Code, category, "tongdai.lan")));

        public async Task IngestOkAsync(params IngestEvent[] events)
        {
            var outcome = await _pipeline.IngestAsync("test", events);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Code}: {e.Message}")));
        }
    }
}

using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Lists that add up: a dossier list opened from a figure (unit, procedure, window, received or finished)
/// counts exactly that figure, and children's and procedures' figures add up to their parent's, in every
/// window, computed against a real database filled through the ingest pipeline.
/// </summary>
public sealed class DrillDownTotalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 0, 0, ProvinceTime.Offset);

    private static IEnumerable<(string Name, DayRange Range)> Windows(DateOnly today) =>
    [
        ("today", KpiWindows.Resolve(KpiWindow.Today, today)),
        ("week", KpiWindows.Resolve(KpiWindow.Week, today)),
        ("month", KpiWindows.Resolve(KpiWindow.Month, today)),
        ("year", KpiWindows.Resolve(KpiWindow.Year, today)),
        ("custom 10/02–05/03", KpiWindows.Custom(new(2026, 2, 10), new(2026, 3, 5), today)),
        ("custom across the new year", KpiWindows.Custom(new(2025, 12, 20), new(2026, 1, 15), today)),
    ];

    [Fact]
    public async Task ListCount_EveryUnitProcedureAndWindow_EqualsTheFigureItOpensFrom()
    {
        var (folder, h, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var today = ProvinceTime.LocalDate(Now);
        var checkedLists = 0;
        foreach (var (name, range) in Windows(today))
        {
            foreach (var unit in h.Catalog.Units.All)
            {
                var figure = await h.Queries.GetAsync(unit.Id, range);
                var receivedFilter = new DossierFilter(unit.Id, From: range.From, To: range.To);
                var finishedFilter = receivedFilter with { Basis = DossierListBasis.Finished };
                var received = await queries.ListAsync(receivedFilter, 0, 1);
                var finished = await queries.ListAsync(finishedFilter, 0, 1);
                Assert.True(received.TotalIsExact);
                Assert.Equal((name, unit.Code, figure.Dossiers.Received), (name, unit.Code, (long)received.Total));
                Assert.Equal((name, unit.Code, figure.Dossiers.Finished), (name, unit.Code, (long)finished.Total));
                // A figure's list takes its count from the figure's rollups: the rows it lists must be as many.
                Assert.Equal((name, unit.Code, received.Total), (name, unit.Code, await RowCountAsync(queries, receivedFilter)));
                Assert.Equal((name, unit.Code, finished.Total), (name, unit.Code, await RowCountAsync(queries, finishedFilter)));
                foreach (var procedure in await h.Queries.ByProcedureAsync(unit.Id, range))
                {
                    var procedureFilter = new DossierFilter(unit.Id, ProcedureId: procedure.ProcedureId, From: range.From, To: range.To);
                    var list = await queries.ListAsync(procedureFilter, 0, 1);
                    Assert.Equal((name, unit.Code, procedure.ProcedureId, procedure.Dossiers.Received), (name, unit.Code, procedure.ProcedureId, (long)list.Total));
                    Assert.Equal(list.Total, await RowCountAsync(queries, procedureFilter));
                    checkedLists++;
                }
            }
        }
        Assert.True(checkedLists > 100, $"only {checkedLists} procedure lists were compared");
    }

    [Fact]
    public async Task ShortfallList_EveryUnitScoreLineAndWindow_CountsWhatTheLineLost()
    {
        var (folder, h, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var today = ProvinceTime.LocalDate(Now);
        var late = 0L;
        foreach (var (name, range) in Windows(today))
        {
            foreach (var unit in h.Catalog.Units.All)
            {
                var d = (await h.Queries.GetAsync(unit.Id, range)).Dossiers;
                foreach (var (source, rate) in new[]
                {
                    (ScoreSource.OnTimeRate, d.OnTimeRate), (ScoreSource.OnlineRate, d.OnlineRate), (ScoreSource.FullServiceOnlineRate, d.FullServiceOnlineRate),
                    (ScoreSource.OnlinePaymentRate, d.OnlinePaymentRate), (ScoreSource.DigitizationRate, d.DigitizationRate), (ScoreSource.ElectronicResultRate, d.ElectronicResultRate),
                })
                {
                    var shortfall = ScoreShortfalls.For(source)!.Value;
                    var list = await queries.ListAsync(new DossierFilter(unit.Id, From: range.From, To: range.To, Shortfall: shortfall), 0, 1000);
                    Assert.True(list.TotalIsExact);
                    if (shortfall == ScoreShortfall.Late && range.To < today)
                    {
                        // A window that ended before today: the dossiers finished late in it, and nothing else.
                        Assert.All(list.Rows, r => Assert.True(r.FinishedOnTime == false && ProvinceTime.LocalDate(r.FinishedAt!.Value) >= range.From && ProvinceTime.LocalDate(r.FinishedAt!.Value) <= range.To, $"{name} {unit.Code} {r.Code}"));
                        continue;
                    }
                    Assert.Equal((name, unit.Code, shortfall, rate.Denominator - rate.Numerator), (name, unit.Code, shortfall, (long)list.Total));
                    if (shortfall == ScoreShortfall.Late)
                    {
                        late += list.Total;
                        // Both halves of 2.1's loss are there: finished late, and being processed and late now.
                        Assert.All(list.Rows, r => Assert.True(r.FinishedOnTime == false || r.Status is DossierStatus.Received or DossierStatus.InProcessing, $"{name} {unit.Code} {r.Code}"));
                    }
                }
            }
        }
        Assert.True(late > 50, $"only {late} late dossiers were compared");
    }

    [Fact]
    public async Task TicketShortfallList_EveryUnitHotlineLineAndWindow_CountsWhatTheLineLost()
    {
        var referenceFolder = TestPaths.NewTempFolder();
        using var __ = referenceFolder;
        await using var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(29, h.Catalog, new DateTimeOffset(2025, 12, 1, 0, 0, 0, ProvinceTime.Offset), Now);
        foreach (var batch in stream.Interleave(stream.Tickets(400)).Chunk(300))
        {
            Assert.True((await h.IngestAsync(batch)).Succeeded);
        }
        var tickets = new TicketQueries(h.Database, h.Catalog, new ProvinceClock(h.Time), Options.Create(new HotlineOptions()));
        var leader = new AccessScope(IocRoles.Leader, null, "lãnh đạo");
        var today = ProvinceTime.LocalDate(Now);
        var lost = 0L;
        foreach (var (name, range) in Windows(today))
        {
            foreach (var unit in h.Catalog.Units.All)
            {
                var figures = (await h.Queries.GetAsync(unit.Id, range)).Hotline;
                foreach (var (shortfall, rate) in new[] { (TicketShortfall.AnsweredLate, figures.AnsweredOnTimeRate), (TicketShortfall.Unsatisfied, figures.SatisfactionRate) })
                {
                    // The score card's link: the province's list is not narrowed to units, since unassigned tickets count for it.
                    var query = new TicketQuery
                    {
                        UnitId = unit.Id == h.Catalog.Units.Root.Id ? null : unit.Id,
                        Lost = shortfall, LostFrom = range.From, LostTo = range.To, Take = 1,
                    };
                    var page = await tickets.SearchAsync(leader, query);
                    Assert.Equal((name, unit.Code, shortfall, rate.Denominator - rate.Numerator), (name, unit.Code, shortfall, (long)page.Total));
                    lost += page.Total;
                }
            }
        }
        Assert.True(lost > 50, $"only {lost} tickets that lost points were compared");
    }

    [Fact]
    public async Task Figures_ChildrenAndProcedures_AddUpToTheParent()
    {
        var (folder, h, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var today = ProvinceTime.LocalDate(Now);
        foreach (var (name, range) in Windows(today))
        {
            foreach (var unit in h.Catalog.Units.All.Where(u => h.Catalog.Units.Children(u.Id).Count > 0))
            {
                var parent = (await h.Queries.GetAsync(unit.Id, range)).Dossiers;
                var children = await h.Queries.GetManyAsync([.. h.Catalog.Units.Children(unit.Id).Select(c => c.Id)], range);
                // The parent's own dossiers (received at the unit itself) are the part no child holds.
                var own = await queries.ListAsync(new DossierFilter(unit.Id, From: range.From, To: range.To), 0, 1);
                var ownOnly = own.Total - (await Task.WhenAll(h.Catalog.Units.Children(unit.Id)
                    .Select(c => queries.ListAsync(new DossierFilter(c.Id, From: range.From, To: range.To), 0, 1)))).Sum(p => p.Total);
                Assert.Equal((name, unit.Code, parent.Received), (name, unit.Code, children.Sum(c => c.Dossiers.Received) + ownOnly));
                var procedures = await h.Queries.ByProcedureAsync(unit.Id, range);
                Assert.Equal((name, unit.Code, parent.Received), (name, unit.Code, procedures.Sum(p => p.Dossiers.Received)));
                Assert.Equal((name, unit.Code, parent.Finished), (name, unit.Code, procedures.Sum(p => p.Dossiers.Finished)));
            }
        }
    }

    [Fact]
    public async Task ListAsync_CurrentStateBasis_IgnoresTheWindowLikeItsFigure()
    {
        var (folder, h, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var today = ProvinceTime.LocalDate(Now);
        foreach (var status in new[] { DossierStatusFilter.Overdue, DossierStatusFilter.Open, DossierStatusFilter.AwaitingSupplement })
        {
            var unbounded = await queries.ListAsync(new DossierFilter(h.Catalog.Units.Root.Id, status), 0, 1000);
            var current = await queries.ListAsync(new DossierFilter(h.Catalog.Units.Root.Id, status, From: today, To: today, Basis: DossierListBasis.Current), 0, 1000);
            Assert.True(unbounded.Total > 0);
            Assert.Equal(unbounded.Rows.Select(r => r.Code), current.Rows.Select(r => r.Code));
        }
    }

    [Fact]
    public async Task StreamAsync_EveryRowOfTheFilter_InTheListsOrder()
    {
        var (folder, h, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var range = KpiWindows.Resolve(KpiWindow.Year, ProvinceTime.LocalDate(Now));
        var filter = new DossierFilter(h.Catalog.Units.Root.Id, From: range.From, To: range.To);
        var page = await queries.ListAsync(filter, 0, DossierQueries.MaxPageRows);
        var streamed = new List<string>();
        await foreach (var row in queries.StreamAsync(filter))
        {
            streamed.Add(row.Code);
        }
        Assert.Equal(page.Total, streamed.Count);
        Assert.Equal(page.Rows.Select(r => r.Code), streamed.Take(page.Rows.Count));
    }

    private static async Task<int> RowCountAsync(DossierQueries queries, DossierFilter filter)
    {
        var rows = 0;
        await foreach (var _ in queries.StreamAsync(filter))
        {
            rows++;
        }
        return rows;
    }

    private static async Task<(TempFolder Folder, IngestHarness Harness, DossierQueries Queries)> IngestAsync()
    {
        var referenceFolder = TestPaths.NewTempFolder();
        var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(23, h.Catalog, new DateTimeOffset(2025, 12, 1, 0, 0, 0, ProvinceTime.Offset), Now);
        foreach (var batch in stream.Interleave(stream.Dossiers(900)).Chunk(300))
        {
            Assert.True((await h.IngestAsync(batch)).Succeeded);
        }
        return (referenceFolder, h, new DossierQueries(h.Database, h.Catalog, h.Calendar, new ProvinceClock(h.Time)));
    }
}

using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Storage;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// The dossier list reads indexes in order and merges units instead of sorting a subtree; every
/// page must equal a plain sort of the same states, for every subtree, filter and sort.
/// </summary>
public sealed class DossierListTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, ProvinceTime.Offset);

    [Fact]
    public async Task ListAsync_EverySubtreeFilterSortAndPage_EqualsAPlainSort()
    {
        var (folder, h, all, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var today = ProvinceTime.LocalDate(Now);

        // The busiest procedure, so that its lists hold more than a page in most units.
        var procedure = all.GroupBy(s => s.ProcedureId).MaxBy(g => g.Count())!.Key;
        foreach (var unit in h.Catalog.Units.All)
        {
            var inScope = all.Where(s => h.Catalog.Units.IsWithin(s.UnitId, unit.Id)).ToList();
            // Every status with and without the procedure, each read from its own index (QueryPlanTests), and a channel.
            var filters = Enum.GetValues<DossierStatusFilter>()
                .SelectMany(status => new[] { (status, (int?)null, (DossierChannel?)null), (status, procedure, null) })
                .Append((DossierStatusFilter.Any, null, DossierChannel.Postal))
                .Append((DossierStatusFilter.Open, null, DossierChannel.Online));
            foreach (var (status, procedureId, channel) in filters)
            {
                foreach (var sort in Enum.GetValues<DossierSort>())
                {
                    var expected = Sorted(inScope.Where(s => Matches(s, status, Now, h.Calendar) && (procedureId is null || s.ProcedureId == procedureId) && (channel is null || s.Channel == channel)), sort)
                        .Select(s => s.Code).ToList();
                    foreach (var (skip, take) in new[] { (0, 7), (7, 7), (30, 25) })
                    {
                        var page = await queries.ListAsync(new DossierFilter(unit.Id, status, channel, procedureId, Sort: sort), skip, take);
                        Assert.Equal(expected.Skip(skip).Take(take), page.Rows.Select(r => r.Code));
                        Assert.Equal(expected.Count, page.Total);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task ListAsync_CodeSearch_FindsExactlyTheCodesContainingTheTerm()
    {
        var (folder, h, all, queries) = await IngestAsync();
        using var __ = folder;
        await using var _ = h;
        var department = h.Catalog.Units.Children(h.Catalog.Units.Root.Id)[0].Id;
        // A code in the code indexes and one received after they were built; for each the whole code,
        // two tails, a middle part in lower case, two characters (too short for an index); wildcards
        // typed by a person; a code that does not exist.
        string first, last;
        using (var c = h.Database.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT (SELECT Code FROM Dossiers WHERE rowid <= s.IndexedThrough ORDER BY rowid LIMIT 1), " +
                              "(SELECT Code FROM Dossiers WHERE rowid > s.IndexedThrough ORDER BY rowid DESC LIMIT 1) FROM DossierCodeSearchState s";
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read());
            (first, last) = (r.GetString(0), r.GetString(1));
        }
        // Five characters or more are looked up by their pieces (DossierCodeGrams), three or four by trigrams.
        var terms = new[] { first, last }.SelectMany(code => new[] { code, code[^5..], code[^4..], code[2..8].ToLowerInvariant(), code[^2..] })
            .Concat(["%", "_0", "KHONG-CO-MA-NAY"]);
        foreach (var term in terms)
        {
            // With a status too: the matches are read by rowid, whatever index the status has of its own.
            foreach (var (unit, status) in new[] { h.Catalog.Units.Root.Id, department }.SelectMany(u => new[] { (u, DossierStatusFilter.Any), (u, DossierStatusFilter.Open), (u, DossierStatusFilter.Completed) }))
            {
                var expected = Sorted(all.Where(s => h.Catalog.Units.IsWithin(s.UnitId, unit) && Matches(s, status, Now, h.Calendar) && s.Code.Contains(term, StringComparison.OrdinalIgnoreCase)), DossierSort.OverdueFirst)
                    .Select(s => s.Code).ToList();
                var page = await queries.ListAsync(new DossierFilter(unit, status, CodeSearch: " " + term + " "), 0, 1000);
                Assert.Equal(expected, page.Rows.Select(r => r.Code));
                Assert.Equal(expected.Count, page.Total);
            }
        }
        Assert.Single((await queries.ListAsync(new DossierFilter(h.Catalog.Units.Root.Id, CodeSearch: last), 0, 10)).Rows);
    }

    [Fact]
    public async Task ListAsync_CompletedOrOnlinePastTheLimit_SaysMoreThanTenThousand_AndCountsExactlyBelowIt()
    {
        var referenceFolder = TestPaths.NewTempFolder();
        using var __ = referenceFolder;
        await using var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var communes = h.Catalog.Units.All.Where(u => u.IsLocal).Take(2).ToList();
        var procedure = h.Catalog.Procedures.First(p => p.OnlineLevel != OnlineLevel.None && p.Limit.Kind != TimeLimitKind.None);
        // One more than the limit in the first commune, received online and completed; three in the second.
        var received = new DateTimeOffset(2026, 2, 2, 8, 0, 0, ProvinceTime.Offset);
        var events = new List<Ioc.Contracts.IngestEvent>();
        foreach (var (commune, count) in new[] { (communes[0], DossierQueries.CountLimit + 1), (communes[1], 3) })
        {
            for (var i = 0; i < count; i++)
            {
                var code = $"{commune.Code}-260202-{i:00000}";
                events.Add(Events.DossierReceived(code, commune.Code, procedure.Code, received.AddSeconds(i)));
                events.Add(Events.Dossier(Ioc.Contracts.EventTypes.DossierCompleted, code, received.AddDays(1).AddSeconds(i)));
            }
        }
        foreach (var batch in events.Chunk(1_000))
        {
            Assert.True((await h.IngestAsync(batch)).Succeeded);
        }
        var queries = new DossierQueries(h.Database, h.Catalog, h.Calendar, new ProvinceClock(h.Time));

        foreach (var filter in new[] { new DossierFilter(communes[0].Id, DossierStatusFilter.Completed), new DossierFilter(communes[0].Id, Channel: DossierChannel.Online) })
        {
            var page = await queries.ListAsync(filter, 0, 5);
            Assert.Equal((DossierQueries.CountLimit, false), (page.Total, page.TotalIsExact));
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{communes[0].Code}-260202-{i:00000}"), page.Rows.Select(r => r.Code));
        }
        foreach (var filter in new[] { new DossierFilter(communes[1].Id, DossierStatusFilter.Completed), new DossierFilter(communes[1].Id, Channel: DossierChannel.Online) })
        {
            Assert.Equal((3, true), Counted(await queries.ListAsync(filter, 0, 5)));
        }
        // A filter the figures do not bound is counted: none of the commune's dossiers is open.
        Assert.Equal((0, true), Counted(await queries.ListAsync(new DossierFilter(communes[0].Id, DossierStatusFilter.Open), 0, 5)));
    }

    private static (int, bool) Counted(DossierPage page) => (page.Total, page.TotalIsExact);

    private static async Task<(TempFolder Folder, IngestHarness Harness, List<DossierState> All, DossierQueries Queries)> IngestAsync()
    {
        var referenceFolder = TestPaths.NewTempFolder();
        var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(11, h.Catalog, new DateTimeOffset(2026, 1, 20, 0, 0, 0, ProvinceTime.Offset), Now);
        var indexed = false;
        foreach (var batch in stream.Interleave(stream.Dossiers(400)).Chunk(200))
        {
            Assert.True((await h.IngestAsync(batch)).Succeeded);
            if (!indexed)
            {
                // The first batch's dossiers go into the code index; later ones are found in the table's tail.
                Assert.True(await h.Services.GetRequiredService<DossierCodeIndexer>().IndexAsync() > 0);
                indexed = true;
            }
        }
        var all = new List<DossierState>();
        using (var c = h.Database.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = StateStore.DossierSelect;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                all.Add(StateStore.ReadDossier(r));
            }
        }
        return (referenceFolder, h, all, new DossierQueries(h.Database, h.Catalog, h.Calendar, new ProvinceClock(h.Time)));
    }

    private static bool Matches(DossierState s, DossierStatusFilter status, DateTimeOffset now, WorkingCalendar calendar) => status switch
    {
        DossierStatusFilter.Open => s.IsOpen,
        DossierStatusFilter.InProcessing => s.Status is DossierStatus.Received or DossierStatus.InProcessing,
        DossierStatusFilter.Overdue => s.IsOverdueAt(now),
        // Clock running, not overdue yet, due by the end of the next working day.
        DossierStatusFilter.DueSoon => s.IsOpen && !s.IsPaused && s.Due is { } due && due.Deadline >= now
            && due.Deadline <= DossierDue.EndOf(calendar.AddWorkingDays(ProvinceTime.LocalDate(now), 1)).Deadline,
        DossierStatusFilter.AwaitingSupplement => s.Status == DossierStatus.AwaitingSupplement,
        DossierStatusFilter.Completed => s.Status == DossierStatus.Completed,
        DossierStatusFilter.Returned => s.Status == DossierStatus.Returned,
        DossierStatusFilter.Withdrawn => s.Status == DossierStatus.Withdrawn,
        DossierStatusFilter.SecondSupplement => s.Pauses.Count >= 2,
        _ => true,
    };

    private static IEnumerable<DossierState> Sorted(IEnumerable<DossierState> states, DossierSort sort) => sort switch
    {
        DossierSort.ReceivedNewest => states.OrderByDescending(s => s.ReceivedAt).ThenBy(s => s.Code, StringComparer.Ordinal),
        DossierSort.ReceivedOldest => states.OrderBy(s => s.ReceivedAt).ThenBy(s => s.Code, StringComparer.Ordinal),
        DossierSort.Code => states.OrderBy(s => s.Code, StringComparer.Ordinal),
        _ => states.OrderByDescending(s => s.IsOpen && !s.IsPaused && s.Due is not null).ThenBy(s => s.Due?.Deadline).ThenBy(s => s.Code, StringComparer.Ordinal),
    };
}

using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Storage;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Testing;

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
        using var referenceFolder = TestPaths.NewTempFolder();
        await using var h = await IngestHarness.CreateAsync(Now, TestReference.WriteDeepTree(referenceFolder));
        var stream = new RandomEventStream(11, h.Catalog, new DateTimeOffset(2026, 1, 20, 0, 0, 0, ProvinceTime.Offset), Now);
        foreach (var batch in stream.Interleave(stream.Dossiers(400)).Chunk(200))
        {
            Assert.True((await h.IngestAsync(batch)).Succeeded);
        }
        List<DossierState> all;
        using (var c = h.Database.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = StateStore.DossierSelect;
            using var r = cmd.ExecuteReader();
            all = [];
            while (r.Read())
            {
                all.Add(StateStore.ReadDossier(r));
            }
        }
        var queries = new DossierQueries(h.Database, h.Catalog, h.Calendar, new ProvinceClock(h.Time));
        var today = ProvinceTime.LocalDate(Now);

        foreach (var unit in h.Catalog.Units.All)
        {
            var inScope = all.Where(s => h.Catalog.Units.IsWithin(s.UnitId, unit.Id)).ToList();
            foreach (var status in new[] { DossierStatusFilter.Any, DossierStatusFilter.Open, DossierStatusFilter.Overdue, DossierStatusFilter.Completed })
            {
                foreach (var sort in Enum.GetValues<DossierSort>())
                {
                    var expected = Sorted(inScope.Where(s => Matches(s, status, today)), sort).Select(s => s.Code).ToList();
                    foreach (var (skip, take) in new[] { (0, 7), (7, 7), (30, 25) })
                    {
                        var page = await queries.ListAsync(new DossierFilter(unit.Id, status, Sort: sort), skip, take);
                        Assert.Equal(expected.Skip(skip).Take(take), page.Rows.Select(r => r.Code));
                        Assert.Equal(expected.Count, page.Total);
                    }
                }
            }
        }
    }

    private static bool Matches(DossierState s, DossierStatusFilter status, DateOnly today) => status switch
    {
        DossierStatusFilter.Open => s.IsOpen,
        DossierStatusFilter.Overdue => s.IsOverdueOn(today),
        DossierStatusFilter.Completed => s.Status == DossierStatus.Completed,
        _ => true,
    };

    private static IEnumerable<DossierState> Sorted(IEnumerable<DossierState> states, DossierSort sort) => sort switch
    {
        DossierSort.ReceivedNewest => states.OrderByDescending(s => s.ReceivedAt).ThenBy(s => s.Code, StringComparer.Ordinal),
        DossierSort.ReceivedOldest => states.OrderBy(s => s.ReceivedAt).ThenBy(s => s.Code, StringComparer.Ordinal),
        DossierSort.Code => states.OrderBy(s => s.Code, StringComparer.Ordinal),
        _ => states.OrderByDescending(s => s.IsOpen && !s.IsPaused).ThenBy(s => s.DueDate).ThenBy(s => s.Code, StringComparer.Ordinal),
    };
}

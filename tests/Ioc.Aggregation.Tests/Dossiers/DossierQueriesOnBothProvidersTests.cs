using Ioc.Aggregation.Dossiers;
using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Dossiers;

/// <summary>
/// The dossier lists give the same rows, in the same order, and the same counts on SQLite and on PostgreSQL:
/// every status, channel, procedure, window, shortfall and code search, each sort and a later page, for the
/// province, a department and a commune; and a count past the limit says "more than 10,000" alike.
/// </summary>
public sealed class DossierQueriesOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Fact]
    public async Task EveryFilter_SameRowsAndCounts_OnBothProviders()
    {
        var answers = new Dictionary<string, List<string>>();
        foreach (var provider in ProviderHost.Providers)
        {
            await using var host = await ProviderHost.StartAsync(provider, now: Now);
            var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
            var units = UnitsOf(catalog);
            await SeedAsync(host, catalog, units);
            var queries = host.Services.GetRequiredService<DossierQueries>();
            var lines = new List<string>();
            foreach (var unit in units)
            {
                foreach (var filter in Filters(unit, catalog))
                {
                    var page = await queries.ListAsync(filter, 0, 1_000);
                    var later = await queries.ListAsync(filter, 2, 3);
                    var streamed = new List<DossierListRow>();
                    await foreach (var row in queries.StreamAsync(filter))
                    {
                        streamed.Add(row);
                    }
                    // The export holds the rows of the list, in its order.
                    Assert.Equal(page.Rows.Select(Describe), streamed.Select(Describe));
                    lines.Add($"{filter}: {page.Total}/{page.TotalIsExact} [{string.Join(" ", page.Rows.Select(Describe))}] page 2 [{string.Join(" ", later.Rows.Select(r => r.Code))}]");
                }
            }
            answers[provider] = lines;

            // Not both empty alike: the filters select what was seeded.
            var root = units[0];
            Assert.Equal((Seeded, true), Counted(await queries.ListAsync(new DossierFilter(root), 0, 10)));
            Assert.Equal((Seeded / 6, true), Counted(await queries.ListAsync(new DossierFilter(root, DossierStatusFilter.Withdrawn, Basis: DossierListBasis.Current), 0, 10)));
            Assert.Equal(Seeded / 3, (await queries.ListAsync(new DossierFilter(units[2], Basis: DossierListBasis.Current), 0, 1_000)).Rows.Count);
            // Codes are searched ignoring case, and a typed wildcard is a character.
            Assert.Equal(Seeded / 3, (await queries.ListAsync(new DossierFilter(root, CodeSearch: "h49.01"), 0, 1_000)).Total);
            Assert.Equal(0, (await queries.ListAsync(new DossierFilter(root, CodeSearch: "H49_01"), 0, 1_000)).Total);
            Assert.Equal(0, (await queries.ListAsync(new DossierFilter(root, CodeSearch: "%"), 0, 1_000)).Total);
            var timeline = await queries.TimelineAsync("H49.00-260300-0000");
            Assert.Equal(("H49.00-260300-0000", DossierStatus.Received), (timeline!.State.Code, timeline.State.Status));
            Assert.Null(await queries.TimelineAsync("H49.01-999999-9999"));
        }
        Assert.Equal(answers[ProviderHost.Providers[0]], answers[ProviderHost.Providers[1]]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CountPastTheLimit_SaysMoreThanTenThousand(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var root = catalog.Units.Root.Id;
        var procedure = catalog.Procedures[0].Id;
        var received = Now.AddDays(-1).ToUnixTimeMilliseconds();
        await host.ReadAsync(async db =>
        {
            for (var i = 0; i <= DossierQueries.CountLimit; i++)
            {
                db.Dossiers.Add(new DossierRow
                {
                    Code = $"H49.00-260301-{i:00000}", UnitId = root, ProcedureId = procedure, ReceivedAt = received, Status = DossierStatus.Received,
                    Pauses = "", LastEventAt = received, LimitKind = TimeLimitKind.None,
                });
            }
            return await db.SaveChangesAsync();
        });
        var queries = host.Services.GetRequiredService<DossierQueries>();

        var all = await queries.ListAsync(new DossierFilter(root), 0, 20);
        var open = await queries.ListAsync(new DossierFilter(root, DossierStatusFilter.Open, Basis: DossierListBasis.Current), 0, 20);
        var some = await queries.ListAsync(new DossierFilter(root, CodeSearch: "260301-0000"), 0, 20);

        Assert.Equal((DossierQueries.CountLimit, false, 20), (all.Total, all.TotalIsExact, all.Rows.Count));
        Assert.Equal((DossierQueries.CountLimit, false, 20), (open.Total, open.TotalIsExact, open.Rows.Count));
        Assert.Equal("H49.00-260301-00000", all.Rows[0].Code);
        Assert.Equal((10, true), (some.Total, some.TotalIsExact));
    }

    [Fact]
    public async Task PostgreSql_OverdueFirstPages_ReadTheirIndexesInDueOrder()
    {
        await using var host = await ProviderHost.StartAsync(Data.DatabaseOptions.PostgreSql, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var commune = catalog.Units.All.First(u => u.IsLocal).Id;
        var procedure = catalog.Procedures[0].Id;
        var received = Now.AddDays(-20).ToUnixTimeMilliseconds();
        // Many open dossiers in one commune, half with a running clock (a due instant), half without a limit (none).
        await host.ReadAsync(async db =>
        {
            for (var i = 0; i < 6_000; i++)
            {
                var active = i % 2 == 0;
                db.Dossiers.Add(new DossierRow
                {
                    Code = $"H49.00-260301-{i:00000}", UnitId = commune, ProcedureId = procedure, ReceivedAt = received, Status = DossierStatus.Received,
                    Pauses = "", LastEventAt = received, LimitKind = active ? TimeLimitKind.WorkingDays : TimeLimitKind.None, LimitAmount = active ? 5 : null,
                    IsActive = active, DueAt = active ? received + (i * 60_000L) : null, InitialDueAt = active ? received + (i * 60_000L) : null,
                });
            }
            return await db.SaveChangesAsync();
        });
        await using var connection = new Npgsql.NpgsqlConnection(host.DatabaseSettings["Database:ConnectionString"]);
        await connection.OpenAsync();
        await using (var analyze = new Npgsql.NpgsqlCommand("ANALYZE \"Dossiers\"", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        var queries = host.Services.GetRequiredService<DossierQueries>();

        foreach (var filter in new[] { new DossierFilter(catalog.Units.Root.Id), new DossierFilter(catalog.Units.Root.Id, DossierStatusFilter.Open), new DossierFilter(commune) })
        {
            var (_, pageSql, parameters) = queries.Sql(filter, 0, 50);
            await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + pageSql, connection);
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value);
            }
            var plan = new List<string>();
            await using (var r = await explain.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    plan.Add(r.GetString(0));
                }
            }

            // In (IsActive, DueAt) order from the index: a page stops after its rows instead of sorting every dossier
            // whose clock runs, as it did while the indexes kept DueAt NULLS LAST. A sort may merge the units' pages of
            // 50, or order ties by code over a partial index that lacks it (an incremental sort presorted on DueAt); a
            // full sort straight over an index scan is what must not come back.
            Assert.True(plan.Any(l => l.Contains("Index Scan", StringComparison.Ordinal) && l.Contains("DueAt", StringComparison.Ordinal)), $"{filter}:\n{string.Join("\n", plan)}");
            for (var i = 0; i < plan.Count; i++)
            {
                if (!plan[i].Contains("Sort  (", StringComparison.Ordinal) || plan[i].Contains("Incremental Sort", StringComparison.Ordinal))
                {
                    continue;
                }
                var input = plan.Skip(i + 1).First(l => l.Contains("->", StringComparison.Ordinal));
                Assert.False(input.Contains("Index Scan", StringComparison.Ordinal) || input.Contains("Bitmap", StringComparison.Ordinal) || input.Contains("Seq Scan", StringComparison.Ordinal),
                    $"{filter}: a sort of the rows read from Dossiers:\n{string.Join("\n", plan)}");
            }
        }
    }

    private const int Seeded = 72;

    private static (int, bool) Counted(DossierPage page) => (page.Total, page.TotalIsExact);

    private static string Describe(DossierListRow r) =>
        $"{r.Code}|{r.UnitId}|{r.ProcedureId}|{r.Channel}|{r.Status}|{r.ReceivedAt.ToUnixTimeMilliseconds()}|{r.Due?.Deadline.ToUnixTimeMilliseconds()}|" +
        $"{r.FinishedAt?.ToUnixTimeMilliseconds()}|{r.PauseCount}|{r.FinishedOnTime}|{r.IsOverdue}";

    /// <summary>The province, a department and a commune.</summary>
    private static int[] UnitsOf(ReferenceCatalog catalog) =>
    [
        catalog.Units.Root.Id,
        catalog.Units.All.First(u => u.Kind == UnitKind.Department).Id,
        catalog.Units.All.First(u => u.IsLocal).Id,
    ];

    private static IEnumerable<DossierFilter> Filters(int unit, ReferenceCatalog catalog)
    {
        var today = ProvinceTime.LocalDate(Now);
        var procedure = catalog.Procedures[0].Id;
        foreach (var sort in Enum.GetValues<DossierSort>())
        {
            yield return new DossierFilter(unit, Sort: sort);
            yield return new DossierFilter(unit, DossierStatusFilter.Open, Sort: sort, Basis: DossierListBasis.Current);
            yield return new DossierFilter(unit, CodeSearch: "H49.0", Sort: sort);
        }
        foreach (var status in Enum.GetValues<DossierStatusFilter>())
        {
            yield return new DossierFilter(unit, status, Basis: DossierListBasis.Current);
            yield return new DossierFilter(unit, status, ProcedureId: procedure, Basis: DossierListBasis.Current);
        }
        foreach (var channel in Enum.GetValues<DossierChannel>())
        {
            yield return new DossierFilter(unit, Channel: channel);
        }
        yield return new DossierFilter(unit, ProcedureId: procedure);
        yield return new DossierFilter(unit, From: today.AddDays(-3), To: today, Channel: DossierChannel.Online);
        yield return new DossierFilter(unit, From: today.AddDays(-3));
        yield return new DossierFilter(unit, To: today.AddDays(-2));
        yield return new DossierFilter(unit, DossierStatusFilter.Completed, From: today.AddDays(-3), To: today, Basis: DossierListBasis.Finished);
        foreach (var shortfall in Enum.GetValues<ScoreShortfall>())
        {
            yield return new DossierFilter(unit, From: today.AddDays(-5), To: today, Shortfall: shortfall);
            yield return new DossierFilter(unit, From: today.AddDays(-5), To: today.AddDays(-1), Shortfall: shortfall);
        }
        foreach (var term in new[] { "0001", "h49.02", "-2603", "H49_0", "%", "\\" })
        {
            yield return new DossierFilter(unit, CodeSearch: term);
        }
    }

    /// <summary>Six statuses, three channels, two procedures, limits by hours, days and none, over the three units (a commune's dossiers are the province's too).</summary>
    private static async Task SeedAsync(ProviderHost host, ReferenceCatalog catalog, int[] units)
    {
        var procedures = new[] { catalog.Procedures[0].Id, catalog.Procedures[1].Id };
        await host.ReadAsync(async db =>
        {
            for (var i = 0; i < Seeded; i++)
            {
                var status = (DossierStatus)(i % 6);
                var kind = (i % 5) switch { 0 => TimeLimitKind.None, 1 => TimeLimitKind.Hours, _ => TimeLimitKind.WorkingDays };
                var received = Now.AddHours(-7 * i).ToUnixTimeMilliseconds();
                long? due = kind == TimeLimitKind.None ? null : Now.AddHours(13 * ((i % 9) - 4)).ToUnixTimeMilliseconds();
                var finished = status is DossierStatus.Completed or DossierStatus.Returned or DossierStatus.Withdrawn;
                db.Dossiers.Add(new DossierRow
                {
                    Code = $"H49.{i % 3:00}-2603{i % 4:00}-{i:0000}", UnitId = units[i % 3], ProcedureId = procedures[i % 2],
                    Channel = (DossierChannel)(i % 3), OnlineLevel = (OnlineLevel)(i % 3 == 0 ? 2 : i % 2), FeeBearing = i % 4 == 0,
                    LimitKind = kind, LimitAmount = kind switch { TimeLimitKind.Hours => 8, TimeLimitKind.WorkingDays => 5, _ => null },
                    ReceivedAt = received, InitialDueAt = due, DueAt = due, Status = status,
                    IsActive = status is DossierStatus.Received or DossierStatus.InProcessing && due is not null,
                    PauseCount = i % 7 == 0 ? 2 : 0, Pauses = "", FinishedAt = finished ? received + 3_600_000L * (i % 11) : null,
                    FinishedOnTime = finished && status != DossierStatus.Withdrawn && kind != TimeLimitKind.None ? i % 2 == 0 : null,
                    Flags = (DossierFlags)(i % 8), LastEventAt = received,
                });
            }
            return await db.SaveChangesAsync();
        });
    }
}

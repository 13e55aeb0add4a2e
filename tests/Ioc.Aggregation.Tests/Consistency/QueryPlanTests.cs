using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Data.Entities;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// The fast paths of the dossier lists and rankings hold only while SQLite reads the index each was
/// designed for: asks SQLite (EXPLAIN QUERY PLAN) how it would run the exact SQL the queries generate,
/// on the real schema, for the province, a department and a commune. Without ANALYZE statistics the
/// plan does not depend on the data, so an empty database plans as the 15 M one does.
/// </summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, ProvinceTime.Offset);

    private IngestHarness _h = null!;
    private DossierQueries _queries = null!;

    public async Task InitializeAsync()
    {
        _h = await IngestHarness.CreateAsync(Now);
        _queries = new DossierQueries(_h.Database, _h.Catalog, _h.Calendar, new ProvinceClock(_h.Time));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<string> Scopes => ["province", "department", "commune"];

    private int UnitOf(string scope) => scope switch
    {
        "province" => _h.Catalog.Units.Root.Id,
        "department" => _h.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && _h.Catalog.Units.Children(u.Id).Count == 0).Id,
        _ => _h.Catalog.Units.All.First(u => u.IsLocal).Id,
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void DossierList_EachFilter_CountsAndPagesFromItsIndex(string scope)
    {
        var unit = UnitOf(scope);
        var province = scope == "province";
        var overdueFirst = province ? DossierIndexes.OverdueFirst : DossierIndexes.UnitOverdueFirst;
        var procedure = _h.Catalog.Procedures.First().Id;
        // Filters no index holds count rows in the order they were inserted: the province's table itself, a unit's by receipt.
        var inserted = province ? RowOrder : DossierIndexes.UnitReceived;
        var today = ProvinceTime.LocalDate(Now);
        var cases = new (string Name, DossierFilter Filter, string? CountIndex, string? PageIndex)[]
        {
            ("all", new DossierFilter(unit), inserted, overdueFirst),
            ("open", new DossierFilter(unit, DossierStatusFilter.Open), DossierIndexes.Open, DossierIndexes.Open),
            ("in processing", new DossierFilter(unit, DossierStatusFilter.InProcessing), DossierIndexes.Open, DossierIndexes.Open),
            ("overdue", new DossierFilter(unit, DossierStatusFilter.Overdue), overdueFirst, overdueFirst),
            ("due soon", new DossierFilter(unit, DossierStatusFilter.DueSoon), overdueFirst, overdueFirst),
            ("awaiting supplement", new DossierFilter(unit, DossierStatusFilter.AwaitingSupplement), DossierIndexes.AwaitingSupplement, DossierIndexes.AwaitingSupplement),
            ("completed", new DossierFilter(unit, DossierStatusFilter.Completed), inserted, overdueFirst),
            ("returned", new DossierFilter(unit, DossierStatusFilter.Returned), DossierIndexes.ReturnedOrWithdrawn, DossierIndexes.ReturnedOrWithdrawn),
            ("withdrawn", new DossierFilter(unit, DossierStatusFilter.Withdrawn), DossierIndexes.ReturnedOrWithdrawn, DossierIndexes.ReturnedOrWithdrawn),
            ("one procedure", new DossierFilter(unit, ProcedureId: procedure), DossierIndexes.UnitProcedureOverdueFirst, DossierIndexes.UnitProcedureOverdueFirst),
            ("one procedure, open", new DossierFilter(unit, DossierStatusFilter.Open, ProcedureId: procedure), DossierIndexes.UnitProcedureOverdueFirst, DossierIndexes.UnitProcedureOverdueFirst),
            ("online", new DossierFilter(unit, Channel: DossierChannel.Online), inserted, overdueFirst),
            // A window's page sorts the window's rows of each unit (the next limit, README); its count is designed.
            ("completed, received in 30 days", new DossierFilter(unit, DossierStatusFilter.Completed, From: today.AddDays(-30), To: today), DossierIndexes.UnitReceived, null),
        };
        foreach (var (name, filter, countIndex, pageIndex) in cases)
        {
            var (countSql, pageSql, parameters) = _queries.Sql(filter, 0, 50);
            var count = Explain(countSql, parameters);
            if (countIndex is not null)
            {
                AssertReads(count, "Dossiers", countIndex, $"{scope} / {name} count");
            }
            if (pageIndex is null)
            {
                continue;
            }
            // A merge of units' pages reads their sort keys from the index alone and then the page's own rows by rowid:
            // those fetches are of the page's rows only, the reads that matter are the index's.
            var page = Explain(pageSql, parameters).Where(l => l.Detail != "SEARCH Dossiers USING INTEGER PRIMARY KEY (rowid=?)").ToList();
            AssertReads(page, "Dossiers", pageIndex, $"{scope} / {name} page");
            // A merge whose filter the index holds whole reads no row before the page's own: 73 units' 50 entries each for
            // the province's list of one procedure, where reading their rows took up to 150 ms at 15 M dossiers.
            if (name is "one procedure" || (name is "all" && !province))
            {
                Assert.True(page.Any(l => l.Detail.Contains($"USING COVERING INDEX {pageIndex} ", StringComparison.Ordinal)),
                    $"{scope} / {name} page reads rows to merge the units' pages:\n{string.Join('\n', page.Select(l => l.Detail))}");
            }
            // A page is read from its index in order: a sort may order a unit's page of 50 or the merge of
            // the units' pages, never the rows read from Dossiers themselves (beyond ties: "RIGHT PART"/"LAST TERM").
            var sortsRows = page.Where(sort => sort.Detail == "USE TEMP B-TREE FOR ORDER BY")
                .Any(sort => page.Any(read => read.Parent == sort.Parent && IsRead(read.Detail, "Dossiers")));
            Assert.False(sortsRows, $"{scope} / {name} page sorts the dossiers it reads:\n{string.Join('\n', page.Select(l => l.Detail))}");
            // The province's overdue-first index holds the whole order, ties by code too: its pages sort nothing, not
            // even a tie group (the province's finished dossiers without a due instant are tens of thousands).
            if (pageIndex == DossierIndexes.OverdueFirst)
            {
                Assert.DoesNotContain(page, l => l.Detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal));
            }
            // So do a unit's overdue-first indexes: only the merge of the units' pages of 50 is sorted, never a tie
            // group inside one unit (a large department's finished dossiers without a due instant, a procedure without a limit).
            if (pageIndex is DossierIndexes.UnitOverdueFirst or DossierIndexes.UnitProcedureOverdueFirst)
            {
                Assert.DoesNotContain(page, l => l.Detail.StartsWith("USE TEMP B-TREE FOR RIGHT PART", StringComparison.Ordinal) ||
                                                 l.Detail.StartsWith("USE TEMP B-TREE FOR LAST", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void DossierList_CodeSearch_ReadsACodeIndexThenItsMatchesByRowid(string scope)
    {
        // A department's or a status's index would be read whole, each entry tested against the matches (1.7 s
        // for a department of 4 M dossiers): the matches are read by rowid, whatever else the filter asks.
        // Five characters or more are looked up by their pieces, fewer by trigrams.
        var procedure = _h.Catalog.Procedures.First().Id;
        foreach (var (filter, index) in new[]
        {
            (new DossierFilter(UnitOf(scope), CodeSearch: "H49.12"), "DossierCodeGrams"),
            (new DossierFilter(UnitOf(scope), CodeSearch: "9.12"), "DossierCodeSearch"),
            (new DossierFilter(UnitOf(scope), DossierStatusFilter.Open, CodeSearch: "H49.12"), "DossierCodeGrams"),
            (new DossierFilter(UnitOf(scope), DossierStatusFilter.Completed, ProcedureId: procedure, CodeSearch: "0412-0003"), "DossierCodeGrams"),
        })
        {
            var (hitsSql, pageSql, parameters) = _queries.Sql(filter, 0, 50);
            var hits = Explain(hitsSql, parameters).Select(l => l.Detail).ToList();
            Assert.True(hits.Any(l => l.Contains($"{index} VIRTUAL TABLE INDEX", StringComparison.Ordinal)),
                $"{scope} / {filter}: the matches are not read from {index}:\n{string.Join('\n', hits)}");
            foreach (var (what, plan) in new[] { ("matches", hits), ("page", Explain(pageSql, parameters).Select(l => l.Detail).ToList()) })
            {
                var reads = plan.Where(l => IsRead(l, "Dossiers")).ToList();
                Assert.True(reads.Count > 0 && reads.All(l => l.StartsWith("SEARCH Dossiers USING INTEGER PRIMARY KEY (rowid", StringComparison.Ordinal)),
                    $"{scope} / {filter}: the {what} read Dossiers otherwise than by rowid:\n{string.Join('\n', plan)}");
            }
        }
    }

    [Fact]
    public void Ranking_FiveYearsOfTheProvincesChildren_SeeksTheRollupKeys()
    {
        var children = _h.Catalog.Units.Children(_h.Catalog.Units.Root.Id).Select(u => u.Id).ToList();
        var today = ProvinceTime.LocalDate(Now);
        foreach (var range in new[] { new DayRange(today.AddYears(-5).AddDays(9), today), KpiWindows.Resolve(KpiWindow.Today, today) })
        {
            var statements = IndicatorQueries.RankingSql(children, range);
            Assert.Equal(2, statements.Count);
            foreach (var (sql, table, key) in new[]
            {
                (statements[0], "DossierRollups", "(UnitId=? AND ProcedureId=? AND Grain=? AND Period>? AND Period<?)"),
                (statements[1], "TicketRollups", "(UnitId=? AND Dimension=? AND DimensionValue=? AND Grain=? AND Period>? AND Period<?)"),
            })
            {
                var plan = Explain(sql, new Dictionary<string, object>()).Select(l => l.Detail).ToList();
                var reads = plan.Where(l => l.Contains(table, StringComparison.Ordinal)).ToList();
                Assert.NotEmpty(reads);
                Assert.All(reads, l => Assert.Contains($"SEARCH {table} USING PRIMARY KEY {key}", l, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Every line of the plan that reads <paramref name="table"/> reads it through <paramref name="index"/>, never the table itself or another index.</summary>
    /// <summary>The table itself in rowid order, no index.</summary>
    private const string RowOrder = "(rowid order)";

    private static void AssertReads(List<PlanLine> plan, string table, string index, string what)
    {
        var reads = plan.Select(l => l.Detail).Where(d => IsRead(d, table)).ToList();
        if (index == RowOrder)
        {
            Assert.True(reads.Count > 0 && reads.All(l => l == $"SCAN {table}"), $"{what} does not read {table} in rowid order:\n{string.Join('\n', plan.Select(l => l.Detail))}");
            return;
        }
        Assert.True(reads.Count > 0, $"{what}: no read of {table}:\n{string.Join('\n', plan.Select(l => l.Detail))}");
        Assert.True(reads.All(l => l.Contains($" INDEX {index} ", StringComparison.Ordinal) || l.EndsWith($" INDEX {index}", StringComparison.Ordinal)),
            $"{what} does not read {index}:\n{string.Join('\n', plan.Select(l => l.Detail))}");
    }

    private static bool IsRead(string detail, string table) =>
        detail == $"SCAN {table}" || detail.StartsWith($"SCAN {table} ", StringComparison.Ordinal) || detail.StartsWith($"SEARCH {table} ", StringComparison.Ordinal);

    private sealed record PlanLine(long Id, long Parent, string Detail);

    private List<PlanLine> Explain(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        using var c = _h.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        var lines = new List<PlanLine>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            lines.Add(new PlanLine(r.GetInt64(0), r.GetInt64(1), r.GetString(3)));
        }
        return lines;
    }
}

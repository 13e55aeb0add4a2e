using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;

namespace Ioc.Aggregation.Dossiers;

public enum DossierStatusFilter
{
    Any,
    /// <summary>Received, in processing or waiting for the citizen.</summary>
    Open,
    /// <summary>Being processed now, not waiting for the citizen: what the figure "đang giải quyết" counts.</summary>
    InProcessing,
    /// <summary>Open, being processed and past the due date (never a procedure without a limit).</summary>
    Overdue,
    /// <summary>Being processed, not yet overdue, and due by the end of the next working day.</summary>
    DueSoon,
    AwaitingSupplement,
    Completed,
    Returned,
    Withdrawn,
    /// <summary>Asked for supplementation more than once: late whatever the date (766 line 2.1).</summary>
    SecondSupplement,
}

/// <summary>Which date a list's From/To select on, matching the figure the list was opened from.</summary>
public enum DossierListBasis
{
    /// <summary>"Hồ sơ tiếp nhận": received in the window (every received dossier, whatever became of it).</summary>
    Received,
    /// <summary>"Hồ sơ đã giải quyết": completed or returned in the window (withdrawn ones are not finished).</summary>
    Finished,
    /// <summary>
    /// Figures of the state now ("đang giải quyết", "quá hạn"): every dossier in that state, whenever it
    /// was received; the window does not apply, as it does not to the figure.
    /// </summary>
    Current,
}

public enum DossierSort
{
    /// <summary>Being processed first, by due date: the longest overdue on top, then those due soonest.</summary>
    OverdueFirst,
    ReceivedNewest,
    ReceivedOldest,
    Code,
}

/// <summary>
/// What a dossier list shows. The same filter drives the table and its exports, so both hold the same rows.
/// <paramref name="From"/>/<paramref name="To"/> are whole province days on the date <paramref name="Basis"/> names;
/// both null is "toàn bộ thời gian". <paramref name="Shortfall"/> narrows to the dossiers that cost a 766 line
/// its points; it brings its own basis (<see cref="ScoreShortfalls.Basis"/>), so its count is the line's loss.
/// </summary>
public sealed record DossierFilter(
    int UnitId,
    DossierStatusFilter Status = DossierStatusFilter.Any,
    DossierChannel? Channel = null,
    int? ProcedureId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? CodeSearch = null,
    DossierSort Sort = DossierSort.OverdueFirst,
    DossierListBasis Basis = DossierListBasis.Received,
    ScoreShortfall? Shortfall = null)
{
    /// <summary>Bounded in time: counted exactly (an index range per unit), never "more than".</summary>
    public bool IsBounded => From is not null && To is not null && EffectiveBasis != DossierListBasis.Current;

    /// <summary>The basis the list selects on: a shortfall's own, else <see cref="Basis"/>.</summary>
    public DossierListBasis EffectiveBasis => Shortfall is ScoreShortfall s ? ScoreShortfalls.Basis(s) : Basis;
}

public sealed record DossierListRow(
    string Code,
    int UnitId,
    int ProcedureId,
    DossierChannel Channel,
    DossierStatus Status,
    DateTimeOffset ReceivedAt,
    TimeLimit Limit,
    DossierDue? Due,
    DateTimeOffset? FinishedAt,
    int PauseCount,
    bool? FinishedOnTime,
    bool IsOverdue);

/// <param name="Total">Rows the filter selects, counted up to <see cref="DossierQueries.CountLimit"/>.</param>
/// <param name="TotalIsExact">False when there are more than the count limit.</param>
public sealed record DossierPage(IReadOnlyList<DossierListRow> Rows, int Total, bool TotalIsExact = true);

/// <summary>One step of a dossier's timeline, with the due date (null without a limit) and clock as they stood after it.</summary>
public sealed record DossierTimelineStep(DateTimeOffset At, string EventType, string? Actor, DossierStatus Status, DossierDue? Due, int Pauses, string Source);

public sealed record DossierTimeline(DossierState State, IReadOnlyList<DossierTimelineStep> Steps);

/// <summary>
/// Dossier lists and timelines for the drill-down pages and exports: paged, filtered and sorted in
/// SQL over the unit's subtree, so a page never loads more than it shows. Spelled for either provider
/// (<see cref="SqlDialect"/>): SQLite's text is exactly what it was before PostgreSQL came, hints and
/// FTS5 code search included; PostgreSQL's planner finds the partial and trigram indexes without them.
/// </summary>
public sealed class DossierQueries(IQueryDatabase database, ReferenceCatalog catalog, WorkingCalendar calendar, ProvinceClock clock)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>The largest page <see cref="ListAsync"/> hands out; exports read <see cref="StreamAsync"/>, which has no limit.</summary>
    public const int MaxPageRows = 1_000;

    /// <summary>Beyond this many rows a list says "more than"; counting millions exactly would cost seconds.</summary>
    public const int CountLimit = 10_000;

    /// <summary>Shortest code search the trigram index (DossierCodeSearch) can answer; shorter ones scan the codes.</summary>
    private const int CodeTrigramLength = 3;

    /// <remarks>
    /// A page comes from indexes read in order, never from sorting the subtree: the province's list
    /// reads the global (IsActive, DueAt) or code index; a subtree's list, and the province's list of one
    /// procedure or of a status with its own partial index, merges each unit's first <c>skip + take</c>
    /// rows, read from that unit's index (<see cref="DossierIndexes"/>). A count stops at
    /// <see cref="CountLimit"/> + 1 rows, so no count reads more than that many index entries; a list
    /// opened from a figure takes its exact count from the figure's rollups instead.
    /// </remarks>
    public async Task<DossierPage> ListAsync(DossierFilter filter, int skip, int take, CancellationToken ct = default)
    {
        using var timer = Telemetry.IocMetrics.TimeQuery("dossiers.list");
        await using var c = await database.OpenReadAsync(ct);
        take = Math.Clamp(take, 1, MaxPageRows);
        skip = Math.Max(0, skip);
        var plan = Plan(filter);
        List<long>? hits = null;
        int counted;
        bool exact;
        if (FigureCount(c, filter) is long figure)
        {
            (counted, exact) = ((int)Math.Min(figure, int.MaxValue), true);
        }
        else if (plan.ByCodeIndex)
        {
            // The code index is read once: its matches give the count and then the page.
            hits = await CodeHitsAsync(c, plan, ct);
            (counted, exact) = (Math.Min(hits.Count, CountLimit), hits.Count <= CountLimit);
        }
        else if (LowerBound(c, filter) > CountLimit)
        {
            (counted, exact) = (CountLimit, false);
        }
        else
        {
            (counted, exact) = await BoundedCountAsync(c, plan, ct);
        }

        if (!exact && !string.IsNullOrWhiteSpace(filter.CodeSearch))
        {
            // A term most codes contain ("H49"): reading the ordering index finds a page at once,
            // where a code index would hand over every match to be sorted.
            plan = Plan(filter, indexedCodeSearch: false);
            hits = null;
        }
        using var cmd = c.CreateCommand();
        if (hits is null)
        {
            cmd.CommandText = plan.PageSql(skip, take);
            AddParameters(cmd, plan.Parameters);
        }
        else
        {
            cmd.CommandText = plan.PageOfHitsSql(skip, take);
            cmd.AddParameter("@hits", JsonSerializer.Serialize(hits));
        }
        var rows = new List<DossierListRow>();
        var now = clock.UtcNow;
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(RowOf(StateStore.ReadDossier(r), now));
        }
        return new DossierPage(rows, exact ? counted : CountLimit, exact);
    }

    /// <summary>The SQL a list runs (its count unless it is a figure's, and its page), for the query-plan tests.</summary>
    internal (string CountSql, string PageSql, IReadOnlyDictionary<string, object> Parameters) Sql(DossierFilter filter, int skip, int take)
    {
        var plan = Plan(filter);
        return plan.ByCodeIndex
            ? (plan.HitsSql, plan.PageOfHitsSql(skip, take), new Dictionary<string, object>(plan.Parameters) { ["@hits"] = "[]" })
            : (plan.CountSql, plan.PageSql(skip, take), plan.Parameters);
    }

    /// <summary>The rowids of the dossiers an indexed code search selects, up to <see cref="CountLimit"/> + 1.</summary>
    private static async Task<List<long>> CodeHitsAsync(DbConnection c, ListPlan plan, CancellationToken ct)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = plan.HitsSql;
        AddParameters(cmd, plan.Parameters);
        var hits = new List<long>();
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            hits.Add(r.GetInt64(0));
        }
        return hits;
    }

    private ListPlan Plan(DossierFilter filter, bool indexedCodeSearch = true)
    {
        var (where, parameters) = Where(filter, indexedCodeSearch);
        var units = catalog.Units.Subtree(filter.UnitId).Select(u => u.Id).ToList();
        var wholeProvince = units.Count == catalog.Units.All.Count;
        // A filter whose index leads with the unit is read unit by unit, even for the whole province.
        var partial = PartialIndexOf(filter);
        var (countTable, countPerUnit) = CountAccess(_d, filter, wholeProvince, partial);
        return new ListPlan(_d, where, parameters, OrderBy(filter.Sort), SortKeysOf(filter.Sort), units, wholeProvince, !wholeProvince || ReadsUnitIndex(filter),
            filter.Sort == DossierSort.Code, partial ?? UnitPageIndexOf(filter), countTable, countPerUnit,
            indexedCodeSearch && ReadsCodeIndex(filter));
    }

    /// <summary>
    /// Whether the list's condition reads an index of codes (SQLite, a term of three characters or more).
    /// Such a list is read from the index's matches, not from a unit's or a status's index: a department's
    /// index holds millions of dossiers, each of which would be tested against the matches.
    /// </summary>
    private bool ReadsCodeIndex(DossierFilter f) =>
        _d.IsSqlite && !string.IsNullOrWhiteSpace(f.CodeSearch) && f.CodeSearch.Trim().Length >= CodeTrigramLength;

    /// <summary>
    /// How a count reads Dossiers, and whether it names the units. Filters with an index of their own read
    /// it (covering where it can). The rest test columns no index holds (status, channel, dates) row by row:
    /// they read the rows in the order they were inserted, where 10.001 matches lie on neighbouring pages;
    /// through an index ordered otherwise (say by procedure) the same count jumps across the whole table.
    /// </summary>
    private static (string Table, bool PerUnit) CountAccess(SqlDialect d, DossierFilter f, bool wholeProvince, string? partial)
    {
        if (partial is not null)
        {
            return (d.Hinted("Dossiers", $"INDEXED BY {partial}"), true);
        }
        if (f.ProcedureId is not null || !string.IsNullOrWhiteSpace(f.CodeSearch) || f.Status is DossierStatusFilter.Overdue or DossierStatusFilter.DueSoon)
        {
            return (d.Name("Dossiers"), !wholeProvince || f.ProcedureId is not null);
        }
        var windowed = f.Basis != DossierListBasis.Current && (f.From is not null || f.To is not null);
        return wholeProvince && !windowed
            ? (d.Hinted("Dossiers", "NOT INDEXED"), false)
            : (d.Hinted("Dossiers", $"INDEXED BY {DossierIndexes.UnitReceived}"), true);
    }

    /// <summary>
    /// The partial index a status filter reads. SQLite's planner does not weigh a partial index's size, so
    /// without INDEXED BY it counts open dossiers through a full-size unit index and reads each row to test
    /// the status; INDEXED BY also turns a dropped index into an error instead of a slow list.
    /// </summary>
    private static string? PartialIndexOf(DossierFilter f) => f.ProcedureId is not null ? null : f.Status switch
    {
        DossierStatusFilter.Open or DossierStatusFilter.InProcessing => DossierIndexes.Open,
        DossierStatusFilter.AwaitingSupplement => DossierIndexes.AwaitingSupplement,
        DossierStatusFilter.Returned or DossierStatusFilter.Withdrawn => DossierIndexes.ReturnedOrWithdrawn,
        _ => null,
    };

    /// <summary>
    /// The index a unit's overdue-first page reads when no partial or procedure index serves its filter: the
    /// province's index holds the whole order (ties by code), so SQLite's planner would rather read it, with
    /// no sort, than the unit's and sort a tie group, and then walk the province's dossiers to find one
    /// commune's fifty. Windows and code searches are left to the planner (they narrow by another index).
    /// </summary>
    private static string? UnitPageIndexOf(DossierFilter f) =>
        f.Sort == DossierSort.OverdueFirst && f.ProcedureId is null && f.From is null && f.To is null && string.IsNullOrWhiteSpace(f.CodeSearch)
            ? DossierIndexes.UnitOverdueFirst
            : null;

    /// <summary>The SQL of one list: its conditions, the units it covers and how its page is read.</summary>
    private sealed record ListPlan(SqlDialect D, string Where, Dictionary<string, object> Parameters, string Order, string SortKeys, List<int> Units, bool WholeProvince, bool PerUnit, bool ByCode,
        string? PageIndex, string CountTable, bool CountPerUnit, bool ByCodeIndex)
    {
        private string UnitList => string.Join(',', Units.Select(u => u.ToString(CultureInfo.InvariantCulture)));

        private string Table => PageIndex is null ? D.Name("Dossiers") : D.Hinted("Dossiers", $"INDEXED BY {PageIndex}");

        private string UnitId => D.Name("UnitId");

        /// <summary>
        /// Stops at <see cref="CountLimit"/> + 1 rows: beyond the limit the list says "hơn 10.000", so no
        /// count reads more than that many entries of the index the filter leads to.
        /// </summary>
        public string CountSql =>
            $"SELECT COUNT(*) FROM {D.Derived($"SELECT 1 FROM {CountTable} WHERE {Where}{(CountPerUnit ? $" AND {UnitId} IN ({UnitList})" : "")} LIMIT {CountLimit + 1}", "b")}";

        /// <summary>
        /// An indexed code search's matches (<see cref="ByCodeIndex"/>), up to one more than the count limit.
        /// NOT INDEXED leaves SQLite only the rowids the code index hands over; "+UnitId" alone still let it
        /// prefer a status's partial index. The matches are few: a term most codes contain is over the limit at
        /// once, and its page is then read from the ordering index (<see cref="ListAsync"/>).
        /// </summary>
        public string HitsSql =>
            $"SELECT rowid FROM {D.Hinted("Dossiers", "NOT INDEXED")} WHERE {Where}{(WholeProvince ? "" : $" AND +{UnitId} IN ({UnitList})")} LIMIT {CountLimit + 1}";

        /// <summary>A page of the matches <see cref="HitsSql"/> found (their rowids in @hits, a JSON array), sorted.</summary>
        public string PageOfHitsSql(int skip, int take) =>
            $"{SelectOf(D, D.Hinted("Dossiers", "NOT INDEXED"))} " +
            $"WHERE rowid IN (SELECT value FROM json_each(@hits)) ORDER BY {Order} LIMIT {take} OFFSET {skip}";

        public string PageSql(int skip, int take)
        {
            if (!PerUnit || ByCode)
            {
                // "+UnitId" keeps SQLite on the ordering index (code) instead of the unit index plus a sort.
                var unitFilter = WholeProvince ? "" : $" AND {(D.IsSqlite ? "+" : "")}{UnitId} IN ({UnitList})";
                return $"{SelectOf(D)} WHERE {Where}{unitFilter} ORDER BY {Order} LIMIT {take} OFFSET {skip}";
            }
            if (!D.IsSqlite)
            {
                // The same merge as one statement that reads each unit's index in turn: PostgreSQL plans every arm
                // of a UNION ALL, and a province's seventy-odd arms took it 36 ms to plan for a 9 ms read.
                return $"SELECT {DossierColumnsOf(D, "m")} FROM unnest(ARRAY[{UnitList}]) AS u(id) CROSS JOIN LATERAL " +
                       $"(SELECT * FROM {Table} WHERE {UnitId} = u.id AND {Where} ORDER BY {Order} LIMIT {skip + take}) AS m ORDER BY {Order} LIMIT {take} OFFSET {skip}";
            }
            // Each unit hands over its first rows' rowids and sort keys only, which its index holds: a province's
            // 73 units read 3,650 index entries for a page, not 3,650 rows. The page's own rows are read last, by rowid.
            var arms = Units.Select(u => $"SELECT * FROM {D.Derived($"SELECT rowid AS id, {SortKeys} FROM {Table} WHERE {UnitId} = {u} AND {Where} ORDER BY {Order} LIMIT {skip + take}", "u" + u.ToString(CultureInfo.InvariantCulture))}");
            return $"{SelectOf(D)} WHERE rowid IN (SELECT id FROM ({string.Join(" UNION ALL ", arms)}) AS m ORDER BY {Order} LIMIT {take} OFFSET {skip}) ORDER BY {Order}";
        }
    }

    private static async Task<(int Count, bool Exact)> BoundedCountAsync(DbConnection c, ListPlan plan, CancellationToken ct)
    {
        using var count = c.CreateCommand();
        count.CommandText = plan.CountSql;
        AddParameters(count, plan.Parameters);
        var counted = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return (Math.Min(counted, CountLimit), counted <= CountLimit);
    }

    /// <summary>Filters whose index leads with the unit (a procedure, or a status with a partial index of its own).</summary>
    private static bool ReadsUnitIndex(DossierFilter f) =>
        f.ProcedureId is not null ||
        f.Status is DossierStatusFilter.Open or DossierStatusFilter.InProcessing or DossierStatusFilter.AwaitingSupplement
            or DossierStatusFilter.Returned or DossierStatusFilter.Withdrawn;

    /// <summary>
    /// A list opened from a figure (a unit, perhaps one procedure, a window on the received or finished
    /// date, nothing else) holds exactly the dossiers the figure counts, so its count is the figure,
    /// summed from the same rollups in a millisecond: counting a province's year of rows would take
    /// seconds at 15 M dossiers. Null for any other list.
    /// </summary>
    private long? FigureCount(DbConnection c, DossierFilter f)
    {
        // A score line's shortfall is a part of the figure, never the whole: it is counted from the table.
        if (!f.IsBounded || f.Status != DossierStatusFilter.Any || f.Shortfall is not null || f.Channel is not null || !string.IsNullOrWhiteSpace(f.CodeSearch))
        {
            return null;
        }
        var measure = f.Basis == DossierListBasis.Finished ? DossierMeasure.Finished : DossierMeasure.Received;
        return RollupSum(c, f, new DayRange(f.From!.Value, f.To!.Value), measure);
    }

    /// <summary>One measure of the dossier rollups of the filter's unit (its subtree) and procedure, if any, over the range.</summary>
    private long RollupSum(DbConnection c, DossierFilter f, DayRange range, DossierMeasure measure)
    {
        var sums = RollupReader.Sum(c, _d, RollupTable.Dossiers, $"{_d.Name("UnitId")} = @u AND {_d.Name("ProcedureId")} = @p", "UnitId", range,
            new Dictionary<string, object> { ["@u"] = f.UnitId, ["@p"] = f.ProcedureId ?? 0 });
        return sums.TryGetValue(f.UnitId, out var row) ? row[(int)measure] : 0;
    }

    /// <summary>
    /// How many dossiers the list holds at least, from the rollups, for the lists whose bounded count would read
    /// a row for each dossier it counts (no index holds their status or channel): a unit's completed dossiers,
    /// or those received online. Every dossier the rollup measure counts is in the list (a completed one has
    /// finished its clock; one counted online by an eligible procedure was received online), so a sum above
    /// <see cref="CountLimit"/> says "hơn 10.000" in a millisecond where counting took tens. 0 for other lists.
    /// </summary>
    private long LowerBound(DbConnection c, DossierFilter f)
    {
        if (f.From is not null || f.To is not null || f.Shortfall is not null || !string.IsNullOrWhiteSpace(f.CodeSearch) ||
            f.EffectiveBasis == DossierListBasis.Finished)
        {
            return 0;
        }
        DossierMeasure? measure = (f.Status, f.Channel) switch
        {
            (DossierStatusFilter.Completed, null) => DossierMeasure.Completed,
            (DossierStatusFilter.Any, DossierChannel.Online) => DossierMeasure.EligibleOnline,
            _ => null,
        };
        return measure is DossierMeasure m ? RollupSum(c, f, AllTime, m) : 0;
    }

    /// <summary>Whole months around any date a dossier can carry: the rollups' month rows, a few per unit and year.</summary>
    private static readonly DayRange AllTime = new(new DateOnly(1990, 1, 1), new DateOnly(2099, 12, 31));

    /// <summary>
    /// Every row the filter selects, in the list's order, read as the caller consumes them: an export of
    /// a province's year holds all of its rows without holding them in memory.
    /// </summary>
    public async IAsyncEnumerable<DossierListRow> StreamAsync(DossierFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var (where, parameters) = Where(filter);
        var units = catalog.Units.Subtree(filter.UnitId).Select(u => u.Id).ToList();
        var unitFilter = units.Count == catalog.Units.All.Count ? "" : $" AND {_d.Name("UnitId")} IN ({string.Join(',', units.Select(u => u.ToString(CultureInfo.InvariantCulture)))})";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"{SelectOf(_d)} WHERE {where}{unitFilter} ORDER BY {OrderBy(filter.Sort)}";
        AddParameters(cmd, parameters);
        var now = clock.UtcNow;
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return RowOf(StateStore.ReadDossier(r), now);
        }
    }

    private DossierListRow RowOf(DossierState s, DateTimeOffset now) =>
        new(s.Code, s.UnitId, s.ProcedureId, s.Channel, s.Status, s.ReceivedAt, s.Limit, s.CurrentDue(calendar), s.FinishedAt, s.Pauses.Count, s.FinishedOnTime, s.IsOverdueAt(now));

    private static string DossierColumnsOf(SqlDialect d, string alias) =>
        string.Join(", ", StateStore.DossierColumns.Split(", ").Select(col => $"{alias}.{d.Name(col)}"));

    /// <summary><see cref="StateStore.DossierSelect"/> in the provider's spelling (SQLite's is that text).</summary>
    private static string SelectOf(SqlDialect d, string? table = null) =>
        $"SELECT {string.Join(", ", StateStore.DossierColumns.Split(", ").Select(d.Name))} FROM {table ?? d.Name("Dossiers")}";

    public async Task<DossierTimeline?> TimelineAsync(string code, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        if (await LoadAsync(c, code, ct) is not { } state)
        {
            return null;
        }
        using var cmd = c.CreateCommand();
        // A range on the type reads SQLite's index; PostgreSQL compares text by the database's collation, where
        // punctuation may not order as bytes do, so there the prefix is a LIKE, true under any collation.
        var dossierEvents = _d.IsSqlite ? "Type >= 'dossier.' AND Type < 'dossier/'" : $"{_d.Name("Type")} LIKE 'dossier.%'";
        cmd.CommandText = $"SELECT {_d.Name("Payload")}, {_d.Name("Source")} FROM {_d.Name("Events")} WHERE {_d.Name("EntityCode")} = @code AND {dossierEvents} ORDER BY {_d.Name("Seq")}";
        cmd.AddParameter("@code", code);
        var steps = new List<DossierTimelineStep>();
        DossierState? replay = null;
        var parser = Ingest.EventParser.ForReplay(catalog);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var wire = JsonSerializer.Deserialize(r.GetString(0), IngestJsonContext.Default.IngestEvent)!;
            if (parser.Parse(0, wire, []) is not { Dossier: { } e })
            {
                continue;
            }
            replay = DossierLifecycle.Apply(replay, e, catalog, calendar).State ?? replay;
            if (replay is not null)
            {
                steps.Add(new DossierTimelineStep(e.OccurredAt, wire.Type!, wire.Actor, replay.Status, replay.Due, replay.Pauses.Count, r.GetString(1)));
            }
        }
        return new DossierTimeline(state, steps);
    }

    private async Task<DossierState?> LoadAsync(DbConnection c, string code, CancellationToken ct)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"{SelectOf(_d)} WHERE {_d.Name("Code")} = @code";
        cmd.AddParameter("@code", code);
        using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? StateStore.ReadDossier(r) : null;
    }

    /// <summary>The filter's conditions other than the unit subtree, which each query places itself.</summary>
    private (string Where, Dictionary<string, object> Parameters) Where(DossierFilter f, bool indexedCodeSearch = true)
    {
        var p = new Dictionary<string, object>();
        var sb = new StringBuilder(_d.True);
        var now = UnixTime.Ms(clock.UtcNow);
        string N(string column) => _d.Name(column);
        var active = $"{N("IsActive")} = {_d.True}";
        // Partial indexes serve a query only when it repeats their filter word for word (DossierIndexes);
        // finished dossiers never run a clock, and "IsActive = 0" lets the overdue-first indexes skip the active ones.
        switch (f.Status)
        {
            case DossierStatusFilter.Open:
                sb.Append($" AND {OpenFilter}");
                break;
            case DossierStatusFilter.InProcessing:
                sb.Append($" AND {OpenFilter} AND {N("Status")} IN ({(int)DossierStatus.Received},{(int)DossierStatus.InProcessing})");
                break;
            case DossierStatusFilter.Overdue:
                sb.Append($" AND {active} AND {N("DueAt")} < {now}");
                break;
            case DossierStatusFilter.DueSoon:
                var soon = UnixTime.Ms(DossierDue.EndOf(calendar.AddWorkingDays(clock.Today, 1)).Deadline);
                sb.Append($" AND {active} AND {N("DueAt")} BETWEEN {now} AND {soon}");
                break;
            case DossierStatusFilter.AwaitingSupplement:
                sb.Append($" AND {(_d.IsSqlite ? DossierIndexes.AwaitingSupplementFilter : DossierIndexes.PostgreSql.AwaitingSupplementFilter)}");
                break;
            case DossierStatusFilter.Completed:
                sb.Append($" AND {N("IsActive")} = {_d.False} AND {N("Status")} = {(int)DossierStatus.Completed}");
                break;
            case DossierStatusFilter.Returned:
                sb.Append($" AND {ReturnedOrWithdrawnFilter} AND {N("Status")} = {(int)DossierStatus.Returned}");
                break;
            case DossierStatusFilter.Withdrawn:
                sb.Append($" AND {ReturnedOrWithdrawnFilter} AND {N("Status")} = {(int)DossierStatus.Withdrawn}");
                break;
            case DossierStatusFilter.SecondSupplement:
                sb.Append($" AND {N("PauseCount")} >= 2");
                break;
        }
        if (f.Channel is DossierChannel channel)
        {
            sb.Append($" AND {N("Channel")} = @channel");
            p["@channel"] = (int)channel;
        }
        if (f.ProcedureId is int procedure)
        {
            sb.Append($" AND {N("ProcedureId")} = @procedure");
            p["@procedure"] = procedure;
        }
        if (f.Shortfall == ScoreShortfall.Late)
        {
            LateCondition(f, sb, p);
            return CodeCondition(f, sb, p, indexedCodeSearch);
        }
        ShortfallCondition(f.Shortfall, sb);
        // The figures count a dossier on the province day it was received or finished (DossierContribution).
        var basis = f.EffectiveBasis;
        var dateColumn = basis == DossierListBasis.Finished ? "FinishedAt" : "ReceivedAt";
        if (basis == DossierListBasis.Finished)
        {
            sb.Append($" AND {N("IsActive")} = {_d.False} AND {N("Status")} IN ({(int)DossierStatus.Completed},{(int)DossierStatus.Returned})");
        }
        if (basis == DossierListBasis.Current)
        {
            return CodeCondition(f, sb, p, indexedCodeSearch);
        }
        WindowCondition(f, dateColumn, sb, p);
        return CodeCondition(f, sb, p, indexedCodeSearch);
    }

    // The partial indexes' filters as each provider's indexes were created with them.
    private string OpenFilter => _d.IsSqlite ? DossierIndexes.OpenFilter : DossierIndexes.PostgreSql.OpenFilter;

    private string ReturnedOrWithdrawnFilter => _d.IsSqlite ? DossierIndexes.ReturnedOrWithdrawnFilter : DossierIndexes.PostgreSql.ReturnedOrWithdrawnFilter;

    /// <summary>The window's whole province days on <paramref name="column"/> (a receipt or a finish).</summary>
    private void WindowCondition(DossierFilter f, string column, StringBuilder sb, Dictionary<string, object> p)
    {
        if (f.From is DateOnly from)
        {
            sb.Append($" AND {_d.Name(column)} >= @from");
            p["@from"] = ProvinceTime.StartOfDay(from).ToUnixTimeMilliseconds();
        }
        if (f.To is DateOnly to)
        {
            sb.Append($" AND {_d.Name(column)} < @to");
            p["@to"] = ProvinceTime.StartOfDay(to.AddDays(1)).ToUnixTimeMilliseconds();
        }
    }

    /// <summary>The dossiers a receipt or result line counts against (KpiCalculator's denominators less their numerators).</summary>
    private void ShortfallCondition(ScoreShortfall? shortfall, StringBuilder sb)
    {
        string N(string column) => _d.Name(column);
        var online = (int)DossierChannel.Online;
        switch (shortfall)
        {
            case ScoreShortfall.Offline:
                sb.Append($" AND {N("Channel")} <> {online} AND {N("OnlineLevel")} <> {(int)OnlineLevel.None}");
                break;
            case ScoreShortfall.FullServiceOffline:
                sb.Append($" AND {N("Channel")} <> {online} AND {N("OnlineLevel")} = {(int)OnlineLevel.Full}");
                break;
            case ScoreShortfall.UnpaidOnline:
                sb.Append($" AND {N("FeeBearing")} = {_d.True} AND ({N("Flags")} & {(int)DossierFlags.PaidOnline}) = 0");
                break;
            case ScoreShortfall.NotDigitized:
                sb.Append($" AND ({N("Flags")} & {(int)DossierFlags.Digitized}) = 0");
                break;
            case ScoreShortfall.PaperResult:
                sb.Append($" AND {N("Status")} = {(int)DossierStatus.Completed} AND ({N("Flags")} & {(int)DossierFlags.ElectronicResult}) = 0");
                break;
        }
    }

    /// <summary>
    /// 2.1's loss: finished late in the window (the verdict stored with the state), plus, for a window
    /// that reaches today, the dossiers being processed now that today's rollups count as late: due
    /// day before today, or a second supplementation request (DossierContribution's active segments).
    /// A window that ended earlier lists the finished ones only: where a dossier stood at a past
    /// window's end is in its events, not in its state.
    /// </summary>
    private void LateCondition(DossierFilter f, StringBuilder sb, Dictionary<string, object> p)
    {
        var finished = new StringBuilder(_d.IsSqlite ? DossierIndexes.FinishedLateFilter : DossierIndexes.PostgreSql.FinishedLateFilter);
        WindowCondition(f, "FinishedAt", finished, p);
        if (f.To is DateOnly end && end < clock.Today)
        {
            sb.Append($" AND {finished}");
            return;
        }
        // Running dossiers the window's figures count as late: due before now (a whole day that ended, or an hour
        // limit that passed earlier today, as IndicatorQueries counts them) or supplemented a second time.
        p["@now"] = clock.UtcNow.ToUnixTimeMilliseconds();
        sb.Append($" AND (({finished}) OR ({_d.Name("IsActive")} = {_d.True} AND ({_d.Name("DueAt")} < @now OR {_d.Name("PauseCount")} >= 2)))");
    }

    private (string Where, Dictionary<string, object> Parameters) CodeCondition(DossierFilter f, StringBuilder sb, Dictionary<string, object> p, bool indexedCodeSearch)
    {
        if (!string.IsNullOrWhiteSpace(f.CodeSearch))
        {
            // Codes are ASCII; a contains-search with LIKE escapes the wildcards people may type. On PostgreSQL
            // the trigram (GIN) index on Code answers this very condition, so it needs nothing more.
            var term = f.CodeSearch.Trim();
            sb.Append($" AND {_d.Name("Code")} {_d.Like} @code ESCAPE '\\'");
            p["@code"] = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            if (_d.IsSqlite && indexedCodeSearch && term.Length >= CodeTrigramLength)
            {
                // An index of codes finds the few containing the term without reading every code: the five-character
                // pieces for a term that has one (DossierCodeGrams), else the trigrams; dossiers newer than the
                // indexes (DossierCodeIndexer) are read from the table's tail.
                var (table, match) = DossierCodeGrams.Match(term) is { } grams
                    ? ("DossierCodeGrams", grams)
                    : ("DossierCodeSearch", "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
                sb.Append($" AND rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH @codeMatch" +
                          " UNION ALL SELECT rowid FROM Dossiers WHERE rowid > (SELECT IndexedThrough FROM DossierCodeSearchState))");
                p["@codeMatch"] = match;
            }
        }
        return (sb.ToString(), p);
    }

    private string OrderBy(DossierSort sort) => sort switch
    {
        DossierSort.ReceivedNewest => $"{_d.Name("ReceivedAt")} DESC, {_d.Name("Code")}",
        DossierSort.ReceivedOldest => $"{_d.Name("ReceivedAt")}, {_d.Name("Code")}",
        DossierSort.Code => _d.Name("Code"),
        // Among dossiers whose clock runs, the earliest due instants are the overdue ones: due order is overdue-first.
        // Active dossiers without a limit (no due instant) come first among the active, as SQLite sorts NULLs.
        _ => $"{_d.Name("IsActive")} DESC, {_d.NullsFirst("DueAt")}, {_d.Name("Code")}",
    };

    /// <summary>The columns <see cref="OrderBy"/> sorts on, and nothing else: what a unit's page merge carries.</summary>
    private string SortKeysOf(DossierSort sort) => string.Join(", ", (sort switch
    {
        DossierSort.ReceivedNewest or DossierSort.ReceivedOldest => new[] { "ReceivedAt", "Code" },
        DossierSort.Code => ["Code"],
        _ => ["IsActive", "DueAt", "Code"],
    }).Select(_d.Name));

    private static void AddParameters(DbCommand cmd, Dictionary<string, object> parameters)
    {
        foreach (var (k, v) in parameters)
        {
            cmd.AddParameter(k, v);
        }
    }
}

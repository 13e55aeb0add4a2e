using System.Data.Common;
using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Contracts;
using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Indicators;

public sealed record UnitKpis(int UnitId, DossierKpis Dossiers, HotlineKpis Hotline);

public sealed record ProcedureKpis(int ProcedureId, DossierKpis Dossiers);

public sealed record HotlineSlice(TicketDimension Dimension, int Value, HotlineKpis Hotline);

/// <summary>A ticket as public screens may show it: no text, no reporter.</summary>
public sealed record TicketHeadline(string Code, DateTimeOffset CreatedAt, int? CategoryId, int? CommuneId, TicketChannel Channel, TicketStatus Status);

/// <param name="Start">First day of the bucket.</param>
/// <param name="End">Last day of the bucket that has passed (the window's end for the last bucket).</param>
public sealed record TrendPoint(DateOnly Start, DateOnly End, DossierKpis Dossiers, HotlineKpis Hotline);

/// <summary>
/// Answers every indicator question from rollups: one unit (its whole subtree) or many, per
/// procedure, per hotline breakdown, and as trends. Tables are read only for what changes by the
/// minute: tickets open past their SLA, and (for windows that end today) dossiers whose due instant
/// passed earlier today — an index range of a few rows, never a scan.
/// </summary>
public sealed class IndicatorQueries(IQueryDatabase database, ReferenceCatalog catalog, ScoreCardDefinition scoreCard, ProvinceClock clock)
{
    private readonly SqlDialect _d = database.Dialect;

    public DateOnly Today => clock.Today;

    public ReferenceCatalog Catalog => catalog;

    public DayRange Resolve(KpiWindow window) => KpiWindows.Resolve(window, Today);

    /// <summary>One unit's indicators (its whole subtree), with the median answer time.</summary>
    public async Task<UnitKpis> GetAsync(int unitId, DayRange range, CancellationToken ct = default) =>
        (await ReadAsync([unitId], range, withMedians: true, ct))[0];

    /// <summary>
    /// Indicators of several units' subtrees (e.g. a unit's children, for ranking), in the order asked,
    /// without the median answer time (<see cref="HotlineKpis.MedianHoursToAnswer"/> is null): a median
    /// needs each unit's whole answer-time histogram, hour by hour and month by month, which for 150
    /// children over five years is hundreds of thousands of rows, where every other figure of a ranking
    /// is a few rows per child. No ranking shows a median; one unit's median comes from <see cref="GetAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<UnitKpis>> GetManyAsync(IReadOnlyList<int> unitIds, DayRange range, CancellationToken ct = default) =>
        ReadAsync(unitIds, range, withMedians: false, ct);

    private async Task<IReadOnlyList<UnitKpis>> ReadAsync(IReadOnlyList<int> unitIds, DayRange range, bool withMedians, CancellationToken ct)
    {
        // Every page's figures, every ranking and every published snapshot come through here.
        using var timer = Telemetry.IocMetrics.TimeQuery(withMedians ? "indicators.unit" : "indicators.ranking");
        await using var c = await database.OpenReadAsync(ct);
        var units = RollupReader.InList(unitIds);
        var dossiers = RollupReader.Sum(c, _d, RollupTable.Dossiers, DossierKey(_d, units), "UnitId", range);
        var tickets = RollupReader.Sum(c, _d, RollupTable.Tickets, TicketKey(_d, units), "UnitId", range);
        var answers = withMedians ? RollupReader.AnswerTimes(c, _d, TicketKey(_d, units), "UnitId", range) : null;
        var open = OpenTicketsByUnit(c, null);
        var dueEarlier = DueEarlierToday(c, range);
        return [.. unitIds.Select(u => new UnitKpis(
            u,
            WithDueEarlierToday(DossierKpisOf(dossiers.GetValueOrDefault(u)), dueEarlier, u, null),
            HotlineKpisOf(tickets.GetValueOrDefault(u), OverdueIn(open, u, null), answers?.GetValueOrDefault(u), withMedians)))];
    }

    /// <summary>The statements a ranking (<see cref="GetManyAsync"/>) runs on the rollups, for the query-plan tests.</summary>
    internal static IReadOnlyList<string> RankingSql(IReadOnlyList<int> unitIds, DayRange range)
    {
        var units = RollupReader.InList(unitIds);
        var d = SqlDialect.Sqlite;
        return [.. new[] { RollupReader.SumSql(d, RollupTable.Dossiers, DossierKey(d, units), "UnitId", range), RollupReader.SumSql(d, RollupTable.Tickets, TicketKey(d, units), "UnitId", range) }.OfType<string>()];
    }

    private static string DossierKey(SqlDialect d, string units) => $"{d.Name("UnitId")} IN ({units}) AND {d.Name("ProcedureId")} = 0";

    private static string TicketKey(SqlDialect d, string units) => $"{d.Name("UnitId")} IN ({units}) AND {AllTickets(d)}";

    private static string AllTickets(SqlDialect d) => $"{d.Name("Dimension")} = 0 AND {d.Name("DimensionValue")} = 0";

    /// <summary>One unit's key, with @u (and more, as <paramref name="more"/> spells them).</summary>
    private string UnitIs(string more) => $"{_d.Name("UnitId")} = @u AND {more}";

    public async Task<DossierKpis> GetProcedureAsync(int unitId, int procedureId, DayRange range, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var rows = RollupReader.Sum(c, _d, RollupTable.Dossiers, UnitIs($"{_d.Name("ProcedureId")} = @p"), "ProcedureId", range,
            new Dictionary<string, object> { ["@u"] = unitId, ["@p"] = procedureId });
        return WithDueEarlierToday(DossierKpisOf(rows.GetValueOrDefault(procedureId)), DueEarlierToday(c, range), unitId, procedureId);
    }

    /// <summary>Every procedure with activity in the unit's subtree up to the window's end.</summary>
    public async Task<IReadOnlyList<ProcedureKpis>> ByProcedureAsync(int unitId, DayRange range, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        // An explicit IN list lets SQLite seek the primary key per procedure instead of scanning the unit's rows.
        var procedures = RollupReader.InList(catalog.Procedures.Select(p => p.Id));
        var rows = RollupReader.Sum(c, _d, RollupTable.Dossiers, UnitIs($"{_d.Name("ProcedureId")} IN ({procedures})"), "ProcedureId", range,
            new Dictionary<string, object> { ["@u"] = unitId });
        var dueEarlier = DueEarlierToday(c, range);
        return [.. rows.Select(kv => new ProcedureKpis(kv.Key, WithDueEarlierToday(DossierKpisOf(kv.Value), dueEarlier, unitId, kv.Key)))];
    }

    /// <summary>Hotline indicators of a unit's subtree broken down by category, channel or commune.</summary>
    public async Task<IReadOnlyList<HotlineSlice>> HotlineBreakdownAsync(int unitId, DayRange range, TicketDimension dimension, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var p = new Dictionary<string, object> { ["@u"] = unitId, ["@d"] = (int)dimension };
        var key = UnitIs($"{_d.Name("Dimension")} = @d");
        var rows = RollupReader.Sum(c, _d, RollupTable.Tickets, key, "DimensionValue", range, p);
        var answers = RollupReader.AnswerTimes(c, _d, key, "DimensionValue", range, p);
        var open = OpenTicketsByUnit(c, dimension);
        return [.. rows.Select(kv => new HotlineSlice(dimension, kv.Key,
            HotlineKpisOf(kv.Value, OverdueIn(open, unitId, kv.Key), answers.GetValueOrDefault(kv.Key))))];
    }

    /// <summary>Daily or monthly points over a range; each point's "at end" values are judged at the bucket's last day.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(int unitId, DayRange range, RollupGrainKind grain, int procedureId = 0, CancellationToken ct = default)
    {
        using var timer = Telemetry.IocMetrics.TimeQuery("indicators.trend");
        await using var c = await database.OpenReadAsync(ct);
        var p = new Dictionary<string, object> { ["@u"] = unitId, ["@p"] = procedureId };
        var (dBefore, dBuckets) = RollupReader.Series(c, _d, RollupTable.Dossiers, UnitIs($"{_d.Name("ProcedureId")} = @p"), grain, range.From, range.To, p);
        var (tBefore, tBuckets) = procedureId == 0
            ? RollupReader.Series(c, _d, RollupTable.Tickets, UnitIs(AllTickets(_d)), grain, range.From, range.To, p)
            : (new long[RollupTable.Tickets.Width], new SortedDictionary<int, long[]>());
        var points = new List<TrendPoint>();
        var dueEarlier = DueEarlierToday(c, range);
        var dRunning = dBefore;
        var tRunning = tBefore;
        foreach (var (start, end, key) in Buckets(range, grain))
        {
            var dFlows = dBuckets.GetValueOrDefault(key) ?? new long[RollupTable.Dossiers.Width];
            var tFlows = tBuckets.GetValueOrDefault(key) ?? new long[RollupTable.Tickets.Width];
            foreach (var i in RollupTable.Dossiers.DeltaMeasures)
            {
                dRunning[i] += dFlows[i];
            }
            foreach (var i in RollupTable.Tickets.DeltaMeasures)
            {
                tRunning[i] += tFlows[i];
            }
            var dossiers = KpiCalculator.Dossiers(dFlows, dRunning);
            points.Add(new TrendPoint(start, end,
                end >= Today ? WithDueEarlierToday(dossiers, dueEarlier, unitId, procedureId == 0 ? null : procedureId) : dossiers,
                KpiCalculator.Hotline(tFlows, tRunning[(int)TicketMeasure.OpenDelta], 0, new Dictionary<int, long>())));
        }
        return points;
    }

    public async Task<KpiSnapshot> SnapshotAsync(KpiStreamKey key, long sequence, CancellationToken ct = default)
    {
        var unit = catalog.Units.Find(key.UnitId) ?? throw new ArgumentException($"Unknown unit {key.UnitId}.", nameof(key));
        var range = Resolve(key.Window);
        var kpis = await GetAsync(key.UnitId, range, ct);
        return new KpiSnapshot(key, sequence, unit.Code, unit.Name, range.From, range.To, clock.UtcNow,
            kpis.Dossiers, kpis.Hotline, scoreCard.Compute(kpis.Dossiers, kpis.Hotline));
    }

    public ScoreCard ScoreCard(UnitKpis kpis) => scoreCard.Compute(kpis.Dossiers, kpis.Hotline);

    /// <summary>The newest tickets, without text or reporter, for walls.</summary>
    public async Task<IReadOnlyList<TicketHeadline>> NewestTicketsAsync(int count, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        using var cmd = c.CreateCommand();
        var columns = string.Join(", ", new[] { "Code", "CreatedAt", "CategoryId", "CommuneId", "Channel", "Status" }.Select(_d.Name));
        cmd.CommandText = $"SELECT {columns} FROM {_d.Name("Tickets")} ORDER BY {_d.Name("CreatedAt")} DESC LIMIT @n";
        cmd.AddParameter("@n", Math.Clamp(count, 1, 100));
        var result = new List<TicketHeadline>();
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new TicketHeadline(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3), (TicketChannel)r.GetInt32(4), (TicketStatus)r.GetInt32(5)));
        }
        return result;
    }

    internal static IEnumerable<(DateOnly Start, DateOnly End, int Key)> Buckets(DayRange range, RollupGrainKind grain)
    {
        if (grain == RollupGrainKind.Day)
        {
            for (var d = range.From; d <= range.To; d = d.AddDays(1))
            {
                yield return (d, d, d.DayNumber);
            }
            yield break;
        }
        for (var m = ProvinceTime.MonthNumber(range.From); m <= ProvinceTime.MonthNumber(range.To); m++)
        {
            var start = ProvinceTime.FirstDayOfMonthNumber(m);
            var end = start.AddMonths(1).AddDays(-1);
            yield return (start, end > range.To ? range.To : end, m);
        }
    }

    private static DossierKpis DossierKpisOf(long[]? row)
    {
        row ??= new long[RollupTable.Dossiers.Width];
        return KpiCalculator.Dossiers(row, row);
    }

    private static HotlineKpis HotlineKpisOf(long[]? row, long overdue, Dictionary<int, long>? answers, bool withMedian = true)
    {
        row ??= new long[RollupTable.Tickets.Width];
        var kpis = KpiCalculator.Hotline(row, row[(int)TicketMeasure.OpenDelta], overdue, answers ?? []);
        return withMedian ? kpis : kpis with { MedianHoursToAnswer = null };
    }

    /// <summary>
    /// Dossiers still being processed whose due instant (a limit in hours, or "trong ngày") passed earlier
    /// today, per (handling unit, procedure), with how many of them the rollups count on time. The daily
    /// rollups judge a running dossier at the end of its due day, so they would call these on time until
    /// tomorrow while the list's flag, its countdown and the verdict, which compare with the clock, say
    /// "quá hạn" now; a window that ends today takes them as overdue, so the figure and its list agree.
    /// Whole-day due dates end at 24:00 and never fall in this range. A seek on (IsActive, DueAt).
    /// </summary>
    private Dictionary<(int Unit, int Procedure), (long Overdue, long CountedOnTime)> DueEarlierToday(DbConnection c, DayRange range)
    {
        var result = new Dictionary<(int, int), (long, long)>();
        if (range.To < Today)
        {
            return result;
        }
        using var cmd = c.CreateCommand();
        // More than one supplementation request counts as late whatever the date (766): the rollups never counted those on time.
        var dueAt = _d.Name(nameof(DossierRow.DueAt));
        cmd.CommandText = $"SELECT {_d.Name(nameof(DossierRow.UnitId))}, {_d.Name(nameof(DossierRow.ProcedureId))}, COUNT(*), {_d.CountWhere($"{_d.Name(nameof(DossierRow.PauseCount))} <= 1")} " +
                          $"FROM {_d.Name("Dossiers")} WHERE {_d.Name(nameof(DossierRow.IsActive))} = {_d.True} AND {dueAt} >= @today AND {dueAt} < @now GROUP BY 1, 2";
        cmd.AddParameter("@today", ProvinceTime.StartOfDay(Today).ToUnixTimeMilliseconds());
        cmd.AddParameter("@now", clock.UtcNow.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result[(r.GetInt32(0), r.GetInt32(1))] = (r.GetInt64(2), r.GetInt64(3));
        }
        return result;
    }

    private DossierKpis WithDueEarlierToday(DossierKpis kpis, Dictionary<(int Unit, int Procedure), (long Overdue, long CountedOnTime)> due, int scopeUnit, int? procedure)
    {
        long overdue = 0, onTime = 0;
        foreach (var ((unit, p), (o, t)) in due)
        {
            if ((procedure is null || p == procedure) && catalog.Units.IsWithin(unit, scopeUnit))
            {
                overdue += o;
                onTime += t;
            }
        }
        return overdue == 0 ? kpis : kpis with
        {
            Overdue = kpis.Overdue + overdue,
            OnTimeRate = kpis.OnTimeRate with { Numerator = kpis.OnTimeRate.Numerator - onTime },
        };
    }

    /// <summary>Overdue tickets right now per (responsible unit, breakdown value); unassigned tickets count for the province.</summary>
    private Dictionary<(int Unit, int Value), long> OpenTicketsByUnit(DbConnection c, TicketDimension? dimension)
    {
        var column = dimension switch
        {
            TicketDimension.Category => _d.IfNull(_d.Name("CategoryId"), "0"),
            TicketDimension.Channel => _d.Name("Channel"),
            TicketDimension.Commune => _d.IfNull(_d.Name("CommuneId"), "0"),
            _ => "0",
        };
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {_d.IfNull(_d.Name("UnitId"), catalog.Units.Root.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))}, {column}, COUNT(*) FROM {_d.Name("Tickets")} " +
                          $"WHERE {_d.Name("IsOpen")} = {_d.True} AND {_d.Name("Status")} <> {(int)TicketStatus.AwaitingInfo} AND {_d.Name("DueAt")} < @now GROUP BY 1, 2";
        cmd.AddParameter("@now", clock.UtcNow.ToUnixTimeMilliseconds());
        var result = new Dictionary<(int, int), long>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result[(r.GetInt32(0), r.GetInt32(1))] = r.GetInt64(2);
        }
        return result;
    }

    private long OverdueIn(Dictionary<(int Unit, int Value), long> overdue, int scopeUnit, int? value)
    {
        long sum = 0;
        foreach (var ((unit, v), count) in overdue)
        {
            if ((value is null || v == value) && catalog.Units.IsWithin(unit, scopeUnit))
            {
                sum += count;
            }
        }
        return sum;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;

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
/// SQL over the unit's subtree, so a page never loads more than it shows.
/// </summary>
public sealed class DossierQueries(SqliteDatabase database, ReferenceCatalog catalog, WorkingCalendar calendar, ProvinceClock clock)
{
    /// <summary>The largest page <see cref="ListAsync"/> hands out; exports read <see cref="StreamAsync"/>, which has no limit.</summary>
    public const int MaxPageRows = 1_000;

    /// <summary>Beyond this many rows a list says "more than"; counting millions exactly would cost seconds.</summary>
    public const int CountLimit = 10_000;

    /// <summary>Shortest code search the trigram index (DossierCodeSearch) can answer; shorter ones scan the codes.</summary>
    private const int CodeTrigramLength = 3;

    /// <remarks>
    /// A page comes from indexes read in order, never from sorting the subtree: the province's list
    /// reads the global (IsActive, DueDate) or code index; a subtree's list merges each unit's
    /// first <c>skip + take</c> rows, read from that unit's index.
    /// </remarks>
    public async Task<DossierPage> ListAsync(DossierFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var (where, parameters) = Where(filter);
        var units = catalog.Units.Subtree(filter.UnitId).Select(u => u.Id).ToList();
        var wholeProvince = units.Count == catalog.Units.All.Count;
        var unitList = string.Join(',', units.Select(u => u.ToString(CultureInfo.InvariantCulture)));
        take = Math.Clamp(take, 1, MaxPageRows);
        skip = Math.Max(0, skip);

        using var count = c.CreateCommand();
        // A list opened from a figure is bounded by the figure's window, and its count must equal the
        // figure exactly: a range of the (UnitId, ReceivedAt) index per unit counts a province's year in
        // milliseconds. Only an unbounded list ("toàn bộ thời gian") stops counting at the limit.
        var limit = filter.IsBounded ? "" : $" LIMIT {CountLimit + 1}";
        count.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM Dossiers WHERE {where}{(wholeProvince ? "" : $" AND UnitId IN ({unitList})")}{limit})";
        AddParameters(count, parameters);
        var counted = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var exact = filter.IsBounded || counted <= CountLimit;

        if (counted > CountLimit && !string.IsNullOrWhiteSpace(filter.CodeSearch))
        {
            // A term most codes contain ("H49"): reading the ordering index finds a page at once,
            // where the trigram index would hand over every match to be sorted.
            (where, parameters) = Where(filter, indexedCodeSearch: false);
        }
        var order = OrderBy(filter.Sort);
        using var cmd = c.CreateCommand();
        if (wholeProvince || filter.Sort == DossierSort.Code)
        {
            // "+UnitId" keeps SQLite on the ordering index (code) instead of the unit index plus a sort.
            var unitFilter = wholeProvince ? "" : $" AND +UnitId IN ({unitList})";
            cmd.CommandText = $"{StateStore.DossierSelect} WHERE {where}{unitFilter} ORDER BY {order} LIMIT {take} OFFSET {skip}";
        }
        else
        {
            var perUnit = units.Select(u => $"SELECT * FROM (SELECT * FROM Dossiers WHERE UnitId = {u} AND {where} ORDER BY {order} LIMIT {skip + take})");
            cmd.CommandText = $"SELECT {DossierColumnsOf("m")} FROM ({string.Join(" UNION ALL ", perUnit)}) AS m ORDER BY {order} LIMIT {take} OFFSET {skip}";
        }
        AddParameters(cmd, parameters);
        var rows = new List<DossierListRow>();
        var now = clock.UtcNow;
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(RowOf(StateStore.ReadDossier(r), now));
        }
        return new DossierPage(rows, exact ? counted : CountLimit, exact);
    }

    /// <summary>
    /// Every row the filter selects, in the list's order, read as the caller consumes them: an export of
    /// a province's year holds all of its rows without holding them in memory.
    /// </summary>
    public async IAsyncEnumerable<DossierListRow> StreamAsync(DossierFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var (where, parameters) = Where(filter);
        var units = catalog.Units.Subtree(filter.UnitId).Select(u => u.Id).ToList();
        var unitFilter = units.Count == catalog.Units.All.Count ? "" : $" AND UnitId IN ({string.Join(',', units.Select(u => u.ToString(CultureInfo.InvariantCulture)))})";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"{StateStore.DossierSelect} WHERE {where}{unitFilter} ORDER BY {OrderBy(filter.Sort)}";
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

    private static string DossierColumnsOf(string alias) =>
        string.Join(", ", StateStore.DossierSelect["SELECT ".Length..StateStore.DossierSelect.IndexOf(" FROM", StringComparison.Ordinal)].Split(", ").Select(col => $"{alias}.{col}"));

    public async Task<DossierTimeline?> TimelineAsync(string code, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var states = StateStore.LoadDossiers(c, null, [code]);
        if (!states.TryGetValue(code, out var state))
        {
            return null;
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Payload, Source FROM Events WHERE EntityCode = @code AND Type >= 'dossier.' AND Type < 'dossier/' ORDER BY Seq";
        cmd.Parameters.AddWithValue("@code", code);
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

    /// <summary>The filter's conditions other than the unit subtree, which each query places itself.</summary>
    private (string Where, Dictionary<string, object> Parameters) Where(DossierFilter f, bool indexedCodeSearch = true)
    {
        var p = new Dictionary<string, object>();
        var sb = new StringBuilder("1");
        var now = UnixTime.Ms(clock.UtcNow);
        switch (f.Status)
        {
            case DossierStatusFilter.Open:
                sb.Append($" AND Status IN ({(int)DossierStatus.Received},{(int)DossierStatus.InProcessing},{(int)DossierStatus.AwaitingSupplement})");
                break;
            case DossierStatusFilter.InProcessing:
                sb.Append($" AND Status IN ({(int)DossierStatus.Received},{(int)DossierStatus.InProcessing})");
                break;
            case DossierStatusFilter.Overdue:
                sb.Append($" AND IsActive = 1 AND DueAt < {now}");
                break;
            case DossierStatusFilter.DueSoon:
                var soon = UnixTime.Ms(DossierDue.EndOf(calendar.AddWorkingDays(clock.Today, 1)).Deadline);
                sb.Append($" AND IsActive = 1 AND DueAt BETWEEN {now} AND {soon}");
                break;
            case DossierStatusFilter.AwaitingSupplement:
                sb.Append($" AND Status = {(int)DossierStatus.AwaitingSupplement}");
                break;
            case DossierStatusFilter.Completed:
                sb.Append($" AND Status = {(int)DossierStatus.Completed}");
                break;
            case DossierStatusFilter.Returned:
                sb.Append($" AND Status = {(int)DossierStatus.Returned}");
                break;
            case DossierStatusFilter.Withdrawn:
                sb.Append($" AND Status = {(int)DossierStatus.Withdrawn}");
                break;
        }
        if (f.Channel is DossierChannel channel)
        {
            sb.Append(" AND Channel = @channel");
            p["@channel"] = (int)channel;
        }
        if (f.ProcedureId is int procedure)
        {
            sb.Append(" AND ProcedureId = @procedure");
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
            sb.Append($" AND Status IN ({(int)DossierStatus.Completed},{(int)DossierStatus.Returned})");
        }
        if (basis == DossierListBasis.Current)
        {
            return CodeCondition(f, sb, p, indexedCodeSearch);
        }
        WindowCondition(f, dateColumn, sb, p);
        return CodeCondition(f, sb, p, indexedCodeSearch);
    }

    /// <summary>The window's whole province days on <paramref name="column"/> (a receipt or a finish).</summary>
    private static void WindowCondition(DossierFilter f, string column, StringBuilder sb, Dictionary<string, object> p)
    {
        if (f.From is DateOnly from)
        {
            sb.Append($" AND {column} >= @from");
            p["@from"] = ProvinceTime.StartOfDay(from).ToUnixTimeMilliseconds();
        }
        if (f.To is DateOnly to)
        {
            sb.Append($" AND {column} < @to");
            p["@to"] = ProvinceTime.StartOfDay(to.AddDays(1)).ToUnixTimeMilliseconds();
        }
    }

    /// <summary>The dossiers a receipt or result line counts against (KpiCalculator's denominators less their numerators).</summary>
    private static void ShortfallCondition(ScoreShortfall? shortfall, StringBuilder sb)
    {
        var online = (int)DossierChannel.Online;
        switch (shortfall)
        {
            case ScoreShortfall.Offline:
                sb.Append($" AND Channel <> {online} AND OnlineLevel <> {(int)OnlineLevel.None}");
                break;
            case ScoreShortfall.FullServiceOffline:
                sb.Append($" AND Channel <> {online} AND OnlineLevel = {(int)OnlineLevel.Full}");
                break;
            case ScoreShortfall.UnpaidOnline:
                sb.Append($" AND FeeBearing = 1 AND (Flags & {(int)DossierFlags.PaidOnline}) = 0");
                break;
            case ScoreShortfall.NotDigitized:
                sb.Append($" AND (Flags & {(int)DossierFlags.Digitized}) = 0");
                break;
            case ScoreShortfall.PaperResult:
                sb.Append($" AND Status = {(int)DossierStatus.Completed} AND (Flags & {(int)DossierFlags.ElectronicResult}) = 0");
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
        var finished = new StringBuilder("FinishedOnTime = 0");
        WindowCondition(f, "FinishedAt", finished, p);
        if (f.To is DateOnly end && end < clock.Today)
        {
            sb.Append($" AND {finished}");
            return;
        }
        p["@today"] = ProvinceTime.StartOfDay(clock.Today).ToUnixTimeMilliseconds();
        sb.Append($" AND (({finished}) OR (IsActive = 1 AND (DueAt < @today OR PauseCount >= 2)))");
    }

    private static (string Where, Dictionary<string, object> Parameters) CodeCondition(DossierFilter f, StringBuilder sb, Dictionary<string, object> p, bool indexedCodeSearch)
    {
        if (!string.IsNullOrWhiteSpace(f.CodeSearch))
        {
            // Codes are ASCII; a contains-search with LIKE escapes the wildcards people may type.
            var term = f.CodeSearch.Trim();
            sb.Append(" AND Code LIKE @code ESCAPE '\\'");
            p["@code"] = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            if (indexedCodeSearch && term.Length >= CodeTrigramLength)
            {
                // The trigram index finds the few codes containing the term without reading every code;
                // dossiers newer than the index (DossierCodeIndexer) are read from the table's tail.
                sb.Append(" AND rowid IN (SELECT rowid FROM DossierCodeSearch WHERE DossierCodeSearch MATCH @codeMatch" +
                          " UNION ALL SELECT rowid FROM Dossiers WHERE rowid > (SELECT IndexedThrough FROM DossierCodeSearchState))");
                p["@codeMatch"] = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            }
        }
        return (sb.ToString(), p);
    }

    private static string OrderBy(DossierSort sort) => sort switch
    {
        DossierSort.ReceivedNewest => "ReceivedAt DESC, Code",
        DossierSort.ReceivedOldest => "ReceivedAt, Code",
        DossierSort.Code => "Code",
        // Among dossiers whose clock runs, the earliest due instants are the overdue ones: due order is overdue-first.
        _ => "IsActive DESC, DueAt, Code",
    };

    private static void AddParameters(SqliteCommand cmd, Dictionary<string, object> parameters)
    {
        foreach (var (k, v) in parameters)
        {
            cmd.Parameters.AddWithValue(k, v);
        }
    }
}

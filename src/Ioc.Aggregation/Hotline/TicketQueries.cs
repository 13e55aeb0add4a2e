using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Text;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Hotline;

/// <summary>A ticket named from another one (its original, or one of its duplicates).</summary>
public sealed record TicketLink(string Code, TicketStatus Status, DateTimeOffset CreatedAt, int? CategoryId, string Excerpt);

/// <summary>Counts for the queue's tabs.</summary>
public sealed record TicketQueueCounts(int NeedsTriage, int Open, int Overdue, int DueWithin24Hours);

/// <summary>
/// Reads the ticket table for the triage queue: server-side filters, sorting, paging and
/// diacritic-insensitive search (an FTS5 trigram index over the folded search text), always
/// within the caller's scope and with reporters masked unless the caller may see them. Spelled for
/// either provider through <see cref="SqlDialect"/>: SQLite's text is as before; on PostgreSQL a word is a
/// LIKE on the folded search text, which its pg_trgm GIN index answers.
/// </summary>
public sealed class TicketQueries(IQueryDatabase database, ReferenceCatalog catalog, ProvinceClock clock, IOptions<HotlineOptions> options)
{
    /// <summary>Shortest word the trigram index can find; shorter words are matched by scanning.</summary>
    private const int TrigramLength = 3;

    private readonly SqlDialect _d = database.Dialect;

    private string ListSelect => field ??= BuildListSelect(_d);

    /// <summary>All of StateStore's ticket columns from the ticket table, in the provider's spelling (SQLite's is StateStore's own text).</summary>
    internal string TicketSelect => field ??= _d.IsSqlite
        ? StateStore.TicketSelect
        : $"SELECT {string.Join(", ", StateStore.TicketRowColumns.Select(N))} FROM {N("Tickets")}";

    /// <summary>The spelling of the provider that <see cref="OpenAsync"/> connects to.</summary>
    internal SqlDialect Dialect => _d;

    private string N(string column) => _d.Name(column);

    public ReferenceCatalog Catalog => catalog;

    public async Task<TicketPage> SearchAsync(AccessScope scope, TicketQuery query, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (!scope.CanSeeTickets)
        {
            return new TicketPage([], 0, watch.Elapsed);
        }
        await using var c = await OpenAsync(ct);
        await using var count = c.CreateCommand();
        await using var page = c.CreateCommand();
        var where = await WhereAsync(c, scope, query, [count, page], ct);
        count.CommandText = $"SELECT COUNT(*) FROM {N("Tickets")} WHERE {where}";
        var take = Math.Clamp(query.Take, 1, options.Value.MaxPageSize);
        page.CommandText = $"{ListSelect} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {take} OFFSET {Math.Max(0, query.Skip)}";
        page.AddParameter("@textLength", options.Value.QueueTextLength);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var items = new List<TicketQueueItem>(take);
        await using (var r = await page.ExecuteReaderAsync(ct))
        {
            var lengthColumn = r.FieldCount - 1;
            while (await r.ReadAsync(ct))
            {
                items.Add(new TicketQueueItem(Masked(StateStore.ReadTicket(r)), r.GetInt32(lengthColumn)));
            }
        }
        return new TicketPage(items, total, watch.Elapsed);
    }

    public async Task<TicketQueueCounts> CountsAsync(AccessScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeTickets)
        {
            return new TicketQueueCounts(0, 0, 0, 0);
        }
        await using var c = await OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var scopeFilter = ScopeFilter(scope);
        var now = clock.UtcNow;
        cmd.AddParameter("@now", now.ToUnixTimeMilliseconds());
        cmd.AddParameter("@soon", (now + TimeSpan.FromHours(24)).ToUnixTimeMilliseconds());
        string Count(string condition) => _d.IfNull(_d.CountWhere(condition), "0");
        var running = $"{N("Status")} <> {(int)TicketStatus.AwaitingInfo}";
        cmd.CommandText =
            $"SELECT {Count($"{N("Status")} IN ({InList(TicketQuery.NeedsTriage.Select(s => (int)s))})")}, COUNT(*), " +
            $"{Count($"{running} AND {N("DueAt")} < @now")}, " +
            $"{Count($"{running} AND {N("DueAt")} >= @now AND {N("DueAt")} < @soon")} " +
            $"FROM {N("Tickets")} WHERE {N("IsOpen")} = {_d.True} AND {scopeFilter}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        // Read as 64-bit: PostgreSQL's counts are bigints.
        int At(int i) => (int)r.GetInt64(i);
        return new TicketQueueCounts(At(0), At(1), At(2), At(3));
    }

    /// <summary>One ticket as this caller may see it on the ticket itself; null when unknown or outside the caller's scope.</summary>
    public async Task<TicketState?> FindAsync(AccessScope scope, string code, CancellationToken ct = default)
    {
        var state = await LoadAsync(code, ct);
        if (state is null || !scope.CanSeeTicket(catalog.Units, state))
        {
            return null;
        }
        return scope.SeesReporters ? state : Masked(state);
    }

    /// <summary>The stored state, unmasked and unscoped: for services that act on tickets, never for display.</summary>
    public async Task<TicketState?> LoadAsync(string code, CancellationToken ct = default)
    {
        return (await LoadManyAsync([code], ct)).GetValueOrDefault(code);
    }

    public async Task<IReadOnlyDictionary<string, TicketState>> LoadManyAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        if (c is SqliteConnection sqlite)
        {
            return StateStore.LoadTickets(sqlite, null, codes);
        }
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"{TicketSelect} WHERE {N("Code")} = ANY(@codes)";
        cmd.AddParameter("@codes", codes.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var state = StateStore.ReadTicket(r);
            states[state.Code] = state;
        }
        return states;
    }

    /// <summary>Tickets merged into this one as duplicates, oldest first.</summary>
    public async Task<IReadOnlyList<TicketLink>> DuplicatesOfAsync(AccessScope scope, string code, CancellationToken ct = default)
    {
        if (!scope.CanSeeTickets)
        {
            return [];
        }
        await using var c = await OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {N("Code")}, {N("Status")}, {N("CreatedAt")}, {N("CategoryId")}, substr({N("Text")}, 1, 160) FROM {N("Tickets")} " +
                          $"WHERE {N("DuplicateOf")} = @code ORDER BY {N("CreatedAt")}, {N("Code")} LIMIT 200";
        cmd.AddParameter("@code", code);
        var links = new List<TicketLink>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            // A duplicate has no responsible unit of its own: it is seen by whoever sees the original.
            links.Add(new TicketLink(r.GetString(0), (TicketStatus)r.GetInt32(1), UnixTime.At(r.GetInt64(2)), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4)));
        }
        return links;
    }

    /// <summary>Codes already taken with a prefix, for numbering tickets recorded at the desk.</summary>
    public async Task<int> CountWithPrefixAsync(string prefix, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        // A range on the code reads SQLite's index; PostgreSQL orders text by the database's collation, where
        // '\uffff' need not sort last, so there the prefix test is starts_with.
        cmd.CommandText = _d.IsSqlite
            ? "SELECT COUNT(*) FROM Tickets WHERE Code >= @from AND Code < @to"
            : $"SELECT COUNT(*) FROM {N("Tickets")} WHERE starts_with({N("Code")}, @from)";
        cmd.AddParameter("@from", prefix);
        if (_d.IsSqlite)
        {
            cmd.AddParameter("@to", prefix + '\uffff');
        }
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A read connection of either provider, for this class and the hotline's other readers (suggestions,
    /// duplicate finder, history), which spell their SQL with <see cref="Dialect"/>. On SQLite it carries the
    /// functions the search's access rule needs.
    /// </summary>
    internal async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var any = await database.OpenReadAsync(ct);
        if (any is not SqliteConnection c)
        {
            return any;
        }
        // Search for callers who may not see reporters must not match on reporter data. The search
        // text ends with the folded reporter name and phone (StateStore.SearchTextOf): look for the
        // word in what comes before, folding two short strings instead of the whole text.
        c.CreateFunction("ioc_public_contains", (string searchText, string? name, string? phone, string word) =>
            PublicPart(searchText, name, phone).Contains(word, StringComparison.Ordinal), isDeterministic: true);
        c.CreateFunction("ioc_public_text", (string searchText, string? name, string? phone) => PublicPart(searchText, name, phone).ToString(), isDeterministic: true);
        return c;
    }

    /// <summary>The search text without the reporter's name and phone; empty when they cannot be told apart (never match on them).</summary>
    private static ReadOnlySpan<char> PublicPart(string searchText, string? name, string? phone)
    {
        var reporter = SearchText.Fold(string.Join(' ', new[] { name, phone }.Where(x => !string.IsNullOrEmpty(x))));
        if (reporter.Length == 0)
        {
            return searchText;
        }
        var end = searchText.Length - reporter.Length - 1;
        return end >= 0 && searchText[end] == ' ' && searchText.AsSpan(end + 1).SequenceEqual(reporter) ? searchText.AsSpan(0, end) : [];
    }

    public static TicketState Masked(TicketState s) => s with
    {
        ReporterName = s.ReporterName is null ? null : Masking.Name(s.ReporterName),
        ReporterPhone = s.ReporterPhone is null ? null : Masking.Phone(s.ReporterPhone),
    };

    private async Task<string> WhereAsync(DbConnection c, AccessScope scope, TicketQuery q, DbCommand[] commands, CancellationToken ct)
    {
        var parts = new List<string> { ScopeFilter(scope) };
        void Add(string name, object value)
        {
            foreach (var cmd in commands)
            {
                cmd.AddParameter(name, value);
            }
        }
        if (q.Statuses.Count > 0)
        {
            // Lets SQLite use the (IsOpen, DueAt) index for the usual "open tickets" queues.
            if (q.Statuses.All(TicketQuery.Open.Contains))
            {
                parts.Add($"{N("IsOpen")} = {_d.True}");
            }
            parts.Add($"{N("Status")} IN ({InList(q.Statuses.Select(s => (int)s))})");
        }
        if (q.Categories.Count > 0 || q.Uncategorized)
        {
            var alternatives = new List<string>();
            if (q.Categories.Count > 0)
            {
                alternatives.Add($"{N("CategoryId")} IN ({InList(q.Categories)})");
            }
            if (q.Uncategorized)
            {
                alternatives.Add($"{N("CategoryId")} IS NULL");
            }
            parts.Add("(" + string.Join(" OR ", alternatives) + ")");
        }
        if (q.Channels.Count > 0)
        {
            parts.Add($"{N("Channel")} IN ({InList(q.Channels.Select(x => (int)x))})");
        }
        if (q.Urgencies.Count > 0)
        {
            parts.Add($"{N("Urgency")} IN ({InList(q.Urgencies.Select(x => (int)x))})");
        }
        if (q.UnitId is int unit && catalog.Units.Contains(unit))
        {
            parts.Add($"{N("UnitId")} IN ({InList(catalog.Units.Subtree(unit).Select(u => u.Id))})");
        }
        if (q.CommuneId is int commune)
        {
            Add("@commune", commune);
            parts.Add($"{N("CommuneId")} = @commune");
        }
        var now = clock.UtcNow;
        var running = $"{N("IsOpen")} = {_d.True} AND {N("Status")} <> {(int)TicketStatus.AwaitingInfo}";
        switch (q.Due)
        {
            case TicketDueFilter.Overdue:
                Add("@now", now.ToUnixTimeMilliseconds());
                parts.Add($"{running} AND {N("DueAt")} < @now");
                break;
            case TicketDueFilter.DueWithin24Hours:
                Add("@now", now.ToUnixTimeMilliseconds());
                Add("@soon", (now + TimeSpan.FromHours(24)).ToUnixTimeMilliseconds());
                parts.Add($"{running} AND {N("DueAt")} >= @now AND {N("DueAt")} < @soon");
                break;
        }
        if (q.CreatedFrom is DateOnly from)
        {
            Add("@createdFrom", ProvinceTime.StartOfDay(from).ToUnixTimeMilliseconds());
            parts.Add($"{N("CreatedAt")} >= @createdFrom");
        }
        if (q.CreatedTo is DateOnly to)
        {
            Add("@createdTo", ProvinceTime.StartOfDay(to.AddDays(1)).ToUnixTimeMilliseconds());
            parts.Add($"{N("CreatedAt")} < @createdTo");
        }
        if (q.Lost is TicketShortfall lost)
        {
            // As TicketContribution counts them: every answer (rating) on its province day, on time (satisfied) only when marked so.
            var (at, met) = lost == TicketShortfall.AnsweredLate ? (N("AnsweredAt"), N("AnsweredOnTime")) : (N("RatedAt"), N("Satisfied"));
            parts.Add($"{at} IS NOT NULL AND COALESCE({met}, {_d.False}) = {_d.False}");
            if (q.LostFrom is DateOnly lostFrom)
            {
                Add("@lostFrom", ProvinceTime.StartOfDay(lostFrom).ToUnixTimeMilliseconds());
                parts.Add($"{at} >= @lostFrom");
            }
            if (q.LostTo is DateOnly lostTo)
            {
                Add("@lostTo", ProvinceTime.StartOfDay(lostTo.AddDays(1)).ToUnixTimeMilliseconds());
                parts.Add($"{at} < @lostTo");
            }
        }
        var words = SearchText.Fold(q.Search).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(12).ToList();
        if (words.Count > 0)
        {
            if (_d.IsSqlite)
            {
                SqliteSearch(scope, words, parts, Add);
            }
            else
            {
                await PostgreSqlSearchAsync(c, scope, words, parts, Add, commands[0], ct);
            }
        }
        return string.Join(" AND ", parts);
    }

    private static void SqliteSearch(AccessScope scope, List<string> words, List<string> parts, Action<string, object> add)
    {
        var indexed = words.Where(w => w.Length >= TrigramLength).ToList();
        if (indexed.Count > 0)
        {
            add("@match", string.Join(' ', indexed.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            parts.Add("Tickets.rowid IN (SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH @match)");
        }
        var column = scope.SeesReporters ? "SearchText" : "ioc_public_text(SearchText, ReporterName, ReporterPhone)";
        for (var i = 0; i < words.Count; i++)
        {
            var name = "@w" + i.ToString(CultureInfo.InvariantCulture);
            if (words[i].Length < TrigramLength)
            {
                // Short words have no trigram, and as substrings ("3", "to") they would match nearly everything: whole words only.
                var word = WholeWord(words[i]);
                if (word.Length > 0)
                {
                    add(name, "*[^a-z0-9]" + word + "[^a-z0-9]*");
                    parts.Add($"(' ' || {column} || ' ') GLOB {name}");
                }
            }
            else if (!scope.SeesReporters)
            {
                // The index also holds reporter data: callers who may not see it are matched against what they may see.
                add(name, words[i]);
                parts.Add($"ioc_public_contains(SearchText, ReporterName, ReporterPhone, {name})");
            }
        }
    }

    /// <summary>
    /// The same matches on PostgreSQL: a word of three letters or more is a LIKE on the folded search text
    /// (the pg_trgm GIN index answers it), a shorter one a whole word by regular expression. The reporter's
    /// part of the text cannot be told apart in SQL (it is folded in .NET), so for callers who may not see
    /// reporters the rows that match are read once more here and kept only when the words are in what they
    /// may see (the same test, on the same rows, as SQLite's ioc_public_contains); the list then names them.
    /// </summary>
    private async Task PostgreSqlSearchAsync(DbConnection c, AccessScope scope, List<string> words, List<string> parts, Action<string, object> add, DbCommand list, CancellationToken ct)
    {
        var conditions = new List<(string Sql, string Name, object Value)>();
        for (var i = 0; i < words.Count; i++)
        {
            var name = "@w" + i.ToString(CultureInfo.InvariantCulture);
            if (words[i].Length >= TrigramLength)
            {
                var escaped = words[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
                conditions.Add(($"{N("SearchText")} LIKE {name} ESCAPE '\\'", name, "%" + escaped + "%"));
            }
            else if (WholeWord(words[i]) is { Length: > 0 } word)
            {
                conditions.Add(($"(' ' || {N("SearchText")} || ' ') ~ {name}", name, "[^a-z0-9]" + word + "[^a-z0-9]"));
            }
        }
        if (scope.SeesReporters)
        {
            foreach (var (sql, name, value) in conditions)
            {
                add(name, value);
                parts.Add(sql);
            }
            return;
        }
        await using var candidates = c.CreateCommand();
        candidates.CommandText = $"SELECT {N("Code")}, {N("SearchText")}, {N("ReporterName")}, {N("ReporterPhone")} FROM {N("Tickets")} " +
                                 $"WHERE {string.Join(" AND ", parts.Concat(conditions.Select(x => x.Sql)))}";
        // The filters' own parameters (commune, dates), as the list's commands hold them, and the words'.
        foreach (DbParameter p in list.Parameters)
        {
            candidates.AddParameter(p.ParameterName, p.Value!);
        }
        foreach (var (_, name, value) in conditions)
        {
            candidates.AddParameter(name, value);
        }
        var codes = new List<string>();
        await using (var r = await candidates.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var visible = PublicPart(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)).ToString();
                if (words.All(w => w.Length >= TrigramLength ? visible.Contains(w, StringComparison.Ordinal) : IsWholeWordIn(visible, WholeWord(w))))
                {
                    codes.Add(r.GetString(0));
                }
            }
        }
        add("@visible", codes.ToArray());
        parts.Add($"{N("Code")} = ANY(@visible)");
    }

    /// <summary>A short word's letters and digits, matched as a whole word (empty: no condition).</summary>
    private static string WholeWord(string word) => new([.. word.Where(char.IsLetterOrDigit)]);

    /// <summary>SQLite's GLOB '*[^a-z0-9]word[^a-z0-9]*' over the text padded with spaces; an empty word matches.</summary>
    private static bool IsWholeWordIn(string text, string word) =>
        word.Length == 0 || System.Text.RegularExpressions.Regex.IsMatch(" " + text + " ", "[^a-z0-9]" + System.Text.RegularExpressions.Regex.Escape(word) + "[^a-z0-9]");

    private string ScopeFilter(AccessScope scope)
    {
        if (!scope.CanSeeTickets)
        {
            return _d.False;
        }
        if (scope.Role != IocRoles.DepartmentHead)
        {
            return _d.True;
        }
        return scope.UnitId is int own && catalog.Units.Contains(own)
            ? $"{N("UnitId")} IN ({InList(catalog.Units.Subtree(own).Select(u => u.Id))})"
            : _d.False;
    }

    private string OrderBy(TicketQuery q)
    {
        var dir = q.Descending ? "DESC" : "ASC";
        return q.Sort switch
        {
            TicketSortField.CreatedAt => $"{N("CreatedAt")} {dir}, {N("Code")} {dir}",
            TicketSortField.Urgency => $"{N("Urgency")} {dir}, {N("DueAt")} ASC, {N("Code")} ASC",
            TicketSortField.Status => $"{N("Status")} {dir}, {N("DueAt")} ASC, {N("Code")} ASC",
            TicketSortField.Code => $"{N("Code")} {dir}",
            _ => $"{N("DueAt")} {dir}, {N("Code")} {dir}",
        };
    }

    private static string InList(IEnumerable<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The queue's columns: StateStore's, with the text cut to the queue's length and its full length after them.</summary>
    private static string BuildListSelect(SqlDialect d)
    {
        var columns = StateStore.TicketColumns.Split(", ");
        if (!columns.Contains("Text"))
        {
            throw new InvalidOperationException("StateStore's ticket columns changed; update the queue's select.");
        }
        var text = d.Name("Text");
        var select = columns.Select(c => c == "Text" ? $"substr({text}, 1, @textLength)" : d.Name(c));
        return $"SELECT {string.Join(", ", select)}, length({text}) FROM {d.Name("Tickets")}";
    }
}

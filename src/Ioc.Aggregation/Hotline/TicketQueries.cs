using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ioc.Aggregation.Storage;
using Ioc.Data.Sqlite;
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
/// within the caller's scope and with reporters masked unless the caller may see them.
/// </summary>
public sealed class TicketQueries(SqliteDatabase database, ReferenceCatalog catalog, ProvinceClock clock, IOptions<HotlineOptions> options)
{
    /// <summary>Shortest word the trigram index can find; shorter words are matched by scanning.</summary>
    private const int TrigramLength = 3;

    private static readonly string ListSelect = BuildListSelect();

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
        var where = Where(scope, query, count, page);
        count.CommandText = $"SELECT COUNT(*) FROM Tickets WHERE {where}";
        var take = Math.Clamp(query.Take, 1, options.Value.MaxPageSize);
        page.CommandText = $"{ListSelect} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {take} OFFSET {Math.Max(0, query.Skip)}";
        page.Parameters.AddWithValue("@textLength", options.Value.QueueTextLength);
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
        cmd.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("@soon", (now + TimeSpan.FromHours(24)).ToUnixTimeMilliseconds());
        cmd.CommandText =
            $"SELECT IFNULL(SUM(Status IN ({InList(TicketQuery.NeedsTriage.Select(s => (int)s))})), 0), COUNT(*), " +
            $"IFNULL(SUM(Status <> {(int)TicketStatus.AwaitingInfo} AND DueAt < @now), 0), " +
            $"IFNULL(SUM(Status <> {(int)TicketStatus.AwaitingInfo} AND DueAt >= @now AND DueAt < @soon), 0) " +
            $"FROM Tickets WHERE IsOpen = 1 AND {scopeFilter}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new TicketQueueCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3));
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
        await using var c = await OpenAsync(ct);
        return StateStore.LoadTickets(c, null, [code]).GetValueOrDefault(code);
    }

    public async Task<IReadOnlyDictionary<string, TicketState>> LoadManyAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return StateStore.LoadTickets(c, null, codes);
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
        cmd.CommandText = "SELECT Code, Status, CreatedAt, CategoryId, substr(Text, 1, 160) FROM Tickets WHERE DuplicateOf = @code ORDER BY CreatedAt, Code LIMIT 200";
        cmd.Parameters.AddWithValue("@code", code);
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
        cmd.CommandText = "SELECT COUNT(*) FROM Tickets WHERE Code >= @from AND Code < @to";
        cmd.Parameters.AddWithValue("@from", prefix);
        cmd.Parameters.AddWithValue("@to", prefix + '\uffff');
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = await database.OpenAsync(ct);
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

    private string Where(AccessScope scope, TicketQuery q, params SqliteCommand[] commands)
    {
        var parts = new List<string> { ScopeFilter(scope) };
        void Add(string name, object value)
        {
            foreach (var cmd in commands)
            {
                cmd.Parameters.AddWithValue(name, value);
            }
        }
        if (q.Statuses.Count > 0)
        {
            // Lets SQLite use the (IsOpen, DueAt) index for the usual "open tickets" queues.
            if (q.Statuses.All(TicketQuery.Open.Contains))
            {
                parts.Add("IsOpen = 1");
            }
            parts.Add($"Status IN ({InList(q.Statuses.Select(s => (int)s))})");
        }
        if (q.Categories.Count > 0 || q.Uncategorized)
        {
            var alternatives = new List<string>();
            if (q.Categories.Count > 0)
            {
                alternatives.Add($"CategoryId IN ({InList(q.Categories)})");
            }
            if (q.Uncategorized)
            {
                alternatives.Add("CategoryId IS NULL");
            }
            parts.Add("(" + string.Join(" OR ", alternatives) + ")");
        }
        if (q.Channels.Count > 0)
        {
            parts.Add($"Channel IN ({InList(q.Channels.Select(x => (int)x))})");
        }
        if (q.Urgencies.Count > 0)
        {
            parts.Add($"Urgency IN ({InList(q.Urgencies.Select(x => (int)x))})");
        }
        if (q.UnitId is int unit && catalog.Units.Contains(unit))
        {
            parts.Add($"UnitId IN ({InList(catalog.Units.Subtree(unit).Select(u => u.Id))})");
        }
        if (q.CommuneId is int commune)
        {
            Add("@commune", commune);
            parts.Add("CommuneId = @commune");
        }
        var now = clock.UtcNow;
        switch (q.Due)
        {
            case TicketDueFilter.Overdue:
                Add("@now", now.ToUnixTimeMilliseconds());
                parts.Add($"IsOpen = 1 AND Status <> {(int)TicketStatus.AwaitingInfo} AND DueAt < @now");
                break;
            case TicketDueFilter.DueWithin24Hours:
                Add("@now", now.ToUnixTimeMilliseconds());
                Add("@soon", (now + TimeSpan.FromHours(24)).ToUnixTimeMilliseconds());
                parts.Add($"IsOpen = 1 AND Status <> {(int)TicketStatus.AwaitingInfo} AND DueAt >= @now AND DueAt < @soon");
                break;
        }
        if (q.CreatedFrom is DateOnly from)
        {
            Add("@createdFrom", ProvinceTime.StartOfDay(from).ToUnixTimeMilliseconds());
            parts.Add("CreatedAt >= @createdFrom");
        }
        if (q.CreatedTo is DateOnly to)
        {
            Add("@createdTo", ProvinceTime.StartOfDay(to.AddDays(1)).ToUnixTimeMilliseconds());
            parts.Add("CreatedAt < @createdTo");
        }
        if (q.Lost is TicketShortfall lost)
        {
            // As TicketContribution counts them: every answer (rating) on its province day, on time (satisfied) only when marked so.
            var (at, met) = lost == TicketShortfall.AnsweredLate ? ("AnsweredAt", "AnsweredOnTime") : ("RatedAt", "Satisfied");
            parts.Add($"{at} IS NOT NULL AND COALESCE({met}, 0) = 0");
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
            var indexed = words.Where(w => w.Length >= TrigramLength).ToList();
            if (indexed.Count > 0)
            {
                Add("@match", string.Join(' ', indexed.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
                parts.Add("Tickets.rowid IN (SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH @match)");
            }
            var column = scope.SeesReporters ? "SearchText" : "ioc_public_text(SearchText, ReporterName, ReporterPhone)";
            for (var i = 0; i < words.Count; i++)
            {
                var name = "@w" + i.ToString(CultureInfo.InvariantCulture);
                if (words[i].Length < TrigramLength)
                {
                    // Short words have no trigram, and as substrings ("3", "to") they would match nearly everything: whole words only.
                    var word = new string([.. words[i].Where(char.IsLetterOrDigit)]);
                    if (word.Length > 0)
                    {
                        Add(name, "*[^a-z0-9]" + word + "[^a-z0-9]*");
                        parts.Add($"(' ' || {column} || ' ') GLOB {name}");
                    }
                }
                else if (!scope.SeesReporters)
                {
                    // The index also holds reporter data: callers who may not see it are matched against what they may see.
                    Add(name, words[i]);
                    parts.Add($"ioc_public_contains(SearchText, ReporterName, ReporterPhone, {name})");
                }
            }
        }
        return string.Join(" AND ", parts);
    }

    private string ScopeFilter(AccessScope scope)
    {
        if (!scope.CanSeeTickets)
        {
            return "0";
        }
        if (scope.Role != IocRoles.DepartmentHead)
        {
            return "1";
        }
        return scope.UnitId is int own && catalog.Units.Contains(own)
            ? $"UnitId IN ({InList(catalog.Units.Subtree(own).Select(u => u.Id))})"
            : "0";
    }

    private static string OrderBy(TicketQuery q)
    {
        var dir = q.Descending ? "DESC" : "ASC";
        return q.Sort switch
        {
            TicketSortField.CreatedAt => $"CreatedAt {dir}, Code {dir}",
            TicketSortField.Urgency => $"Urgency {dir}, DueAt ASC, Code ASC",
            TicketSortField.Status => $"Status {dir}, DueAt ASC, Code ASC",
            TicketSortField.Code => $"Code {dir}",
            _ => $"DueAt {dir}, Code {dir}",
        };
    }

    private static string InList(IEnumerable<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string BuildListSelect()
    {
        const string text = "CategoryId, Text,";
        const string from = " FROM Tickets";
        var select = StateStore.TicketSelect;
        if (!select.Contains(text, StringComparison.Ordinal) || !select.EndsWith(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("StateStore's ticket columns changed; update the queue's select.");
        }
        return new StringBuilder(select)
            .Replace(text, "CategoryId, substr(Text, 1, @textLength),")
            .Replace(from, ", length(Text)" + from)
            .ToString();
    }
}

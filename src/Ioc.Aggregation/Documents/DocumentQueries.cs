using System.Data.Common;
using System.Text.Json;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;

namespace Ioc.Aggregation.Documents;

/// <summary>Which documents a list holds, matching the figure it was opened from.</summary>
public enum DocumentListView
{
    /// <summary>"Văn bản đến": received in the window.</summary>
    Received,
    /// <summary>"Văn bản đi": issued in the window.</summary>
    Issued,
    /// <summary>"Đã xử lý": processed in the window.</summary>
    Processed,
    /// <summary>"Đang xử lý": not processed now, whenever received; the window does not apply.</summary>
    Open,
    /// <summary>"Quá hạn": open and past the due day now, counted as the figure counts it (from the day after the due day).</summary>
    Overdue,
}

/// <summary>What a document list shows; the same filter drives the table and its exports.</summary>
public sealed record DocumentFilter(int UnitId, DocumentListView View, DateOnly From, DateOnly To)
{
    public bool UsesWindow => View is DocumentListView.Received or DocumentListView.Issued or DocumentListView.Processed;
}

public sealed record DocumentListPage(IReadOnlyList<DocumentState> Rows, int Total);

public sealed record DocumentTrendPoint(DateOnly Start, DateOnly End, DocumentKpis Documents);

/// <summary>One step of a document's history as stored.</summary>
public sealed record DocumentTimelineStep(DateTimeOffset At, string EventType, string? Actor, DocumentStatus Status, string Source);

public sealed record DocumentTimeline(DocumentState State, IReadOnlyList<DocumentTimelineStep> Steps);

/// <summary>
/// Document indicators from rollups (never a scan of documents), and the document list and timeline
/// for drill-down and exports. Spelled for either provider through <see cref="SqlDialect"/> (SQLite's text as before).
/// </summary>
public sealed class DocumentQueries(IQueryDatabase database, ReferenceCatalog catalog, ProvinceClock clock)
{
    private readonly SqlDialect _d = database.Dialect;

    public const int MaxPageRows = 1_000;

    private readonly EventParser _replay = EventParser.ForReplay(catalog);

    public DateOnly Today => clock.Today;

    /// <summary>Indicators of several units' subtrees, in the order asked.</summary>
    public async Task<IReadOnlyList<DocumentKpis>> GetManyAsync(IReadOnlyList<int> unitIds, DayRange range, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var rows = RollupReader.Sum(c, _d, RollupTable.Documents, $"{_d.Name("UnitId")} IN ({RollupReader.InList(unitIds)})", "UnitId", range);
        return [.. unitIds.Select(u => Kpis(rows.GetValueOrDefault(u)))];
    }

    public async Task<DocumentKpis> GetAsync(int unitId, DayRange range, CancellationToken ct = default) =>
        (await GetManyAsync([unitId], range, ct))[0];

    /// <summary>Monthly or daily points; each point's "at end" values (open, overdue) are judged at the bucket's last day.</summary>
    public async Task<IReadOnlyList<DocumentTrendPoint>> TrendAsync(int unitId, DayRange range, RollupGrainKind grain, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var (before, buckets) = RollupReader.Series(c, _d, RollupTable.Documents, $"{_d.Name("UnitId")} = @u", grain, range.From, range.To,
            new Dictionary<string, object> { ["@u"] = unitId });
        var running = before;
        var points = new List<DocumentTrendPoint>();
        foreach (var (start, end, key) in IndicatorQueries.Buckets(range, grain))
        {
            var flows = buckets.GetValueOrDefault(key) ?? new long[RollupTable.Documents.Width];
            foreach (var i in RollupTable.Documents.DeltaMeasures)
            {
                running[i] += flows[i];
            }
            points.Add(new DocumentTrendPoint(start, end, DocumentContribution.Kpis(flows, running)));
        }
        return points;
    }

    /// <summary>A page of the list: open documents first with the earliest due date on top, then the newest.</summary>
    public async Task<DocumentListPage> ListAsync(DocumentFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var (where, parameters) = Where(filter);
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {_d.Name("Documents")} WHERE {where}";
        Add(count, parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        var rows = new List<DocumentState>();
        await foreach (var row in ReadAsync(c, where, parameters, Math.Max(0, skip), Math.Clamp(take, 1, MaxPageRows), ct))
        {
            rows.Add(row);
        }
        return new DocumentListPage(rows, total);
    }

    /// <summary>Every row of the filter in list order, for exports.</summary>
    public async IAsyncEnumerable<DocumentState> StreamAsync(DocumentFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        var (where, parameters) = Where(filter);
        await foreach (var row in ReadAsync(c, where, parameters, 0, -1, ct))
        {
            yield return row;
        }
    }

    /// <summary>A document's state and its stored events, or null when unknown.</summary>
    public async Task<DocumentTimeline?> TimelineAsync(string code, CancellationToken ct = default)
    {
        await using var c = await database.OpenReadAsync(ct);
        DocumentState? state = null;
        await foreach (var row in ReadAsync(c, $"{_d.Name("Code")} = @code", new Dictionary<string, object> { ["@code"] = code }, 0, 1, ct))
        {
            state = row;
        }
        if (state is null)
        {
            return null;
        }
        using var cmd = c.CreateCommand();
        // A range on the type reads SQLite's index; PostgreSQL compares text by the database's collation, where
        // punctuation may not order as bytes do, so there the prefix is a LIKE, true under any collation.
        var documentEvents = _d.IsSqlite ? "Type >= 'document.' AND Type < 'document/'" : $"{_d.Name("Type")} LIKE 'document.%'";
        cmd.CommandText = $"SELECT {_d.Name("Payload")}, {_d.Name("Source")} FROM {_d.Name("Events")} WHERE {_d.Name("EntityCode")} = @code AND {documentEvents} ORDER BY {_d.Name("Seq")}";
        cmd.AddParameter("@code", code);
        var steps = new List<DocumentTimelineStep>();
        DocumentState? replayed = null;
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var wire = JsonSerializer.Deserialize(r.GetString(0), IngestJsonContext.Default.IngestEvent);
            if (wire is null || _replay.Parse(0, wire, [])?.Document is not DocumentEvent e)
            {
                continue;
            }
            replayed = DocumentLifecycle.Apply(replayed, e).State ?? replayed;
            steps.Add(new DocumentTimelineStep(e.OccurredAt, wire.Type!, wire.Actor, replayed!.Status, r.GetString(1)));
        }
        return new DocumentTimeline(state, steps);
    }

    private (string Where, Dictionary<string, object> Parameters) Where(DocumentFilter f)
    {
        var units = RollupReader.InList(catalog.Units.Subtree(f.UnitId).Select(u => u.Id));
        var parameters = new Dictionary<string, object>();
        string N(string column) => _d.Name(column);
        var conditions = new List<string> { $"{N("UnitId")} IN ({units})" };
        var from = ProvinceTime.StartOfDay(f.From).ToUnixTimeMilliseconds();
        var to = ProvinceTime.StartOfDay(f.To.AddDays(1)).ToUnixTimeMilliseconds();
        switch (f.View)
        {
            case DocumentListView.Received or DocumentListView.Issued:
                conditions.Add($"{N("Direction")} = {(int)(f.View == DocumentListView.Received ? DocumentDirection.Incoming : DocumentDirection.Outgoing)}");
                conditions.Add($"{N("RegisteredAt")} >= @from AND {N("RegisteredAt")} < @to");
                (parameters["@from"], parameters["@to"]) = (from, to);
                break;
            case DocumentListView.Processed:
                conditions.Add($"{N("ProcessedAt")} >= @from AND {N("ProcessedAt")} < @to");
                (parameters["@from"], parameters["@to"]) = (from, to);
                break;
            case DocumentListView.Open:
                conditions.Add($"{N("IsOpen")} = {_d.True}");
                break;
            case DocumentListView.Overdue:
                conditions.Add($"{N("IsOpen")} = {_d.True} AND {N("DueAt")} < @today");
                parameters["@today"] = ProvinceTime.StartOfDay(clock.Today).ToUnixTimeMilliseconds();
                break;
        }
        return (string.Join(" AND ", conditions), parameters);
    }

    private async IAsyncEnumerable<DocumentState> ReadAsync(DbConnection c, string where, Dictionary<string, object> parameters, int skip, int take,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var cmd = c.CreateCommand();
        // Open ones first; among them those with a due date, earliest first (overdue on top); then the newest.
        string N(string column) => _d.Name(column);
        cmd.CommandText = $"SELECT {string.Join(", ", DocumentStore.SelectColumns.Split(", ").Select(N))} FROM {N("Documents")} WHERE {where} " +
                          $"ORDER BY {N("IsOpen")} DESC, {N("DueAt")} IS NULL, {N("DueAt")}, {N("RegisteredAt")} DESC, {N("Code")} LIMIT @take OFFSET @skip";
        Add(cmd, parameters);
        // No limit is SQLite's LIMIT -1 and PostgreSQL's LIMIT NULL (which refuses a negative one).
        cmd.AddParameter("@take", take < 0 && !_d.IsSqlite ? DBNull.Value : take);
        cmd.AddParameter("@skip", skip);
        using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return DocumentStore.Read(r);
        }
    }

    private static void Add(DbCommand cmd, Dictionary<string, object> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            cmd.AddParameter(name, value);
        }
    }

    private static DocumentKpis Kpis(long[]? row)
    {
        row ??= new long[RollupTable.Documents.Width];
        return DocumentContribution.Kpis(row, row);
    }
}

using Ioc.Aggregation.Ingest;
using Ioc.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Dossiers;

/// <summary>
/// Keeps the trigram index of dossier codes (<c>DossierCodeSearch</c>) and the index of their
/// five-character pieces (<c>DossierCodeGrams</c>) up to date off the ingest
/// path: every few seconds it indexes the dossiers inserted since the last time, in transactions of
/// its own under the writer lock. Indexing each insert by trigger cost ingest about a fifth of its
/// rate (measured with the benchmark); in bulk the index is built for a fraction of that. A code
/// search also scans the tail not indexed yet (<c>rowid &gt; IndexedThrough</c>), so it never misses a
/// dossier, even right after a backfill.
/// On PostgreSQL there is nothing to index: the dossier lists' code search is answered by the trigram (GIN)
/// index on Dossiers.Code, which the database keeps itself; there the indexer does nothing and says so once.
/// </summary>
public sealed class DossierCodeIndexer(IngestPipeline pipeline, IOptions<DatabaseOptions> database, ILogger<DossierCodeIndexer> logger) : BackgroundService
{
    private int _saidNotNeeded;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most dossiers indexed in one transaction, so that ingest never waits long for the writer: with the
    /// five-character pieces a dossier costs about 27 µs (15.3 M in 412 s), so 5,000 hold it about 0.13 s.
    /// </summary>
    public const int MaxPerTransaction = 5_000;

    /// <summary>Indexes every dossier not indexed yet; returns how many.</summary>
    public async Task<int> IndexAsync(CancellationToken ct = default)
    {
        if (database.Value.IsPostgreSql)
        {
            if (Interlocked.Exchange(ref _saidNotNeeded, 1) == 0)
            {
                logger.LogInformation("Dossier codes are not indexed on PostgreSQL: the dossier lists search codes through the trigram index on Dossiers.Code");
            }
            return 0;
        }
        var total = 0;
        int indexed;
        do
        {
            indexed = await pipeline.RunExclusiveAsync(statements => IndexNext(statements.Connection), ct, keepStateCache: true);
            total += indexed;
        }
        while (indexed == MaxPerTransaction);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.IsPostgreSql)
        {
            await IndexAsync(stoppingToken);
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await IndexAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Indexing dossier codes failed; searches scan the codes not indexed yet, retrying");
            }
        }
    }

    private static int IndexNext(SqliteConnection c)
    {
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT IndexedThrough FROM DossierCodeSearchState";
        var from = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        cmd.CommandText = "SELECT MAX(rowid), COUNT(*) FROM (SELECT rowid FROM Dossiers WHERE rowid > @from ORDER BY rowid LIMIT @n)";
        cmd.Parameters.AddWithValue("@from", from);
        cmd.Parameters.AddWithValue("@n", MaxPerTransaction);
        long through;
        int count;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            if (r.IsDBNull(0))
            {
                return 0;
            }
            (through, count) = (r.GetInt64(0), r.GetInt32(1));
        }
        cmd.Parameters.AddWithValue("@through", through);
        cmd.CommandText = "INSERT INTO DossierCodeSearch (rowid, Code) SELECT rowid, Code FROM Dossiers WHERE rowid > @from AND rowid <= @through";
        cmd.ExecuteNonQuery();
        IndexGrams(c, tx, from, through);
        cmd.CommandText = "UPDATE DossierCodeSearchState SET IndexedThrough = @through";
        cmd.ExecuteNonQuery();
        tx.Commit();
        return count;
    }

    /// <summary>The same dossiers' five-character pieces (<see cref="DossierCodeGrams"/>), cut here: a recursive SQL expression cost 36 µs of CPU a code.</summary>
    private static void IndexGrams(SqliteConnection c, SqliteTransaction tx, long from, long through)
    {
        var codes = new List<(long RowId, string Code)>();
        using (var read = c.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT rowid, Code FROM Dossiers WHERE rowid > @from AND rowid <= @through";
            read.Parameters.AddWithValue("@from", from);
            read.Parameters.AddWithValue("@through", through);
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                codes.Add((r.GetInt64(0), r.GetString(1)));
            }
        }
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO DossierCodeGrams (rowid, Grams) VALUES (@id, @grams)";
        var id = insert.Parameters.Add("@id", SqliteType.Integer);
        var grams = insert.Parameters.Add("@grams", SqliteType.Text);
        insert.Prepare();
        foreach (var (rowId, code) in codes)
        {
            id.Value = rowId;
            grams.Value = DossierCodeGrams.Of(code);
            insert.ExecuteNonQuery();
        }
    }
}

using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Storage.PostgreSql;
using Ioc.Data;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;
using Npgsql;

namespace Ioc.Aggregation.Rebuild;

/// <summary>
/// The rebuild on PostgreSQL: an ingest transaction (its synchronous commit, the writer's advisory lock that makes
/// other nodes' ingest and rebuilds wait, its state reads and array upserts), with temporary scratch tables and the
/// events read through a cursor, a page at a time: a connection runs one statement at a time, and the rebuild
/// compares states and writes rollups between two events.
/// </summary>
internal sealed class PostgreSqlRebuildTransaction : IRebuildTransaction
{
    /// <summary>Events fetched from the cursor at a time: few round trips, little memory.</summary>
    internal const int FetchRows = 2_000;

    private readonly PostgreSqlIngestTransaction _ingest;
    private readonly ScratchRollups _scratch;

    public PostgreSqlRebuildTransaction(NpgsqlConnection connection)
    {
        _ingest = new PostgreSqlIngestTransaction(connection);
        _scratch = new ScratchRollups(connection, _ingest.Transaction, SqlDialect.PostgreSql);
        try
        {
            // Temporary: seen by this connection only, and gone at the commit or the rollback, whichever ends the rebuild.
            // LIKE … INCLUDING ALL copies the primary key, which the upserts' ON CONFLICT needs.
            _scratch.Execute(string.Concat(ScratchRollups.Names.Select(n =>
                $"CREATE TEMP TABLE \"{ScratchRollups.Prefix}{n}\" (LIKE \"{n}\" INCLUDING ALL) ON COMMIT DROP;")));
        }
        catch
        {
            _ingest.Dispose();
            throw;
        }
    }

    public IEnumerable<(string EntityCode, string Payload)> Events(string family, bool byEntity)
    {
        // Byte order ("C") as SQLite's: the same replay order on both, and a sort that ignores the locale's rules.
        var order = byEntity ? "\"EntityCode\" COLLATE \"C\", \"Seq\"" : "\"Seq\"";
        var cursor = $"rebuild_{family}";
        _scratch.Execute($"DECLARE {cursor} NO SCROLL CURSOR FOR SELECT \"EntityCode\", \"Payload\" FROM \"Events\" WHERE \"Type\" LIKE '{family}.%' ORDER BY {order}");
        var page = new List<(string, string)>(FetchRows);
        do
        {
            page.Clear();
            using (var fetch = new NpgsqlCommand($"FETCH FORWARD {FetchRows} FROM {cursor}", _ingest.Connection, _ingest.Transaction))
            using (var r = fetch.ExecuteReader())
            {
                while (r.Read())
                {
                    page.Add((r.GetString(0), r.GetString(1)));
                }
            }
            foreach (var row in page)
            {
                yield return row;
            }
        }
        while (page.Count == FetchRows);
        _scratch.Execute($"CLOSE {cursor}");
    }

    public Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes) => _ingest.LoadDossiers(codes);

    public Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes) => _ingest.LoadTickets(codes);

    public Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes) => _ingest.LoadDocuments(codes);

    public void WriteScratch(RollupProjector projector) => _ingest.WriteRollups(projector, ScratchRollups.Prefix);

    public long Differences() => _scratch.Differences();

    public void ReplaceRollups() => _scratch.Replace();

    /// <summary>The scratch tables go with the commit (ON COMMIT DROP).</summary>
    public void Commit() => _ingest.Commit();

    public void Dispose() => _ingest.Dispose();
}

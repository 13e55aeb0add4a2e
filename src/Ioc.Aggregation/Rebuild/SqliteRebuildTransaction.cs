using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Rebuild;

/// <summary>
/// The rebuild on SQLite: an ingest transaction (BEGIN IMMEDIATE, its state reads) on the writer's connection, with
/// scratch tables created in it and the events streamed by one reader while the other statements run. The SQL is
/// the rebuild's before PostgreSQL came.
/// </summary>
internal sealed class SqliteRebuildTransaction : IRebuildTransaction
{
    private const string Prefix = ScratchRollups.Prefix;

    private readonly WriterStatements _statements;
    private readonly SqliteIngestTransaction _ingest;
    private readonly ScratchRollups _scratch;

    public SqliteRebuildTransaction(WriterStatements statements)
    {
        _statements = statements;
        _ingest = new SqliteIngestTransaction(statements, cache: null);
        _scratch = new ScratchRollups(statements.Connection, _ingest.Transaction, SqlDialect.Sqlite);
        try
        {
            _scratch.Execute(string.Concat(ScratchRollups.Names.Select(n => $"DROP TABLE IF EXISTS {Prefix}{n};")));
            foreach (var table in ScratchRollups.Tables)
            {
                _scratch.Execute(table.CreateSql(Prefix + table.Name));
            }
            _scratch.Execute($"CREATE TABLE {Prefix}{AnswerTimeDeltas.TableName} (UnitId INTEGER NOT NULL, Dimension INTEGER NOT NULL, DimensionValue INTEGER NOT NULL, Grain INTEGER NOT NULL, Period INTEGER NOT NULL, Hours INTEGER NOT NULL, Count INTEGER NOT NULL, PRIMARY KEY (UnitId, Dimension, DimensionValue, Grain, Period, Hours)) WITHOUT ROWID");
        }
        catch
        {
            _ingest.Dispose();
            throw;
        }
    }

    public IEnumerable<(string EntityCode, string Payload)> Events(string family, bool byEntity)
    {
        using var cmd = _statements.Connection.CreateCommand();
        cmd.Transaction = _ingest.Transaction;
        cmd.CommandText = $"SELECT EntityCode, Payload FROM Events WHERE Type >= '{family}.' AND Type < '{family}/' ORDER BY {(byEntity ? "EntityCode, Seq" : "Seq")}";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return (r.GetString(0), r.GetString(1));
        }
    }

    public Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes) => _ingest.LoadDossiers(codes);

    public Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes) => _ingest.LoadTickets(codes);

    public Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes) => _ingest.LoadDocuments(codes);

    public void WriteScratch(RollupProjector projector) => projector.WriteTo(_statements, Prefix);

    public long Differences() => _scratch.Differences();

    public void ReplaceRollups() => _scratch.Replace();

    public void Commit()
    {
        _scratch.Execute(string.Concat(ScratchRollups.Names.Select(n => $"DROP TABLE {Prefix}{n};")));
        _ingest.Commit();
    }

    public void Dispose() => _ingest.Dispose();
}

namespace Ioc.Data;

/// <summary>
/// What runs on PostgreSQL so far. Everything that goes through EF Core does, and so do the raw-SQL paths
/// ported behind IQueryDatabase or a provider's own store (the ingest writer); those that still issue
/// SQLite SQL of their own (through <see cref="Sqlite.SqliteDatabase"/>) must refuse rather than send it
/// to a PostgreSQL server.
/// </summary>
public static class ProviderSupport
{
    public const string NotYetOnPostgreSql =
        "Database:Provider is PostgreSQL, which so far serves the schema (migrations), reference data, accounts and sign-in, " +
        "display and source keys, the audit log, alerts, the data-protection key ring, the indicator queries, the dossier and document lists and timelines (and the document figures), " +
        "the hotline queue (ticket lists with search, tab counts, lookups, duplicates of a ticket), the health check " +
        "and the ingest writer (events, current states and rollups of API batches and CSV backfills). " +
        "Not yet supported on PostgreSQL: the hosts' database lease, rollup rebuild (also run at start after a unit moved), " +
        "dossier-code indexing (SQLite's FTS5 table; the dossier lists do not need it on PostgreSQL), the hotline's suggestions, duplicate finder and ticket history, the demo feed, " +
        "annual indices, the command-line tools, backup and the WAL checkpointer. " +
        "Start with Database:Provider=Sqlite until they are ported.";
}

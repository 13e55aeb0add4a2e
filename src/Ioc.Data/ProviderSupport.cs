namespace Ioc.Data;

/// <summary>
/// What runs on PostgreSQL so far. Everything that goes through EF Core does; the hot paths that issue
/// SQLite SQL of their own (through <see cref="Sqlite.SqliteDatabase"/>) do not yet, and must refuse
/// rather than send SQLite SQL to a PostgreSQL server.
/// </summary>
public static class ProviderSupport
{
    public const string NotYetOnPostgreSql =
        "Database:Provider is PostgreSQL, which so far serves the schema (migrations), reference data, accounts and sign-in, " +
        "display and source keys, the audit log, alerts, the data-protection key ring, the indicator queries and the health check. " +
        "Not yet supported on PostgreSQL: the ingest writer (event store, current states; only its rollup upsert is ported), " +
        "rollup rebuild and backfill, the dossier, hotline and document queries, code and ticket search, the demo feed, " +
        "annual indices, backup and the WAL checkpointer. " +
        "Start with Database:Provider=Sqlite until they are ported.";
}

namespace Ioc.Data;

/// <summary>
/// The few spellings in which the raw-SQL readers' statements differ between SQLite and PostgreSQL. SQLite's
/// spelling is exactly the text those statements had before PostgreSQL came, so its query plans (checked by
/// the query-plan tests) do not move.
/// </summary>
public sealed class SqlDialect
{
    private readonly bool _postgres;

    private SqlDialect(bool postgres) => _postgres = postgres;

    public static SqlDialect Sqlite { get; } = new(postgres: false);

    public static SqlDialect PostgreSql { get; } = new(postgres: true);

    /// <summary>A table or column name as EF created it: PostgreSQL folds unquoted names to lower case, EF's keep their case, quoted.</summary>
    public string Name(string identifier) => _postgres ? "\"" + identifier + "\"" : identifier;

    /// <summary>The literal a boolean column equals when true (SQLite stores booleans as integers).</summary>
    public string True => _postgres ? "TRUE" : "1";

    /// <summary>The literal a boolean column equals when false.</summary>
    public string False => _postgres ? "FALSE" : "0";

    /// <summary>
    /// Whether statements may carry SQLite's own devices: planner hints (INDEXED BY, NOT INDEXED, a unary + that
    /// keeps a column off an index) and FTS5 tables. PostgreSQL's planner weighs partial and trigram indexes itself.
    /// </summary>
    public bool IsSqlite => !_postgres;

    /// <summary>A table read as <paramref name="hint"/> ("INDEXED BY X", "NOT INDEXED") tells SQLite; PostgreSQL's planner has no hints, so the table alone.</summary>
    public string Hinted(string table, string hint) => _postgres ? Name(table) : $"{table} {hint}";

    /// <summary>A subquery read in FROM: PostgreSQL (before 16) wants it named, SQLite does not.</summary>
    public string Derived(string subquery, string alias) => _postgres ? $"({subquery}) AS {alias}" : $"({subquery})";

    /// <summary>A contains-search that ignores ASCII case: SQLite's LIKE does, PostgreSQL's needs ILIKE.</summary>
    public string Like => _postgres ? "ILIKE" : "LIKE";

    /// <summary>An ascending sort key whose NULLs come first, where SQLite puts them (PostgreSQL puts them last).</summary>
    public string NullsFirst(string column) => _postgres ? $"{Name(column)} NULLS FIRST" : column;

    /// <summary>A sum of integers read as a 64-bit integer (PostgreSQL sums bigints into numeric).</summary>
    public string Sum(string expression) => _postgres ? $"SUM({expression})::bigint" : $"SUM({expression})";

    public string IfNull(string value, string fallback) => _postgres ? $"COALESCE({value}, {fallback})" : $"IFNULL({value}, {fallback})";

    /// <summary>How many rows of the group meet <paramref name="condition"/> (SQLite sums the 0/1 of a comparison; PostgreSQL's booleans do not add up).</summary>
    public string CountWhere(string condition) => _postgres ? $"COUNT(*) FILTER (WHERE {condition})" : $"SUM({condition})";
}

/// <summary>The raw-SQL readers' way to the database, whichever the provider: a connection and the SQL spelling it wants.</summary>
public interface IQueryDatabase
{
    SqlDialect Dialect { get; }

    Task<System.Data.Common.DbConnection> OpenReadAsync(CancellationToken ct = default);
}

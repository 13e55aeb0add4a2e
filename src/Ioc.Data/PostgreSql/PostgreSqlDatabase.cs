using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ioc.Data.PostgreSql;

/// <summary>
/// The PostgreSQL database of <see cref="DatabaseOptions.ConnectionString"/>: one pooled data source that EF Core
/// and the raw-SQL readers share, so a web node holds one pool of server connections, not two.
/// </summary>
public sealed class PostgreSqlDatabase(IOptions<DatabaseOptions> options) : IQueryDatabase, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(
        options.Value.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is empty."));

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    /// <summary>The database and its server as commands print them, without the credentials.</summary>
    public string Description
    {
        get
        {
            var named = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
            return $"PostgreSQL database '{named.Database}' on {named.Host}:{named.Port}";
        }
    }

    public async Task<DbConnection> OpenReadAsync(CancellationToken ct = default) => await DataSource.OpenConnectionAsync(ct);

    public void Dispose() => DataSource.Dispose();
}

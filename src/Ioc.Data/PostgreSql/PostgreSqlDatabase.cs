using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ioc.Data.PostgreSql;

/// <summary>Connections to the PostgreSQL database of <see cref="DatabaseOptions.ConnectionString"/> for the raw-SQL readers, from one pooled data source.</summary>
public sealed class PostgreSqlDatabase(IOptions<DatabaseOptions> options) : IQueryDatabase, IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(
        options.Value.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is empty."));

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    public async Task<DbConnection> OpenReadAsync(CancellationToken ct = default) => await _source.OpenConnectionAsync(ct);

    public void Dispose() => _source.Dispose();
}

using Ioc.Data;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Providers;

/// <summary>Database:Provider at start: a clear refusal, never SQLite SQL sent to a PostgreSQL server.</summary>
public sealed class ProviderSettingTests
{
    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_FailsNamingTheSetting()
    {
        await using var app = new IocAppFactory().With("Database:Provider", DatabaseOptions.PostgreSql);

        var ex = Assert.ThrowsAny<Exception>(() => app.ServerAddress);

        Assert.Contains("Database:ConnectionString is empty", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownProvider_FailsNamingTheSetting()
    {
        await using var app = new IocAppFactory().With("Database:Provider", "MySql");

        var ex = Assert.ThrowsAny<Exception>(() => app.ServerAddress);

        Assert.Contains("Provider", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnPostgreSql_FailsNamingWhatIsNotYetPorted_AndLeavesTheDatabaseAlone()
    {
        await using var database = await PostgresCluster.Shared.CreateDatabaseAsync();
        await using var app = new IocAppFactory()
            .With("Database:Provider", DatabaseOptions.PostgreSql)
            .With("Database:ConnectionString", database.ConnectionString);

        var ex = Assert.ThrowsAny<Exception>(() => app.ServerAddress);

        Assert.Contains("Not yet supported on PostgreSQL: the hosts' database lease, rollup rebuild", ex.ToString(), StringComparison.Ordinal);
        var data = ProviderHost.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.PostgreSql,
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        await using var db = await data.Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Units.CountAsync());
        await data.DisposeAsync();
    }
}

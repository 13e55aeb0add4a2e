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
}

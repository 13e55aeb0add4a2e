using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ioc.Aggregation.Tests.Storage;

/// <summary>
/// One source for the schema: the EF model, which the migrations are made from. The ingest hot path writes
/// its rows with raw SQL for speed; these tests fail when that SQL and the model drift apart, a column renamed
/// in one and not the other, or a column added to the model that ingest would never write.
/// </summary>
public sealed class SchemaSourceTests
{
    private static IocDbContext Model() =>
        new(new DbContextOptionsBuilder<IocDbContext>().UseSqlite("Data Source=:memory:").Options);

    /// <summary>The columns of the model's table, without those the database fills in itself (the event store's sequence).</summary>
    private static string[] ModelColumns(string table)
    {
        using var context = Model();
        var entity = context.Model.GetEntityTypes().Single(t => t.GetTableName() == table);
        var store = StoreObjectIdentifier.Table(table, null);
        return [.. entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p => p.GetColumnName(store)!).Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string, string[]> RowWriters() => new()
    {
        { "Events", IngestSession.EventColumns.Split(", ") },
        { "Dossiers", StateStore.DossierRowColumns },
        { "Tickets", StateStore.TicketRowColumns },
        { "Documents", DocumentStore.RowColumns },
    };

    [Theory]
    [MemberData(nameof(RowWriters))]
    public void IngestWritesEveryColumnOfTheModel_AndNoOther(string table, string[] written)
    {
        Assert.Equal(written.Length, written.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ModelColumns(table), written.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Rollups() => [RollupTable.Dossiers.Name, RollupTable.Tickets.Name, RollupTable.Documents.Name];

    [Theory]
    [MemberData(nameof(Rollups))]
    public void RollupTable_KeysAndMeasures_AreTheModelsColumns(string table)
    {
        var rollup = new[] { RollupTable.Dossiers, RollupTable.Tickets, RollupTable.Documents }.Single(t => t.Name == table);
        Assert.Equal(ModelColumns(table), rollup.KeyColumns.Concat(rollup.Measures).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Migrations_MatchTheModel()
    {
        // What `dotnet ef migrations has-pending-model-changes` says, in every test run: a model change without its migration fails here.
        using var context = Model();
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel()
    {
        // The same for PostgreSQL's migrations (src/Ioc.Data.PostgreSql): a model change needs a migration in both sets.
        // Comparing the model with the migrations' snapshot opens no connection.
        var options = new DbContextOptionsBuilder<IocDbContext>();
        options.UseIocPostgreSql("Host=localhost;Database=model-check");
        using var context = new IocDbContext(options.Options);
        Assert.False(context.Database.HasPendingModelChanges());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ioc.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --project src/Ioc.Data.PostgreSql</c> build IocDbContext's model for
/// PostgreSQL. Generating a migration needs no server; the connection string is never opened.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IocDbContext>
{
    public IocDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IocDbContext>();
        options.UseIocPostgreSql("Host=localhost;Database=ioc_design_time");
        return new IocDbContext(options.Options);
    }
}

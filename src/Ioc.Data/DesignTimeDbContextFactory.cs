using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ioc.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IocDbContext>
{
    public IocDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IocDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

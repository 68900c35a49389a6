using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tertulia.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
public sealed class DesignTimeDb : IDesignTimeDbContextFactory<TertuliaDb>
{
    public TertuliaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TertuliaDb>().UseSqlite("Data Source=design.db").Options);
}

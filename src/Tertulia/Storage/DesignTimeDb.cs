using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tertulia.Storage;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without starting the app.</summary>
public sealed class DesignTimeDb : IDesignTimeDbContextFactory<TertuliaDb>
{
    public TertuliaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TertuliaDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>
/// The PostgreSQL model for `dotnet ef migrations add X --context PostgresTertuliaDb
/// --output-dir Storage/Migrations/Postgres --namespace Tertulia.Storage.Migrations.Postgres` (no server needed).
/// </summary>
public sealed class DesignTimePostgresDb : IDesignTimeDbContextFactory<PostgresTertuliaDb>
{
    public PostgresTertuliaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTertuliaDb>().UseNpgsql("Host=127.0.0.1;Database=tertulia_design").Options);
}

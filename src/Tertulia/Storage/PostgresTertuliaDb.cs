using Microsoft.EntityFrameworkCore;

namespace Tertulia.Storage;

/// <summary>The store on PostgreSQL: the same model, its own migrations (Storage/Migrations/Postgres).</summary>
public sealed class PostgresTertuliaDb(DbContextOptions<PostgresTertuliaDb> options) : TertuliaDb(options);

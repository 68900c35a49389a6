using Microsoft.EntityFrameworkCore;

namespace Tertulia.Storage;

/// <summary>
/// The start-up rule for schema changes. A SQLite file is owned by one process: it is created and migrated at
/// start. A PostgreSQL database is shared by nodes that may run different versions during a rollout: a node
/// refuses to start on a schema with pending migrations unless told to apply them (`tertulia migrate`, or
/// `serve --migrate`, or Tertulia:Migrate=true). Tertulia:Migrate=false makes SQLite refuse too.
/// </summary>
public static class StoreMigrations
{
    public static async Task EnsureCurrentAsync(IServiceProvider services, CancellationToken ct)
    {
        var store = services.GetRequiredService<StoreConnection>();
        var apply = services.GetRequiredService<StorageOptions>().Migrate ?? store.Kind == StoreKind.Sqlite;
        var pending = await PendingAsync(services, ct);
        if (pending.Count == 0)
        {
            return;
        }
        if (!apply)
        {
            throw new PendingMigrationsException(store, pending);
        }
        await ApplyAsync(services, ct);
    }

    public static async Task<IReadOnlyList<string>> PendingAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    /// <summary>Applies every pending migration; returns their names. Safe to run from several nodes at once (EF takes a lock).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        return pending;
    }
}

public sealed class PendingMigrationsException(StoreConnection store, IReadOnlyList<string> pending) : Exception(
    $"The database ({store.Display}) has {pending.Count} pending migration(s): {string.Join(", ", pending)}. " +
    "Apply them with `tertulia migrate --database ...` (or start with --migrate), then start again.")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}

using System.Reflection;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tertulia.Storage;

/// <summary>
/// Copies everything from one store to another, empty one (a business outgrowing its SQLite file moves to
/// PostgreSQL): every table of the model, parents before children, keys kept, in batches. Works from the EF model,
/// so a table added later is copied too. Self-references (a comment's parent) are set once every row is there.
/// </summary>
public sealed class StoreCopy(IServiceProvider from, IServiceProvider to)
{
    public const int BatchSize = 1000;

    public sealed record TableCopied(string Table, int Rows);

    public async Task<List<TableCopied>> RunAsync(IProgress<TableCopied>? progress, CancellationToken ct)
    {
        var source = from.GetRequiredService<IDbContextFactory<TertuliaDb>>();
        var target = to.GetRequiredService<IDbContextFactory<TertuliaDb>>();
        await using (var check = await target.CreateDbContextAsync(ct))
        {
            if (await check.Workspaces.AnyAsync(ct))
            {
                throw new InvalidOperationException("The target database already holds workspaces: copy only into an empty database.");
            }
        }
        await using var model = await source.CreateDbContextAsync(ct);
        var copied = new List<TableCopied>();
        foreach (var entity in ParentsFirst(model.Model))
        {
            var method = typeof(StoreCopy).GetMethod(nameof(CopyAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(entity.ClrType);
            var rows = await (Task<int>)method.Invoke(this, [source, target, entity, ct])!;
            var table = new TableCopied(entity.GetTableName()!, rows);
            copied.Add(table);
            progress?.Report(table);
        }
        await ContinueIdentitiesAsync(target, ct);
        await CopyKeyRingAsync(ct);
        return copied;
    }

    private async Task<int> CopyAsync<T>(IDbContextFactory<TertuliaDb> source, IDbContextFactory<TertuliaDb> target, IEntityType entity, CancellationToken ct)
        where T : class
    {
        var key = entity.FindPrimaryKey()!.Properties;
        // Nullable references to the same table (Mention.ParentId) are written after every row exists.
        var selfReferences = entity.GetForeignKeys()
            .Where(f => f.PrincipalEntityType == entity && f.Properties.All(p => p.IsNullable))
            .SelectMany(f => f.Properties)
            .ToList();
        var deferred = new List<(object[] Key, object?[] Values)>();
        var rows = 0;
        await using var reader = await source.CreateDbContextAsync(ct);
        var batch = new List<T>(BatchSize);
        await foreach (var row in OrderedByKey(reader.Set<T>().AsNoTracking(), key).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (selfReferences.Count > 0)
            {
                var values = selfReferences.Select(p => p.GetGetter().GetClrValue(row)).ToArray();
                if (values.Any(v => v is not null))
                {
                    deferred.Add((key.Select(p => p.GetGetter().GetClrValue(row)!).ToArray(), values));
                    foreach (var p in selfReferences)
                    {
                        p.PropertyInfo!.SetValue(row, null);
                    }
                }
            }
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                rows += await WriteAsync(target, batch, ct);
            }
        }
        rows += await WriteAsync(target, batch, ct);
        foreach (var updates in deferred.Chunk(BatchSize))
        {
            await using var writer = await target.CreateDbContextAsync(ct);
            foreach (var (keyValues, values) in updates)
            {
                var stored = await writer.Set<T>().FindAsync(keyValues, ct);
                for (var i = 0; i < selfReferences.Count; i++)
                {
                    writer.Entry(stored!).Property(selfReferences[i].Name).CurrentValue = values[i];
                }
            }
            await writer.SaveChangesAsync(ct);
        }
        return rows;
    }

    private static async Task<int> WriteAsync<T>(IDbContextFactory<TertuliaDb> target, List<T> batch, CancellationToken ct) where T : class
    {
        var count = batch.Count;
        if (count > 0)
        {
            await using var writer = await target.CreateDbContextAsync(ct);
            writer.Set<T>().AddRange(batch);
            await writer.SaveChangesAsync(ct);
            batch.Clear();
        }
        return count;
    }

    private static IQueryable<T> OrderedByKey<T>(IQueryable<T> rows, IReadOnlyList<IProperty> key) where T : class
    {
        var ordered = rows.OrderBy(r => EF.Property<object>(r, key[0].Name));
        foreach (var p in key.Skip(1))
        {
            ordered = ordered.ThenBy(r => EF.Property<object>(r, p.Name));
        }
        return ordered;
    }

    /// <summary>Tables in an order where every row's parents (other tables it points to) are already copied.</summary>
    public static List<IEntityType> ParentsFirst(IModel model)
    {
        var pending = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var done = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.First(e => e.GetForeignKeys().All(f => f.PrincipalEntityType == e || done.Contains(f.PrincipalEntityType)));
            done.Add(ready);
            pending.Remove(ready);
        }
        return done;
    }

    /// <summary>PostgreSQL identities go on after the copied keys (SQLite does that by itself).</summary>
    private async Task ContinueIdentitiesAsync(IDbContextFactory<TertuliaDb> target, CancellationToken ct)
    {
        if (to.GetRequiredService<StoreConnection>().Kind != StoreKind.Postgres)
        {
            return;
        }
        await using var db = await target.CreateDbContextAsync(ct);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey()!.Properties;
            if (key.Count != 1 || key[0].ValueGenerated != ValueGenerated.OnAdd)
            {
                continue;
            }
            var table = entity.GetTableName()!;
            var column = key[0].GetColumnName();
#pragma warning disable EF1002 // names come from the model, not from input
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), GREATEST((SELECT max(\"{column}\") FROM \"{table}\"), 1))", ct);
#pragma warning restore EF1002
        }
    }

    /// <summary>The channel credentials' keys move too: from the folder beside the SQLite file into PostgreSQL.</summary>
    private async Task CopyKeyRingAsync(CancellationToken ct)
    {
        var target = to.GetRequiredService<StoreConnection>();
        var folder = from.GetService<KeyRingFolder>()?.Path;
        if (target.Kind != StoreKind.Postgres || folder is null || !Directory.Exists(folder))
        {
            return;
        }
        var ring = new PostgresKeyRing(target);
        foreach (var file in Directory.GetFiles(folder, "*.xml").Order())
        {
            ring.StoreElement(XElement.Parse(await File.ReadAllTextAsync(file, ct)), Path.GetFileNameWithoutExtension(file));
        }
    }
}

/// <summary>Where a SQLite store's Data Protection keys are (beside the file, or Tertulia:KeysFolder).</summary>
public sealed record KeyRingFolder(string Path);

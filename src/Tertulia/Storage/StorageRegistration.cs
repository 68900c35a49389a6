using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;

namespace Tertulia.Storage;

public static class StorageRegistration
{
    /// <summary>Picks the store from Tertulia:Database: the embedded SQLite file, or PostgreSQL shared by several nodes.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Tertulia").Get<StorageOptions>() ?? new StorageOptions();
        var store = StoreConnection.Parse(options.Database);
        services.AddSingleton(options);
        services.AddSingleton(store);
        if (store.Kind == StoreKind.Postgres)
        {
            services.AddDbContextFactory<PostgresTertuliaDb>(db => db
                .UseNpgsql(store.ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(TertuliaDb).Assembly.FullName)));
            services.AddSingleton<IDbContextFactory<TertuliaDb>, PostgresDbFactory>();
            // Writers run side by side: what must be ordered (a channel's dedupe and counters, a listening query's
            // save against the pipeline's matching and the re-tag writes) takes advisory locks (StoreLocks), which
            // order it on every node alike. An in-process gate here would only make one node's writers queue
            // behind a lock another node holds for one workspace.
            services.AddSingleton(new WriteGate(exclusive: false));
            services.AddSingleton<IMentionSearch, PostgresMentionSearch>();
        }
        else
        {
            services.AddDbContextFactory<TertuliaDb>(db => db
                .UseSqlite(store.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(TertuliaDb).Assembly.FullName))
                .AddInterceptors(new SqlitePragmas()));
            services.AddSingleton(new WriteGate(exclusive: true));
            services.AddSingleton<IMentionSearch, SqliteMentionSearch>();
        }
        return services;
    }

    /// <summary>Accepts a plain file path as well as a connection string.</summary>
    public static string SqliteConnectionString(string database) => StoreConnection.SqliteConnectionString(database);

    /// <summary>Brings the schema up to date at start when the rule allows it, or refuses to start (see <see cref="StoreMigrations"/>).</summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct = default) =>
        StoreMigrations.EnsureCurrentAsync(services, ct);

    /// <summary>Everybody asks for TertuliaDb; on PostgreSQL they get its PostgreSQL subclass.</summary>
    private sealed class PostgresDbFactory(IDbContextFactory<PostgresTertuliaDb> inner) : IDbContextFactory<TertuliaDb>
    {
        public TertuliaDb CreateDbContext() => inner.CreateDbContext();

        public async Task<TertuliaDb> CreateDbContextAsync(CancellationToken ct = default) => await inner.CreateDbContextAsync(ct);
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;

namespace Tertulia.Storage;

public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Tertulia").Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = SqliteConnectionString(options.Database);
        services.AddSingleton(options);
        services.AddDbContextFactory<TertuliaDb>(db => db
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(TertuliaDb).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton(new WriteGate(exclusive: true));
        services.AddSingleton<IMentionSearch, SqliteMentionSearch>();
        return services;
    }

    /// <summary>Accepts a plain file path as well as a connection string.</summary>
    public static string SqliteConnectionString(string database)
    {
        var builder = database.Contains('=')
            ? new SqliteConnectionStringBuilder(database)
            : new SqliteConnectionStringBuilder { DataSource = database };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Creates the database on first start and brings its schema up to date.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<TertuliaDb>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using Xunit;

namespace Tertulia.Tests.Storage;

public class MigrationRuleTests
{
    [SkippableFact]
    public async Task A_node_refuses_to_serve_an_outdated_PostgreSQL_schema_until_migrate_runs()
    {
        TestStore.RequirePostgres();
        using var folder = new TempFolder();
        await using var database = await TestStore.CreateAsync(StoreKind.Postgres, folder.Path);

        var (refused, refusal) = await CliTests.RunTertuliaAsync("serve", "--database", database.ConnectionString, "--urls", "http://127.0.0.1:0");
        var (_, listed) = await CliTests.RunTertuliaAsync("migrate", "--list", "--database", database.ConnectionString);
        var (migrated, migration) = await CliTests.RunTertuliaAsync("migrate", "--database", database.ConnectionString);
        var (_, after) = await CliTests.RunTertuliaAsync("migrate", "--list", "--database", database.ConnectionString);

        Assert.Equal(3, refused);
        Assert.Contains("pending migration", refusal);
        Assert.Contains("tertulia migrate", refusal);
        Assert.Contains("_InitialCreate", listed);
        Assert.True(migrated == 0, migration);
        Assert.Contains("applied", migration);
        Assert.Contains("0 pending", after);
    }

    [SkippableFact]
    public async Task Serve_with_migrate_brings_a_PostgreSQL_schema_up_to_date()
    {
        TestStore.RequirePostgres();
        using var folder = new TempFolder();
        await using var database = await TestStore.CreateAsync(StoreKind.Postgres, folder.Path);
        await using var services = Build(database.ConnectionString, migrate: true);

        await StoreMigrations.EnsureCurrentAsync(services, CancellationToken.None);

        Assert.Empty(await StoreMigrations.PendingAsync(services, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_SQLite_file_is_created_and_migrated_on_first_start()
    {
        using var folder = new TempFolder();
        await using var services = Build(Path.Combine(folder.Path, "nuevo.db"), migrate: null);

        await StoreMigrations.EnsureCurrentAsync(services, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder.Path, "nuevo.db")));
        Assert.Empty(await StoreMigrations.PendingAsync(services, CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_false_makes_SQLite_refuse_too()
    {
        using var folder = new TempFolder();
        await using var services = Build(Path.Combine(folder.Path, "nuevo.db"), migrate: false);

        var refusal = await Assert.ThrowsAsync<PendingMigrationsException>(() => StoreMigrations.EnsureCurrentAsync(services, CancellationToken.None));

        Assert.NotEmpty(refusal.Pending);
    }

    private static ServiceProvider Build(string database, bool? migrate)
    {
        var settings = new Dictionary<string, string?> { ["Tertulia:Database"] = database };
        if (migrate is { } m)
        {
            settings["Tertulia:Migrate"] = m ? "true" : "false";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }
}

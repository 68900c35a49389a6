using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Cli;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using Tertulia.Workspaces;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Storage;

public class StoreCopyTests
{
    [SkippableFact]
    public async Task A_workspace_moves_from_SQLite_to_PostgreSQL_and_back_with_every_row_intact()
    {
        TestStore.RequirePostgres();
        await using var app = await TestApp.StartAsync(store: StoreKind.Sqlite);
        var workspace = await app.CreateWorkspaceAsync("Horno El Candeal");
        (await app.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/queries", new { name = "Marca", expression = "candeal OR \"masa madre\"" }))
            .EnsureSuccessStatusCode();
        var channel = await app.AddChannelAsync(workspace);
        // A comment that arrives before its post gets a parent with a larger id: the copy must cope.
        await app.IngestAsync(channel, Item("c1", "¡Qué rico el pan del Candeal!", parent: "p1"));
        await app.IngestAsync(channel, Item("p1", "Nuevo pan de masa madre en el obrador"), Item("c2", "Mañana voy", parent: "p1"),
            Item("p2", "Horario de Navidad: abierto el 24 por la mañana"));
        var sqlite = app.Database.ConnectionString;
        using var folder = new TempFolder();
        await using var postgres = await TestStore.CreateAsync(StoreKind.Postgres, folder.Path);
        var back = $"Data Source={Path.Combine(folder.Path, "back.db")}";

        var (toPostgres, toPostgresOutput) = await CliTests.RunTertuliaAsync("migrate-store", "--from", sqlite, "--to", postgres.ConnectionString);
        var (toSqlite, toSqliteOutput) = await CliTests.RunTertuliaAsync("migrate-store", "--from", postgres.ConnectionString, "--to", back);
        var (again, againOutput) = await CliTests.RunTertuliaAsync("migrate-store", "--from", sqlite, "--to", postgres.ConnectionString);

        Assert.True(toPostgres == 0, toPostgresOutput);
        Assert.True(toSqlite == 0, toSqliteOutput);
        Assert.Equal(1, again);
        Assert.Contains("empty database", againOutput);
        var original = await RowsAsync(sqlite);
        Assert.Contains(original, t => t.Key == "Mentions" && t.Value.Count == 4);
        Assert.Contains(original, t => t.Key == "QueryMatches" && t.Value.Count > 0);
        AssertSameRows(original, await RowsAsync(postgres.ConnectionString));
        AssertSameRows(original, await RowsAsync(back));
        Assert.Equal(await SearchAsync(sqlite, workspace), await SearchAsync(postgres.ConnectionString, workspace));
        await using var moved = StoreServices.Build(postgres.ConnectionString);
        var catalog = new WorkspaceCatalog(moved.GetRequiredService<IDbContextFactory<TertuliaDb>>(), [], TimeProvider.System);
        Assert.True((await catalog.CreateAsync("Otra panadería", null, CancellationToken.None)).Id > workspace);
    }

    internal static void AssertSameRows(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (table, rows) in expected)
        {
            Assert.Equal(rows, actual[table]);
        }
    }

    /// <summary>The columns both stores have (leases exist only on PostgreSQL, where several nodes share channels).</summary>
    private static readonly HashSet<string> SharedColumns = SharedColumnNames();

    private static HashSet<string> SharedColumnNames()
    {
        using var sqlite = new DesignTimeDb().CreateDbContext([]);
        return sqlite.Model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p => $"{e.ClrType.Name}.{p.Name}")).ToHashSet();
    }

    /// <summary>Every row of every table, each as its columns' values in a store-independent text form.</summary>
    internal static async Task<Dictionary<string, List<string>>> RowsAsync(string database)
    {
        await using var services = StoreServices.Build(database);
        await using var db = await services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
        var tables = new Dictionary<string, List<string>>();
        foreach (var entity in StoreCopy.ParentsFirst(db.Model))
        {
            var method = typeof(StoreCopyTests).GetMethod(nameof(TableAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(entity.ClrType);
            tables[entity.GetTableName()!] = await (Task<List<string>>)method.Invoke(null, [db, entity])!;
        }
        return tables;
    }

    private static async Task<List<string>> TableAsync<T>(TertuliaDb db, IEntityType entity) where T : class
    {
        var properties = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && SharedColumns.Contains($"{entity.ClrType.Name}.{p.Name}"))
            .OrderBy(p => p.Name).ToList();
        var rows = await db.Set<T>().AsNoTracking().ToListAsync();
        return rows.Select(row => string.Join(" | ", properties.Select(p => $"{p.Name}={Text(p.GetGetter().GetClrValue(row))}")))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static async Task<List<string>> SearchAsync(string database, int workspace)
    {
        await using var services = StoreServices.Build(database);
        var page = await services.GetRequiredService<IMentionSearch>()
            .SearchAsync(new MentionFilter(workspace, QueryParser.Parse("pan OR mañana")), CancellationToken.None);
        return page.Items.Select(m => m.ExternalId).ToList();
    }
}

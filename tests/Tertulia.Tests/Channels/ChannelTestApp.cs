using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The real application on a free loopback port with its own database (a SQLite file and key folder in a temp
/// directory, or a fresh PostgreSQL database: see <see cref="TestStore"/>).
/// The poll loop is off unless asked for, so a test polls when it means to.
/// </summary>
public sealed class ChannelTestApp : IAsyncDisposable
{
    private TestDatabase? _database;

    private ChannelTestApp(WebApplication app, string folder, TestDatabase database, TestUser owner)
    {
        Owner = owner;
        App = app;
        Folder = folder;
        _database = database;
        Database = database;
    }

    public TestDatabase Database { get; }

    /// <summary>Owner of every workspace <see cref="CreateWorkspaceAsync"/> makes; <see cref="NewHttpClient"/> calls as them.</summary>
    public TestUser Owner { get; }

    public WebApplication App { get; }
    public string Folder { get; }
    public IServiceProvider Services => App.Services;
    public Uri BaseAddress => new(App.Urls.First());

    public static async Task<ChannelTestApp> StartAsync(
        IDictionary<string, string?>? settings = null, string? folder = null, bool polling = false, TestDatabase? database = null)
    {
        folder ??= Directory.CreateTempSubdirectory("tertulia-channels-").FullName;
        database ??= await TestStore.CreateAsync(TestStore.Selected, folder);
        var all = new Dictionary<string, string?>
        {
            ["Tertulia:Polling:Enabled"] = polling ? "true" : "false",
            ["Tertulia:Network:AllowedPrivateAddresses:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = database.ConnectionString,
            Migrate = true,
            Settings = all,
        });
        await StorageRegistration.MigrateAsync(app.Services);
        await app.StartAsync();
        return new ChannelTestApp(app, folder, database, await TestUsers.EnsureAsync(app.Services, TestUsers.NewEmail("duena")));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A scoped service (handlers are scoped), resolved from a scope that lives as long as the test app.</summary>
    public T Scoped<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<TertuliaDb> DbAsync() => await Get<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();

    public async Task<Workspace> CreateWorkspaceAsync(string name = "Panadería La Espiga") =>
        await Scoped<WorkspaceCatalog>().CreateAsync(name + " " + Guid.NewGuid().ToString("N")[..6], null, Owner.Id, CancellationToken.None);

    /// <summary>An API client that calls as <see cref="Owner"/>.</summary>
    public HttpClient NewHttpClient() => TestUsers.Client(BaseAddress.ToString(), Owner);

    /// <summary>Stops the app and hands its database over to the caller (for a restart on the same data).</summary>
    public async Task<TestDatabase> StopKeepingDatabaseAsync()
    {
        var database = _database!;
        _database = null;
        await DisposeAsync();
        return database;
    }

    /// <summary>Everything stored, as text: what somebody who copied the database (file or dump) could read.</summary>
    public static async Task<string> StoredTextAsync(TestDatabase database, string folder)
    {
        if (database.Kind == StoreKind.Sqlite)
        {
            return System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "tertulia.db")));
        }
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""SELECT coalesce(string_agg(c::text, ' '), '') FROM "Channels" c""", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is { } owned)
        {
            _database = null;
            await owned.DisposeAsync();
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The real application on a free loopback port with its own SQLite file and key folder in a temp directory.
/// The poll loop is off unless asked for, so a test polls when it means to.
/// </summary>
public sealed class ChannelTestApp : IAsyncDisposable
{
    private ChannelTestApp(WebApplication app, string folder)
    {
        App = app;
        Folder = folder;
    }

    public WebApplication App { get; }
    public string Folder { get; }
    public IServiceProvider Services => App.Services;
    public Uri BaseAddress => new(App.Urls.First());

    public static async Task<ChannelTestApp> StartAsync(
        IDictionary<string, string?>? settings = null, string? folder = null, bool polling = false)
    {
        folder ??= Directory.CreateTempSubdirectory("tertulia-channels-").FullName;
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
            Database = $"Data Source={Path.Combine(folder, "tertulia.db")}",
            Settings = all,
        });
        await StorageRegistration.MigrateAsync(app.Services);
        await app.StartAsync();
        return new ChannelTestApp(app, folder);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A scoped service (handlers are scoped), resolved from a scope that lives as long as the test app.</summary>
    public T Scoped<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<TertuliaDb> DbAsync() => await Get<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();

    public async Task<Workspace> CreateWorkspaceAsync(string name = "Panadería La Espiga") =>
        await Scoped<WorkspaceCatalog>().CreateAsync(name + " " + Guid.NewGuid().ToString("N")[..6], null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Demo;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Tests.Support;

/// <summary>
/// A real Tertulia on a free loopback port with its own fresh database (a SQLite file in a temp folder, or a new
/// PostgreSQL database: see <see cref="TestStore"/>): the same composition as `serve`, with the background workers running.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Task _run;
    private readonly CancellationTokenSource _stop = new();

    private TestApp(WebApplication app, Task run, TempFolder folder, TestDatabase database, string baseUrl, TestUser owner)
    {
        _app = app;
        _run = run;
        Folder = folder;
        Database = database;
        BaseUrl = baseUrl;
        Owner = owner;
        Http = TestUsers.Client(baseUrl, owner);
    }

    /// <summary>
    /// The person <see cref="Http"/> calls as: owner of every workspace <see cref="CreateWorkspaceAsync"/> makes
    /// (with --demo, the demo owner <c>demo@tertulia.local</c>).
    /// </summary>
    public TestUser Owner { get; }

    public TempFolder Folder { get; }
    public TestDatabase Database { get; }
    public StoreKind Store => Database.Kind;
    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;
    public string DatabasePath => Path.Combine(Folder.Path, "tertulia.db");

    public static async Task<TestApp> StartAsync(
        bool demo = false, IDictionary<string, string?>? settings = null, bool allowLoopback = true, StoreKind? store = null,
        TestDatabase? sharedDatabase = null)
    {
        var folder = new TempFolder();
        // A shared database (another node's) belongs to the test, not to this app.
        var database = sharedDatabase?.Borrowed() ?? await TestStore.CreateAsync(store ?? TestStore.Selected, folder.Path);
        var all = new Dictionary<string, string?>
        {
            ["Tertulia:Polling:Tick"] = "00:00:00.200",
            // Each test database starts empty: create its schema whatever the store's start-up rule.
            ["Tertulia:Migrate"] = "true",
        };
        if (allowLoopback)
        {
            all["Tertulia:Network:AllowedPrivateAddresses:0"] = "127.0.0.1";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }
        var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Demo = demo,
            Database = database.ConnectionString,
            Settings = all,
        });
        var started = new TaskCompletionSource();
        app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var testApp = (TestApp?)null;
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => TertuliaApp.RunAsync(app, stop.Token));
        var first = await Task.WhenAny(started.Task, run, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first == run)
        {
            await run; // surfaces the start-up exception
        }
        if (first != started.Task)
        {
            throw new TimeoutException("Tertulia did not start within 60 s.");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var owner = await TestUsers.EnsureAsync(app.Services, demo ? DemoOwner.Email : TestUsers.NewEmail("duena"), demo ? DemoOwner.Password : TestUsers.Password);
        testApp = new TestApp(app, run, folder, database, address, owner);
        testApp._stop.Token.Register(stop.Cancel);
        return testApp;
    }

    public TertuliaDb Db() => Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContext();

    public async Task<int> CreateWorkspaceAsync(string name)
    {
        var response = await Http.PostAsJsonAsync("/api/workspaces", new { name });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<IdOnly>();
        return created!.Id;
    }

    /// <summary>A new user who is a member of <paramref name="workspaceId"/> with <paramref name="role"/>.</summary>
    public async Task<TestUser> UserForAsync(WorkspaceRole role, int workspaceId)
    {
        var user = await TestUsers.EnsureAsync(Services, TestUsers.NewEmail(role.ToString().ToLowerInvariant()));
        await TestUsers.AddMemberAsync(Services, workspaceId, user, role);
        return user;
    }

    /// <summary>An API client of a new member of <paramref name="workspaceId"/> with <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientForAsync(WorkspaceRole role, int workspaceId) => ClientAs(await UserForAsync(role, workspaceId));

    /// <summary>An API client of <paramref name="user"/>; null gives an anonymous one.</summary>
    public HttpClient ClientAs(TestUser? user) => TestUsers.Client(BaseUrl, user);

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(150);
        }
        throw new TimeoutException($"Timed out after {seconds} s waiting for: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _stop.Cancel();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token);
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // Stopping is best effort; the folder is removed either way.
        }
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Database.DisposeAsync();
        Folder.Dispose();
    }

    private sealed record IdOnly(int Id);
}

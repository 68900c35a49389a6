using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Channels;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Workspaces;

namespace Tertulia.Demo;

public sealed class DemoOptions
{
    public bool Enabled { get; set; }
}

/// <summary>
/// With --demo, makes sure the demo workspace exists and listens to the demo blogs, which Tertulia serves
/// itself on loopback. The mentions arrive the way every mention does: polled by the feed adapter and
/// stored by the pipeline; what the bakery writes under its own names is the brand's (its answers, its posts).
/// </summary>
public sealed class DemoWorkspace(
    DemoContent content,
    IDbContextFactory<TertuliaDb> dbs,
    WorkspaceCatalog catalog,
    DemoOwner owner,
    WorkspaceMembers members,
    AddFeedChannel addFeed,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoWorkspace> log)
{
    /// <summary>Before the server answers: whoever is told how to sign in can do so at once.</summary>
    public async Task EnsureOwnerAsync()
    {
        if (options.Value.Enabled)
        {
            await owner.EnsureAsync();
        }
    }

    public async Task<Workspace?> EnsureAsync(WebApplication app, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }
        var baseUrl = LoopbackBaseUrl(app.Services.GetRequiredService<IServer>());
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Name == content.Workspace.Name, ct)
            ?? await catalog.CreateAsync(content.Workspace.Name, content.Workspace.Description, ct);
        await members.AddAsync(workspace.Id, (await owner.EnsureAsync()).Id, WorkspaceRole.Owner, ct);

        if (!await db.ListeningQueries.AnyAsync(q => q.WorkspaceId == workspace.Id, ct))
        {
            db.ListeningQueries.AddRange(content.Queries.Select(q => new ListeningQuery
            {
                WorkspaceId = workspace.Id,
                Name = q.Name,
                Expression = q.Query,
                Role = Enum.TryParse<QueryRole>(q.Role, ignoreCase: true, out var role) ? role : QueryRole.Topic,
                CreatedAt = clock.GetUtcNow(),
                UpdatedAt = clock.GetUtcNow(),
            }));
            await db.SaveChangesAsync(ct);
        }

        foreach (var blog in content.Blogs)
        {
            var url = baseUrl + DemoFeeds.FeedPath(blog);
            var existing = await db.Channels.FirstOrDefaultAsync(c => c.WorkspaceId == workspace.Id && c.Name == blog.Title, ct);
            if (existing is null)
            {
                var outcome = await addFeed.HandleAsync(workspace.Id, new AddFeedChannel.Request(url, blog.Title, 5, content.BrandAuthors), ct);
                if (outcome.Error is not null)
                {
                    log.LogWarning("Demo channel {Blog} not added: {Error}", blog.Title, outcome.Error);
                }
            }
            else if (existing.Source != url)
            {
                // Started on another port: follow the demo feeds there.
                existing.Source = url;
                existing.NextPollAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
            }
        }
        log.LogInformation("Demo workspace \"{Name}\" ready at {Url}/w/{Id}", workspace.Name, baseUrl, workspace.Id);
        return workspace;
    }

    private static string LoopbackBaseUrl(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet.");
        var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("+", "127.0.0.1").Replace("*", "127.0.0.1"));
        var host = uri.Host == "localhost" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}

public static class DemoRegistration
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().BindConfiguration("Tertulia:Demo");
        services.AddSingleton(_ => DemoContent.Load());
        // The demo's timeline is anchored at the hour the app started, so re-polls see the same items.
        services.AddSingleton(sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return new DemoFeeds(sp.GetRequiredService<DemoContent>(), new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));
        });
        services.AddScoped<DemoWorkspace>();
        services.AddScoped<DemoOwner>();
        return services;
    }

    public static IEndpointRouteBuilder MapDemoFeeds(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.Enabled)
        {
            return app;
        }
        var group = app.MapGroup("/demo/feeds").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/{blog}.xml", (string blog, DemoFeeds feeds, HttpContext http) =>
            feeds.Blog(blog) is { } b
                ? Results.Bytes(feeds.PostsFeed(b, $"{http.Request.Scheme}://{http.Request.Host}"), ContentType(b))
                : Results.NotFound());
        group.MapGet("/{blog}/{post}/comments.xml", (string blog, string post, DemoFeeds feeds) =>
            feeds.Blog(blog) is { } b && b.Posts.FirstOrDefault(p => p.Slug == post) is { } p
                ? Results.Bytes(feeds.CommentsFeed(b, p), ContentType(b))
                : Results.NotFound());
        return app;
    }

    private static string ContentType(DemoBlog blog) => blog.Format == "atom" ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
}

using Microsoft.AspNetCore.Localization;
using Tertulia.Access;
using Tertulia.Assessment;
using Tertulia.Alerts;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Demo;
using Tertulia.Ideas;
using Tertulia.Inbox;
using Tertulia.Insights;
using Tertulia.Insights.Delivery;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Mentions.Live;
using Tertulia.Publishing;
using Tertulia.Storage;
using Tertulia.Understanding;
using Tertulia.Workspaces;

namespace Tertulia.Web;

/// <summary>How to start Tertulia: the options a person gives on the command line (or a test in code).</summary>
public sealed record ServeOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public bool Demo { get; init; }
    public string? Database { get; init; }
    /// <summary>Apply pending migrations at start; null leaves it to the store's rule (see StoreMigrations).</summary>
    public bool? Migrate { get; init; }
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public string[] Args { get; init; } = [];
}

/// <summary>Composes the web server, the background workers and the store into one application.</summary>
public static class TertuliaApp
{
    public static WebApplication Build(ServeOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            // Pages and static files belong to this assembly, whoever hosts it (the CLI, a test runner).
            ApplicationName = typeof(TertuliaApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(options.Urls);
        var settings = new Dictionary<string, string?>(options.Settings);
        if (options.Database is not null)
        {
            settings["Tertulia:Database"] = options.Database;
        }
        if (options.Migrate is { } migrate)
        {
            settings["Tertulia:Migrate"] = migrate ? "true" : "false";
        }
        if (options.Demo)
        {
            settings["Tertulia:Demo:Enabled"] = "true";
            // The demo's feeds are served on loopback by Tertulia itself.
            settings.TryAdd("Tertulia:Network:AllowedPrivateAddresses:90", "127.0.0.1");
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddMentionEvents();
        builder.Services.AddIngestion();
        builder.Services.AddContacts();
        builder.Services.AddListening();
        builder.Services.AddUnderstanding();
        builder.Services.AddChannels(builder.Configuration);
        builder.Services.AddInbox();
        builder.Services.AddAssessment();
        builder.Services.AddIdeas();
        builder.Services.AddInsights();
        builder.Services.AddAlerts();
        builder.Services.AddPublishing();
        builder.Services.AddAccess(builder.Configuration);
        builder.Services.AddScoped<WorkspaceCatalog>();
        builder.Services.AddDemo(builder.Configuration);
        builder.Services.AddTertuliaWeb();

        var app = builder.Build();
        app.UseTertuliaWeb();
        // The public ideas form's limit (Ideas); endpoints without a policy are not limited.
        app.UseRateLimiter();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").AllowAnonymous();
        app.MapWorkspacesApi();
        app.MapAccessApi();
        app.MapChannelsApi();
        app.MapMentionsApi();
        app.MapContactsApi();
        app.MapMentionStream();
        app.MapQueriesApi();
        app.MapInboxApi();
        app.MapAssessmentApi();
        app.MapInsightsApi();
        app.MapReportSchedulesApi();
        app.MapAlertsApi();
        app.MapPublishingApi();
        app.MapIdeasApi();
        app.MapDemoFeeds();
        return app;
    }

    /// <summary>Migrates the store (creating it on first start), then serves until stopped.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken ct = default)
    {
        await StorageRegistration.MigrateAsync(app.Services, ct);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoWorkspace>().EnsureOwnerAsync();
        }
        await app.StartAsync(ct);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoWorkspace>().EnsureAsync(app, ct);
        }
        await app.WaitForShutdownAsync(ct);
    }
}

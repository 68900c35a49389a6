using System.Text.Json;
using Tertulia.Access;

namespace Tertulia.Mentions.Live;

/// <summary>
/// GET /api/workspaces/{id}/mentions/live: a Server-Sent Events stream with one "mentions" event each time new
/// mentions of the workspace are stored, whichever node stored them. The workspace page shows them as "N new".
/// </summary>
public static class MentionStreamApi
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapMentionStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workspaces/{workspaceId:int}/mentions/live", async (int workspaceId, MentionEvents events, HttpContext http) =>
        {
            var ct = http.RequestAborted;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            using var watcher = events.Watch(workspaceId);
            // "ready" once what any node stores from now on will be heard here.
            await events.Ready.WaitAsync(TimeSpan.FromSeconds(10), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            await http.Response.WriteAsync(": ready\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                string message;
                try
                {
                    var arrived = await watcher.Reader.ReadAsync(wait.Token);
                    message = $"event: mentions\ndata: {JsonSerializer.Serialize(new { arrived.ChannelId, arrived.Count }, JsonSerializerOptions.Web)}\n\n";
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    message = ": keep-alive\n\n"; // proxies close silent connections
                }
                await http.Response.WriteAsync(message, ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }).WithTags("Mentions").ExcludeFromDescription().RequireWorkspaceRole(WorkspaceRole.Viewer);
        return app;
    }

    public static IServiceCollection AddMentionEvents(this IServiceCollection services)
    {
        services.AddSingleton<MentionEvents>();
        services.AddSingleton<MentionNotifier>();
        services.AddHostedService<PostgresMentionListener>();
        return services;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Channels.Webhooks;

/// <summary>
/// Creates a webhook channel: an endpoint other tools push mentions to, with a signing secret shown once
/// to the person who creates it and kept encrypted afterwards.
/// </summary>
public sealed class AddWebhookChannel(IDbContextFactory<TertuliaDb> dbs, ChannelSecrets secrets, TimeProvider clock)
{
    public sealed record Request(string? Name = null);

    public sealed record Outcome(Channel? Channel, string? Secret, bool WorkspaceMissing = false);

    public static string EndpointPath(int channelId) => $"/api/webhooks/{channelId}";

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, WorkspaceMissing: true);
        }
        var secret = WebhookSignature.NewSecret();
        var name = string.IsNullOrWhiteSpace(request.Name) ? "Webhook" : request.Name.Trim();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Webhook,
            Name = BoundedText.Clip(name, 200),
            Source = "webhook",
            Credentials = secrets.Protect(new WebhookCredentials(secret)),
            CreatedAt = clock.GetUtcNow(),
            // Nothing to poll: the sender calls us.
            NextPollAt = DateTimeOffset.MaxValue,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        channel.Source = EndpointPath(channel.Id);
        await db.SaveChangesAsync(ct);
        return new Outcome(channel, secret);
    }
}

public static class WebhookChannelApi
{
    public sealed record Created(ChannelsApi.ChannelDto Channel, string Endpoint, string Secret, string SignatureHeader);

    public static IEndpointRouteBuilder MapWebhookChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/channels/webhook",
            async Task<Results<Created<Created>, NotFound>> (int workspaceId, AddWebhookChannel.Request request, AddWebhookChannel handler, HttpRequest http, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(workspaceId, request, ct);
                if (outcome.Channel is null)
                {
                    return TypedResults.NotFound();
                }
                var endpoint = $"{http.Scheme}://{http.Host}{AddWebhookChannel.EndpointPath(outcome.Channel.Id)}";
                return TypedResults.Created($"/api/workspaces/{workspaceId}/channels/{outcome.Channel.Id}",
                    new Created(ChannelsApi.ChannelDto.From(outcome.Channel), endpoint, outcome.Secret!, WebhookSignature.Header));
            })
            .WithTags("Channels")
            .WithName("AddWebhookChannel")
            .RequireWorkspaceRole(WorkspaceRole.Admin);
        return app;
    }
}

public static class WebhookRegistration
{
    public static IServiceCollection AddWebhookChannel(this IServiceCollection services)
    {
        services.AddScoped<AddWebhookChannel>();
        return services;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Email;
using Tertulia.Channels.Mastodon;
using Tertulia.Channels.Webhooks;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Channels;

public static class ChannelsApi
{
    /// <summary>
    /// What an "add a channel" endpoint answers: 404 for a missing workspace, 400 with the reason when the account
    /// or mailbox cannot be connected, else 201 with the new channel.
    /// </summary>
    public static Results<Created<ChannelDto>, NotFound, ProblemHttpResult> Connected(
        int workspaceId, bool workspaceMissing, Channel? channel, string? error, string refusal) =>
        workspaceMissing ? TypedResults.NotFound()
        : channel is null ? TypedResults.Problem(title: refusal, detail: error, statusCode: StatusCodes.Status400BadRequest)
        : TypedResults.Created($"/api/workspaces/{workspaceId}/channels/{channel.Id}", ChannelDto.From(channel));

    public sealed record ChannelDto(
        int Id, int WorkspaceId, string Kind, string Name, string Url, bool Enabled,
        DateTimeOffset? LastPolledAt, DateTimeOffset? LastSuccessAt, DateTimeOffset NextPollAt,
        string? LastError, DateTimeOffset? LastErrorAt, int ErrorCount, long MentionCount, string State)
    {
        public static ChannelDto From(Channel c) => new(
            c.Id, c.WorkspaceId, c.Kind.ToString().ToLowerInvariant(), c.Name, c.Source, c.Enabled,
            c.LastPolledAt, c.LastSuccessAt, c.NextPollAt, c.LastError, c.LastErrorAt, c.ErrorCount, c.MentionCount,
            StateOf(c));
    }

    /// <summary>"pending" before the first poll, "failing" after an error, "warning" when items were skipped, else "ok".</summary>
    public static string StateOf(Channel c) =>
        !c.Enabled ? "paused"
        : c.ErrorCount > 0 ? "failing"
        : c.LastPolledAt is null ? "pending"
        : c.LastSkippedCount > 0 ? "warning"
        : "ok";

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/channels").WithTags("Channels");

        group.MapGet("/", async Task<Results<Ok<List<ChannelDto>>, NotFound>> (int workspaceId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(ct);
            return TypedResults.Ok(channels.ConvertAll(ChannelDto.From));
        }).WithName("ListChannels").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPost("/", async Task<Results<Created<ChannelDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, AddFeedChannel.Request request, AddFeedChannel handler, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(workspaceId, request, ct);
            if (outcome.WorkspaceMissing)
            {
                return TypedResults.NotFound();
            }
            if (outcome.Channel is null)
            {
                return TypedResults.Problem(title: "The feed cannot be added", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest);
            }
            return TypedResults.Created($"/api/workspaces/{workspaceId}/channels/{outcome.Channel.Id}", ChannelDto.From(outcome.Channel));
        }).WithName("AddFeedChannel").RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapGet("/{channelId:int}", async Task<Results<Ok<ChannelDto>, NotFound>> (int workspaceId, int channelId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.WorkspaceId == workspaceId, ct);
            return channel is null ? TypedResults.NotFound() : TypedResults.Ok(ChannelDto.From(channel));
        }).WithName("GetChannel").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapPost("/{channelId:int}/poll", async Task<Results<Accepted, NotFound>> (int workspaceId, int channelId, PollChannelNow handler, CancellationToken ct) =>
            await handler.HandleAsync(workspaceId, channelId, ct) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound())
            .WithName("PollChannelNow").RequireWorkspaceRole(WorkspaceRole.Admin);

        app.MapEmailChannelApi();
        app.MapReplyApi();
        app.MapWebhookChannelApi();
        app.MapWebhooksApi();
        app.MapMastodonChannelApi();
        app.MapBlueskyChannelApi();
        return app;
    }
}

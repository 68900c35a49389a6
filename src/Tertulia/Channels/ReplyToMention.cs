using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Channels;

/// <summary>Answers a mention through its channel and stores the answer in the conversation, through the pipeline.</summary>
public sealed class ReplyToMention(
    IDbContextFactory<TertuliaDb> dbs,
    IEnumerable<IChannelReplier> repliers,
    IngestionPipeline pipeline)
{
    public const int MaxTextLength = 20_000;

    /// <summary>Walking up a conversation stops here: enough for any real thread, bounded for a broken one.</summary>
    private const int MaxAncestors = 100;

    public sealed record Request(string Text);

    public sealed record Outcome(long? ReplyMentionId, string? ReplyExternalId, string? Error, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, long mentionId, Request request, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            return new Outcome(null, null, $"The answer must have between 1 and {MaxTextLength} characters.");
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mentionId && m.WorkspaceId == workspaceId, ct);
        if (mention is null)
        {
            return new Outcome(null, null, null, NotFound: true);
        }
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == mention.ChannelId, ct);
        var replier = repliers.FirstOrDefault(r => r.Kind == channel.Kind);
        if (replier is null)
        {
            return new Outcome(null, null, $"Mentions from {channel.Kind} channels cannot be answered from Tertulia.");
        }

        var ancestors = new List<string>();
        var parentId = mention.ParentId;
        while (parentId is { } id && ancestors.Count < MaxAncestors)
        {
            var parent = await db.Mentions.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.ExternalId, m.ParentId }).SingleOrDefaultAsync(ct);
            if (parent is null)
            {
                break;
            }
            ancestors.Insert(0, parent.ExternalId);
            parentId = parent.ParentId;
        }

        IncomingItem sent;
        try
        {
            sent = await replier.ReplyAsync(channel, new ReplyTarget(mention, ancestors), text, ct);
        }
        catch (ChannelException ex)
        {
            return new Outcome(null, null, ex.Message);
        }
        // Whatever the replier says, what it sent is the brand's own message.
        await pipeline.IngestAsync(channel.Id, [sent with { FromBrand = true }], null, ct);
        var stored = await db.Mentions.AsNoTracking()
            .Where(m => m.ChannelId == channel.Id && m.ExternalId == sent.ExternalId)
            .Select(m => (long?)m.Id)
            .SingleOrDefaultAsync(ct);
        return new Outcome(stored, sent.ExternalId, null);
    }
}

public static class ReplyToMentionApi
{
    public sealed record ReplyDto(long? MentionId, string ExternalId);

    public static IEndpointRouteBuilder MapReplyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/mentions/{mentionId:long}/replies",
            async Task<Results<Created<ReplyDto>, NotFound, ProblemHttpResult>> (
                int workspaceId, long mentionId, ReplyToMention.Request request, ReplyToMention handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(workspaceId, mentionId, request, ct);
                if (outcome.NotFound)
                {
                    return TypedResults.NotFound();
                }
                if (outcome.Error is not null)
                {
                    return TypedResults.Problem(title: "The answer was not sent", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest);
                }
                return TypedResults.Created($"/api/workspaces/{workspaceId}/mentions/{outcome.ReplyMentionId}",
                    new ReplyDto(outcome.ReplyMentionId, outcome.ReplyExternalId!));
            })
            .WithTags("Channels")
            .WithName("ReplyToMention")
            .RequireWorkspaceRole(WorkspaceRole.Agent);
        return app;
    }
}

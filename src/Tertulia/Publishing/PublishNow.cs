using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// Publishes a text on the brand's channels that can post, now or at a moment, with no draft, approval or caps: what
/// an urgent statement needs (a crisis holding statement from Alerts) and what other capabilities post through.
/// It goes through the same outbox as everything composed, so it goes out exactly once and becomes the brand's mention.
/// </summary>
public sealed class PublishNow(
    IDbContextFactory<TertuliaDb> dbs,
    PublicationPlanner planner,
    PublicationOutbox outbox,
    WriteGate writeGate,
    TimeProvider clock)
{
    /// <param name="ChannelIds">Null: every enabled channel of the workspace that can post.</param>
    public sealed record Request(string Text, IReadOnlyList<int>? ChannelIds = null, DateTimeOffset? At = null, string? Language = null, PostImage? Image = null);

    public sealed record Outcome(long? PublicationId, string? Error, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, string? actorId, string origin, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, NotFound: true);
        }
        Outcome outcome;
        using (await writeGate.EnterAsync(ct))
        {
            outcome = await StageAsync(db, workspaceId, request, actorId, origin, ct);
        }
        if (outcome.PublicationId is not null)
        {
            outbox.Wake();
        }
        return outcome;
    }

    /// <summary>
    /// Adds the publication and its due deliveries inside the caller's context, which holds the <see cref="WriteGate"/>
    /// (and, for a capability that must post once, its own transaction and lock); the caller wakes the outbox with
    /// <see cref="Wake"/> after its commit.
    /// </summary>
    public async Task<Outcome> StageAsync(TertuliaDb db, int workspaceId, Request request, string? actorId, string origin, CancellationToken ct)
    {
        var channels = await planner.ChannelsAsync(db, workspaceId, request.ChannelIds, ct);
        if (request.ChannelIds is { Count: > 0 } asked && channels.Count != asked.Distinct().Count())
        {
            return new Outcome(null, "One of the channels is not the workspace's, is paused, or cannot post.");
        }
        var now = clock.GetUtcNow();
        var publication = new Publication
        {
            WorkspaceId = workspaceId,
            AuthorId = actorId,
            Text = request.Text?.Trim() ?? "",
            Language = request.Language,
            Origin = origin,
            CreatedAt = now,
            UpdatedAt = now,
            ScheduledFor = request.At is { } at && at > now ? at : now,
            ApprovedBy = actorId,
            ApprovedAt = now,
            State = PublicationState.Scheduled,
        };
        if (request.Image is { } image)
        {
            (publication.ImageContent, publication.ImageContentType, publication.ImageAlt) = (image.Content, image.ContentType, image.AltText);
        }
        if (planner.Check(publication, channels) is { } problem)
        {
            return new Outcome(null, problem);
        }
        db.Publications.Add(publication);
        await db.SaveChangesAsync(ct);
        await planner.ReleaseAsync(db, publication, channels, now, ct);
        return new Outcome(publication.Id, null);
    }

    public void Wake() => outbox.Wake();
}

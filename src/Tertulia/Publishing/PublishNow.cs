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
        var channels = await planner.ChannelsAsync(db, workspaceId, request.ChannelIds, ct);
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
        using (await writeGate.EnterAsync(ct))
        {
            db.Publications.Add(publication);
            await db.SaveChangesAsync(ct);
            await planner.ReleaseAsync(db, publication, channels, now, ct);
        }
        outbox.Wake();
        return new Outcome(publication.Id, null);
    }
}

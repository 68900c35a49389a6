using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// A draft's way out: an agent submits it for approval, an admin approves it (it is scheduled, unless the caps refuse
/// it — with the reason), sends it back to draft, or cancels it. Approving hands it to the outbox.
/// </summary>
public sealed class ReviewPublication(
    IDbContextFactory<TertuliaDb> dbs,
    PublicationPlanner planner,
    PublishingRules rules,
    WorkspaceClock clock,
    PublicationOutbox outbox,
    WriteGate writeGate,
    TimeProvider time)
{
    public sealed record Outcome(PublicationState? State, string? Error = null, PublishingRules.Notice? Refusal = null, bool NotFound = false);

    /// <summary>An agent asks for the draft to be published; the caps are checked now too, so a refusal comes early.</summary>
    public Task<Outcome> SubmitAsync(int workspaceId, long publicationId, string? actorId, CancellationToken ct) =>
        MoveAsync(workspaceId, publicationId, [PublicationState.Draft], async (db, p, channels) =>
        {
            if (await RefusalAsync(db, p, channels, ct) is { } refusal)
            {
                return new Outcome(null, Refusal: refusal);
            }
            p.State = PublicationState.AwaitingApproval;
            p.SubmittedBy = actorId;
            return new Outcome(p.State);
        }, ct);

    /// <summary>An admin approves: scheduled for its moment (or now), through the caps.</summary>
    public Task<Outcome> ApproveAsync(int workspaceId, long publicationId, string? actorId, CancellationToken ct) =>
        MoveAsync(workspaceId, publicationId, [PublicationState.Draft, PublicationState.AwaitingApproval], async (db, p, channels) =>
        {
            var now = time.GetUtcNow();
            if (p.ScheduledFor is null || p.ScheduledFor < now)
            {
                p.ScheduledFor = now;
            }
            if (planner.Check(p, channels) is { } problem)
            {
                return new Outcome(null, problem);
            }
            if (await RefusalAsync(db, p, channels, ct) is { } refusal)
            {
                return new Outcome(null, Refusal: refusal);
            }
            p.State = PublicationState.Scheduled;
            p.ApprovedBy = actorId;
            p.ApprovedAt = now;
            await db.SaveChangesAsync(ct);
            await planner.ReleaseAsync(db, p, channels, now, ct);
            return new Outcome(p.State);
        }, ct, wake: true);

    public Task<Outcome> SendBackAsync(int workspaceId, long publicationId, CancellationToken ct) =>
        MoveAsync(workspaceId, publicationId, [PublicationState.AwaitingApproval, PublicationState.Scheduled], async (db, p, _) =>
        {
            p.State = PublicationState.Draft;
            await HoldAsync(db, p.Id, DeliveryState.Held, ct);
            return new Outcome(p.State);
        }, ct);

    public Task<Outcome> CancelAsync(int workspaceId, long publicationId, CancellationToken ct) =>
        MoveAsync(workspaceId, publicationId, [PublicationState.Draft, PublicationState.AwaitingApproval, PublicationState.Scheduled], async (db, p, _) =>
        {
            p.State = PublicationState.Cancelled;
            await HoldAsync(db, p.Id, DeliveryState.Cancelled, ct);
            return new Outcome(p.State);
        }, ct);

    private async Task<PublishingRules.Notice?> RefusalAsync(TertuliaDb db, Publication p, IReadOnlyList<Tertulia.Channels.Channel> channels, CancellationToken ct)
    {
        var settings = await clock.SettingsAsync(p.WorkspaceId, ct);
        var verdict = await rules.CheckAsync(db, settings, p.Id, p.Promotional, p.ScheduledFor ?? time.GetUtcNow(), channels, ct);
        return verdict.Refusal;
    }

    /// <summary>Takes a publication's deliveries back from the outbox (none has gone out: a moved publication is not published).</summary>
    private static async Task HoldAsync(TertuliaDb db, long publicationId, DeliveryState state, CancellationToken ct)
    {
        var deliveries = await db.PublicationDeliveries.Where(d => d.PublicationId == publicationId && d.State != DeliveryState.Published).ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id).ToList();
        await db.PublicationParts.Where(p => ids.Contains(p.DeliveryId) && p.ExternalId == null).ExecuteDeleteAsync(ct);
        foreach (var d in deliveries)
        {
            d.State = state;
        }
    }

    private async Task<Outcome> MoveAsync(int workspaceId, long publicationId, PublicationState[] from,
        Func<TertuliaDb, Publication, List<Tertulia.Channels.Channel>, Task<Outcome>> move, CancellationToken ct, bool wake = false)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Outcome outcome;
        using (await writeGate.EnterAsync(ct))
        {
            var publication = await db.Publications.SingleOrDefaultAsync(p => p.Id == publicationId && p.WorkspaceId == workspaceId, ct);
            if (publication is null)
            {
                return new Outcome(null, NotFound: true);
            }
            if (!from.Contains(publication.State)
                || await db.PublicationDeliveries.AnyAsync(d => d.PublicationId == publicationId && d.State == DeliveryState.Published, ct))
            {
                return new Outcome(null, $"A publication in state {publication.State} cannot do that.");
            }
            var channelIds = await db.PublicationDeliveries.Where(d => d.PublicationId == publicationId).Select(d => d.ChannelId).ToListAsync(ct);
            var channels = await planner.ChannelsAsync(db, workspaceId, channelIds, ct);
            outcome = await move(db, publication, channels);
            if (outcome.State is null)
            {
                return outcome;
            }
            publication.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        if (wake)
        {
            outbox.Wake();
        }
        return outcome;
    }
}

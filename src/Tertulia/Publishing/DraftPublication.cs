using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Publishing.Score;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// Saves what the composer wrote as a draft (new, or over a draft, one awaiting approval, or a scheduled one not yet
/// gone out — which goes back to draft): text, channels, the moment in the workspace's time zone, an image with its
/// alt text. Its score is recomputed on every save.
/// </summary>
public sealed class DraftPublication(
    IDbContextFactory<TertuliaDb> dbs,
    PublicationPlanner planner,
    WorkspaceClock clock,
    ValueScoring scoring,
    WriteGate writeGate,
    TimeProvider time)
{
    /// <param name="LocalTime">When it should go out, on the workspace's wall clock; null = as soon as it is approved.</param>
    /// <param name="ImageBase64">The image's bytes in base64, with <paramref name="ImageContentType"/> and <paramref name="ImageAlt"/>.</param>
    public sealed record Request(string? Text, int[]? ChannelIds, DateTime? LocalTime, string? Language = null,
        string? ImageBase64 = null, string? ImageContentType = null, string? ImageAlt = null, bool KeepImage = false);

    public sealed record Outcome(long? PublicationId, string? Error, bool NotFound = false);

    public async Task<Outcome> CreateAsync(int workspaceId, string? authorId, Request request, CancellationToken ct) =>
        await SaveAsync(workspaceId, null, authorId, request, ct);

    public async Task<Outcome> UpdateAsync(int workspaceId, long publicationId, string? actorId, Request request, CancellationToken ct) =>
        await SaveAsync(workspaceId, publicationId, actorId, request, ct);

    private async Task<Outcome> SaveAsync(int workspaceId, long? publicationId, string? actorId, Request request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return new Outcome(null, null, NotFound: true);
        }
        var now = time.GetUtcNow();
        Publication publication;
        if (publicationId is { } id)
        {
            var found = await db.Publications.SingleOrDefaultAsync(p => p.Id == id && p.WorkspaceId == workspaceId, ct);
            if (found is null)
            {
                return new Outcome(null, null, NotFound: true);
            }
            if (found.State is not (PublicationState.Draft or PublicationState.AwaitingApproval or PublicationState.Scheduled)
                || await db.PublicationDeliveries.AnyAsync(d => d.PublicationId == id && d.State == DeliveryState.Published, ct))
            {
                return new Outcome(null, "It has gone out already: it can no longer be changed.");
            }
            publication = found;
        }
        else
        {
            publication = new Publication { WorkspaceId = workspaceId, AuthorId = actorId, Text = "", CreatedAt = now };
            db.Publications.Add(publication);
        }

        var settings = await clock.SettingsAsync(workspaceId, ct);
        publication.Text = request.Text?.Trim() ?? "";
        publication.Language = request.Language is { Length: > 0 and <= 8 } language ? language : null;
        publication.ScheduledFor = request.LocalTime is { } local ? WorkspaceClock.ToInstant(local, WorkspaceClock.Zone(settings.TimeZone)) : null;
        publication.UpdatedAt = now;
        if (!request.KeepImage)
        {
            var image = ImageOf(request);
            if (image.Error is not null)
            {
                return new Outcome(null, image.Error);
            }
            (publication.ImageContent, publication.ImageContentType, publication.ImageAlt) = (image.Bytes, request.ImageContentType, request.ImageAlt?.Trim());
        }
        var assessment = scoring.Assess(publication.Text, settings.NamesBesides(workspace.Name));
        publication.Score = assessment.Score;
        publication.Promotional = assessment.Promotional;

        var channels = await planner.ChannelsAsync(db, workspaceId, request.ChannelIds ?? [], ct);
        if (request.ChannelIds is { Length: > 0 } asked && channels.Count != asked.Distinct().Count())
        {
            return new Outcome(null, "One of the channels is not the workspace's, is paused, or cannot post.");
        }
        if (planner.Check(publication, channels) is { } problem)
        {
            return new Outcome(null, problem);
        }
        using (await writeGate.EnterAsync(ct))
        {
            // Back to draft: what is held for approval or scheduled is taken back from the outbox while it changes.
            publication.State = PublicationState.Draft;
            publication.ApprovedBy = null;
            publication.ApprovedAt = null;
            await db.SaveChangesAsync(ct);
            await HoldAsync(db, publication, channels, ct);
        }
        return new Outcome(publication.Id, null);
    }

    /// <summary>One held delivery per chosen channel, no parts: parts and keys are made when it is approved.</summary>
    private static async Task HoldAsync(TertuliaDb db, Publication publication, IReadOnlyList<Channel> channels, CancellationToken ct)
    {
        var existing = await db.PublicationDeliveries.Where(d => d.PublicationId == publication.Id).ToListAsync(ct);
        var ids = existing.Select(d => d.Id).ToList();
        await db.PublicationParts.Where(p => ids.Contains(p.DeliveryId)).ExecuteDeleteAsync(ct);
        db.PublicationDeliveries.RemoveRange(existing.Where(d => channels.All(c => c.Id != d.ChannelId)));
        foreach (var channel in channels)
        {
            var delivery = existing.FirstOrDefault(d => d.ChannelId == channel.Id);
            if (delivery is null)
            {
                db.PublicationDeliveries.Add(new PublicationDelivery
                {
                    PublicationId = publication.Id, WorkspaceId = publication.WorkspaceId, ChannelId = channel.Id, State = DeliveryState.Held,
                });
            }
            else
            {
                delivery.State = DeliveryState.Held;
                delivery.Attempts = 0;
                delivery.LastError = null;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static (byte[]? Bytes, string? Error) ImageOf(Request request)
    {
        if (string.IsNullOrEmpty(request.ImageBase64))
        {
            return (null, null);
        }
        if (request.ImageBase64.Length > PostImage.MaxBytes * 4 / 3 + 8)
        {
            return (null, $"The image is larger than {PostImage.MaxBytes / 1000} KB.");
        }
        try
        {
            return (Convert.FromBase64String(request.ImageBase64), null);
        }
        catch (FormatException)
        {
            return (null, "The image could not be read (not base64).");
        }
    }
}

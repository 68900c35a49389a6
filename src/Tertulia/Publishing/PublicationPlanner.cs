using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// What a publication becomes on each channel: the channels that can post, the checks before it is accepted
/// (text, image, the channel's limit and thread length), and its parts, recorded with their idempotency keys when
/// it is released to the outbox.
/// </summary>
public sealed class PublicationPlanner(IEnumerable<IChannelPublisher> publishers)
{
    public IChannelPublisher? PublisherFor(ChannelKind kind) => publishers.FirstOrDefault(p => p.Kind == kind);

    /// <summary>The workspace's enabled channels that can post, or those of <paramref name="ids"/> among them.</summary>
    public async Task<List<Channel>> ChannelsAsync(TertuliaDb db, int workspaceId, IReadOnlyList<int>? ids, CancellationToken ct)
    {
        var kinds = publishers.Select(p => p.Kind).ToList();
        var query = db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.Enabled && kinds.Contains(c.Kind));
        if (ids is not null)
        {
            query = query.Where(c => ids.Contains(c.Id));
        }
        return await query.OrderBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>The parts <paramref name="text"/> becomes on a channel: one post, or a numbered thread.</summary>
    public List<string> PartsFor(IChannelPublisher publisher, string text) =>
        ThreadSplitter.Split(text, publisher.MaxLength, publisher.Measure);

    /// <summary>Why the publication cannot go out on these channels (null when it can).</summary>
    public string? Check(Publication publication, IReadOnlyList<Channel> channels)
    {
        if (publication.Text.Length == 0 || publication.Text.Length > Publication.MaxTextLength)
        {
            return $"The text must have between 1 and {Publication.MaxTextLength} characters.";
        }
        if (channels.Count == 0)
        {
            return "Choose at least one of the workspace's channels that can post (Mastodon, Bluesky).";
        }
        if (publication.ImageContent is { } image)
        {
            if (image.Length > PostImage.MaxBytes)
            {
                return $"The image is {image.Length / 1000} KB; Bluesky takes at most {PostImage.MaxBytes / 1000} KB.";
            }
            if (!PostImage.ContentTypes.Contains(publication.ImageContentType))
            {
                return "The image must be a JPEG, PNG, WebP or GIF.";
            }
            if (string.IsNullOrWhiteSpace(publication.ImageAlt))
            {
                return "Describe the image (alt text) for people who cannot see it.";
            }
            if (publication.ImageAlt.Length > PostImage.MaxAltText)
            {
                return $"The image description has at most {PostImage.MaxAltText} characters.";
            }
        }
        foreach (var channel in channels)
        {
            var parts = PartsFor(PublisherFor(channel.Kind)!, publication.Text);
            if (parts.Count > ThreadSplitter.MaxParts)
            {
                return $"On {channel.Name} this would be a thread of {parts.Count} posts; at most {ThreadSplitter.MaxParts}.";
            }
        }
        return null;
    }

    /// <summary>
    /// Hands a saved publication to the outbox: a delivery per channel, due at its moment, with its parts and their
    /// keys (the keys are made here, once, so every later attempt uses the same). Saves.
    /// </summary>
    public async Task ReleaseAsync(TertuliaDb db, Publication publication, IReadOnlyList<Channel> channels, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.PublicationDeliveries.Where(d => d.PublicationId == publication.Id).ToListAsync(ct);
        foreach (var channel in channels)
        {
            var delivery = existing.FirstOrDefault(d => d.ChannelId == channel.Id);
            if (delivery is null)
            {
                delivery = new PublicationDelivery { PublicationId = publication.Id, WorkspaceId = publication.WorkspaceId, ChannelId = channel.Id };
                db.PublicationDeliveries.Add(delivery);
                await db.SaveChangesAsync(ct);
            }
            delivery.State = DeliveryState.Due;
            delivery.NextAttemptAt = publication.ScheduledFor ?? now;
            var index = 0;
            foreach (var text in PartsFor(PublisherFor(channel.Kind)!, publication.Text))
            {
                db.PublicationParts.Add(new PublicationPart
                {
                    DeliveryId = delivery.Id, Index = index++, Text = text, IdempotencyKey = Guid.NewGuid().ToString("N"), RecordedAt = now,
                });
            }
        }
        foreach (var dropped in existing.Where(d => channels.All(c => c.Id != d.ChannelId)))
        {
            db.PublicationDeliveries.Remove(dropped);
        }
        await db.SaveChangesAsync(ct);
    }
}

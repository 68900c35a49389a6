using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Channels;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// Posts due deliveries (<see cref="PublicationDelivery"/> in state due whose moment has come) through their channel,
/// part by part, and stores each posted part as the brand's mention through the pipeline. The database is the queue:
/// a delivery is claimed by moving its next attempt a lease ahead, so a crashed worker's delivery is taken up again,
/// and the retry first asks the channel whether the part it was posting is there (its idempotency key), so nothing is
/// posted twice. A part is recorded as published only with the id the channel answered. Failures are retried on a
/// back-off ladder, then the delivery fails with the reason and the team is told.
/// </summary>
public sealed class PublicationOutbox(
    IDbContextFactory<TertuliaDb> dbs,
    IEnumerable<IChannelPublisher> publishers,
    IngestionPipeline pipeline,
    WriteGate writeGate,
    PublicationFailures failures,
    IOptions<PublishingOptions> options,
    TimeProvider clock,
    ILogger<PublicationOutbox> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>One delivery being posted: what the channel needs to post its parts, or to find them posted.</summary>
    public sealed record Attempt(PublicationDelivery Delivery, Publication Publication, Channel Channel, IChannelPublisher Publisher, List<PublicationPart> Parts);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "The publication outbox failed a round; it tries again");
            }
            try
            {
                await _wake.WaitAsync(options.Value.Tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Posts every delivery that is due; returns how many were completely published.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var published = 0;
        foreach (var delivery in await ClaimDueAsync(ct))
        {
            if (await PrepareAsync(delivery, ct) is { } attempt && await CompleteAsync(attempt, ct))
            {
                published++;
            }
        }
        await StoreRecordedAsync(ct);
        return published;
    }

    /// <summary>Claims due deliveries: each moves its next attempt a lease ahead, so no other worker takes it meanwhile.</summary>
    public async Task<List<PublicationDelivery>> ClaimDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + options.Value.Lease;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.PublicationDeliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Due && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(20).ToListAsync(ct);
        var claimed = new List<PublicationDelivery>();
        foreach (var id in due)
        {
            int won;
            using (await writeGate.EnterAsync(ct))
            {
                won = await db.PublicationDeliveries
                    .Where(d => d.Id == id && d.State == DeliveryState.Due && d.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.NextAttemptAt, leaseUntil), ct);
            }
            if (won == 1)
            {
                claimed.Add(await db.PublicationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct));
            }
        }
        return claimed;
    }

    /// <summary>What posting a claimed delivery needs; null (and the delivery failed) when its channel cannot post.</summary>
    public async Task<Attempt?> PrepareAsync(PublicationDelivery delivery, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var publication = await db.Publications.AsNoTracking().SingleAsync(p => p.Id == delivery.PublicationId, ct);
        var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == delivery.ChannelId, ct);
        var publisher = channel is null ? null : publishers.FirstOrDefault(p => p.Kind == channel.Kind);
        if (channel is null || publisher is null)
        {
            await FailAsync(delivery.Id, "The channel no longer exists or cannot post.", ct);
            return null;
        }
        var parts = await db.PublicationParts.AsNoTracking().Where(p => p.DeliveryId == delivery.Id).OrderBy(p => p.Index).ToListAsync(ct);
        return new Attempt(delivery, publication, channel, publisher, parts);
    }

    /// <summary>
    /// Posts the parts not yet confirmed, in order — the first one only after asking the channel whether an earlier
    /// attempt posted it — and records each with the id the channel answered. Returns whether the delivery is published.
    /// </summary>
    public async Task<bool> CompleteAsync(Attempt attempt, CancellationToken ct)
    {
        var (delivery, publication, channel, publisher, parts) = attempt;
        string? previous = null;
        var asked = false;
        foreach (var part in parts)
        {
            if (part.ExternalId is not null)
            {
                previous = part.ExternalId;
                continue;
            }
            var post = new PostToPublish(part.Text, part.IdempotencyKey, part.RecordedAt, previous,
                part.Index == 0 ? ImageOf(publication) : null, publication.Language);
            IncomingItem item;
            try
            {
                // Only the first unconfirmed part can have been posted by a worker that died: the parts go in order.
                var earlier = delivery.Attempts > 1 && !asked ? await publisher.FindPublishedAsync(channel, post, ct) : null;
                asked = true;
                if (earlier is not null)
                {
                    log.LogInformation("Part {Index} of publication {PublicationId} on channel {ChannelId} was already posted as {ExternalId}: recorded, not posted again",
                        part.Index, publication.Id, channel.Id, earlier.ExternalId);
                }
                item = earlier ?? await publisher.PublishAsync(channel, post, ct);
            }
            catch (ChannelException ex)
            {
                await RetryOrFailAsync(delivery, ex, ct);
                return false;
            }
            await RecordPartAsync(part.Id, item, ct);
            await StoreAsync(part.Id, channel.Id, item, ct);
            previous = item.ExternalId;
        }
        await RecordPublishedAsync(delivery.Id, ct);
        return true;
    }

    private static PostImage? ImageOf(Publication p) =>
        p.ImageContent is { Length: > 0 } bytes && p.ImageContentType is { } type ? new PostImage(bytes, type, p.ImageAlt ?? "") : null;

    private async Task RecordPartAsync(long partId, IncomingItem item, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var part = await db.PublicationParts.SingleAsync(p => p.Id == partId, ct);
            part.ExternalId = item.ExternalId;
            part.PublishedAt = clock.GetUtcNow();
            part.SentItem = JsonSerializer.Serialize(item with { FromBrand = true });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Stores a posted part as the brand's mention, through the pipeline, so answers to it join its conversation.</summary>
    private async Task StoreAsync(long partId, int channelId, IncomingItem item, CancellationToken ct)
    {
        await pipeline.IngestAsync(channelId, [item with { FromBrand = true }], null, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var part = await db.PublicationParts.SingleAsync(p => p.Id == partId, ct);
            var mentionId = await db.Mentions.Where(m => m.ChannelId == channelId && m.ExternalId == item.ExternalId)
                .Select(m => (long?)m.Id).SingleOrDefaultAsync(ct);
            if (mentionId is null)
            {
                return;
            }
            part.MentionId = mentionId;
            part.SentItem = null;
            if (part.Index == 0)
            {
                await db.PublicationDeliveries.Where(d => d.Id == part.DeliveryId)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.MentionId, mentionId), ct);
            }
            // The channel may have brought the post in before it was recorded (a poll, the firehose): it is still the brand's.
            var message = await db.ConversationMessages.SingleOrDefaultAsync(m => m.MentionId == mentionId, ct);
            if (message is not null && !message.FromBrand)
            {
                message.FromBrand = true;
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Parts recorded as posted whose mention was not stored yet (a worker that died in between).</summary>
    private async Task StoreRecordedAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leftover = await db.PublicationParts.AsNoTracking()
            .Where(p => p.ExternalId != null && p.MentionId == null && p.SentItem != null)
            .Join(db.PublicationDeliveries, p => p.DeliveryId, d => d.Id, (p, d) => new { p.Id, p.SentItem, d.ChannelId })
            .OrderBy(p => p.Id).Take(20).ToListAsync(ct);
        foreach (var p in leftover)
        {
            if (JsonSerializer.Deserialize<IncomingItem>(p.SentItem!) is { } item)
            {
                await StoreAsync(p.Id, p.ChannelId, item, ct);
            }
        }
    }

    private async Task RecordPublishedAsync(long deliveryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var delivery = await db.PublicationDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
            var first = await db.PublicationParts.AsNoTracking().Where(p => p.DeliveryId == deliveryId).OrderBy(p => p.Index).FirstAsync(ct);
            delivery.State = DeliveryState.Published;
            delivery.PublishedAt = now;
            delivery.LastError = null;
            delivery.ExternalId = first.ExternalId;
            delivery.MentionId ??= first.MentionId;
            delivery.Url = first.SentItem is { } json ? JsonSerializer.Deserialize<IncomingItem>(json)?.Url
                : await db.Mentions.Where(m => m.Id == first.MentionId).Select(m => m.Url).SingleOrDefaultAsync(ct);
            await db.SaveChangesAsync(ct);
            await SettleAsync(db, delivery.PublicationId, now, ct);
        }
    }

    /// <summary>A failed attempt waits on the back-off ladder (or the channel's Retry-After); past the last rung, it fails.</summary>
    private async Task RetryOrFailAsync(PublicationDelivery delivery, ChannelException ex, CancellationToken ct)
    {
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            await FailAsync(delivery.Id, ex.Message, ct);
            return;
        }
        var wait = ex.RetryAfter ?? options.Value.RetryWait(delivery.Attempts);
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await db.PublicationDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.NextAttemptAt, clock.GetUtcNow() + wait)
                .SetProperty(d => d.LastError, BoundedText.Clip(ex.Message, PublicationDelivery.ErrorLength)), ct);
        }
        log.LogWarning("Publication delivery {DeliveryId} failed attempt {Attempt}, retried in {Wait}: {Reason}", delivery.Id, delivery.Attempts, wait, ex.Message);
    }

    private async Task FailAsync(long deliveryId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        long publicationId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            using (await writeGate.EnterAsync(ct))
            {
                var delivery = await db.PublicationDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
                delivery.State = DeliveryState.Failed;
                delivery.LastError = BoundedText.Clip(reason, PublicationDelivery.ErrorLength);
                await db.SaveChangesAsync(ct);
                publicationId = delivery.PublicationId;
                await SettleAsync(db, publicationId, now, ct);
            }
        }
        log.LogWarning("Publication delivery {DeliveryId} failed: {Reason}", deliveryId, reason);
        await failures.NotifyAsync(publicationId, ct);
    }

    /// <summary>A publication is published when every delivery is, failed when none is left to try and one failed.</summary>
    private static async Task SettleAsync(TertuliaDb db, long publicationId, DateTimeOffset now, CancellationToken ct)
    {
        var states = await db.PublicationDeliveries.Where(d => d.PublicationId == publicationId).Select(d => new { d.State, d.LastError, d.ChannelId }).ToListAsync(ct);
        if (states.Any(s => s.State is DeliveryState.Due or DeliveryState.Held))
        {
            return;
        }
        var publication = await db.Publications.SingleAsync(p => p.Id == publicationId, ct);
        var failed = states.Where(s => s.State == DeliveryState.Failed).ToList();
        publication.State = failed.Count > 0 ? PublicationState.Failed : PublicationState.Published;
        publication.PublishedAt = states.Any(s => s.State == DeliveryState.Published) ? now : null;
        publication.FailureReason = failed.Count == 0 ? null
            : BoundedText.Clip(string.Join(" · ", failed.Select(f => f.LastError)), Publication.FailureLength);
        publication.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Channels;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Inbox;

public sealed class InboxOptions
{
    /// <summary>How often the worker looks for answers to send and snoozed conversations to wake.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// How long a sender holds an answer it is sending. A sender that dies leaves it to be retried after this, and the
    /// retry first asks the channel whether the answer went out (so it should outlast a channel's delivery delay).
    /// </summary>
    public TimeSpan ReplyLease { get; set; } = TimeSpan.FromMinutes(2);
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Sends recorded answers (<see cref="Reply"/> rows in state sending) through their channel and records what was
/// sent as the brand's message. The database is the queue: an answer is claimed by moving its next attempt past a
/// lease, so a crashed sender's answer is picked up again — and then the channel is asked first whether it was sent
/// (the answer's idempotency key), so the customer never gets it twice. Also wakes snoozed conversations.
/// </summary>
public sealed class ReplyOutbox(
    IDbContextFactory<TertuliaDb> dbs,
    IEnumerable<IChannelReplier> repliers,
    IngestionPipeline pipeline,
    WriteGate writeGate,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<ReplyOutbox> log) : BackgroundService
{
    private const int MaxAncestors = 100;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>One answer being sent: what the channel needs to send it, or to find it sent.</summary>
    public sealed record Attempt(Reply Reply, Channel Channel, IChannelReplier Replier, ReplyTarget Target);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
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
                await SendDueAsync(stoppingToken);
                await WakeSnoozedAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "The reply outbox failed a round; it tries again");
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

    /// <summary>Sends every answer that is due (new, or left by a sender that died); returns how many were recorded as sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var reply in await ClaimDueAsync(ct))
        {
            var attempt = await PrepareAsync(reply, ct);
            if (attempt is not null && await CompleteAsync(attempt, ct))
            {
                sent++;
            }
        }
        await StoreRecordedAsync(ct);
        return sent;
    }

    /// <summary>Claims due answers: each moves its next attempt a lease ahead, so no other sender takes it meanwhile.</summary>
    public async Task<List<Reply>> ClaimDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + options.Value.ReplyLease;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Replies.AsNoTracking()
            .Where(r => r.State == ReplyState.Sending && r.NextAttemptAt <= now)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(20).ToListAsync(ct);
        var claimed = new List<Reply>();
        foreach (var id in due)
        {
            int won;
            using (await writeGate.EnterAsync(ct))
            {
                won = await db.Replies
                    .Where(r => r.Id == id && r.State == ReplyState.Sending && r.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.NextAttemptAt, leaseUntil), ct);
            }
            if (won == 1)
            {
                claimed.Add(await db.Replies.AsNoTracking().SingleAsync(r => r.Id == id, ct));
            }
        }
        return claimed;
    }

    /// <summary>What sending a claimed answer needs; null (and the answer failed) when its channel cannot answer.</summary>
    public async Task<Attempt?> PrepareAsync(Reply reply, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == reply.InReplyToMentionId, ct);
        var channel = mention is null ? null : await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == mention.ChannelId, ct);
        var replier = channel is null ? null : repliers.FirstOrDefault(r => r.Kind == channel.Kind);
        if (mention is null || channel is null || replier is null)
        {
            await FailAsync(reply.Id, "The message or its channel no longer exists, or the channel cannot answer.", ct);
            return null;
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
        return new Attempt(reply, channel, replier, new ReplyTarget(mention, ancestors, reply.IdempotencyKey));
    }

    /// <summary>
    /// Sends the answer — unless an earlier attempt did (then the channel still has it) — and records it as sent.
    /// A channel's refusal fails it with the reason; anything else leaves it for the next attempt after the lease.
    /// </summary>
    public async Task<bool> CompleteAsync(Attempt attempt, CancellationToken ct)
    {
        var reply = attempt.Reply;
        IncomingItem item;
        try
        {
            var earlier = reply.Attempts > 1
                ? await attempt.Replier.FindSentAsync(attempt.Channel, attempt.Target, reply.Text, ct)
                : null;
            if (earlier is not null)
            {
                log.LogInformation("Answer {ReplyId} was already sent as {ExternalId}: recorded, not sent again", reply.Id, earlier.ExternalId);
            }
            item = earlier ?? await attempt.Replier.ReplyAsync(attempt.Channel, attempt.Target, reply.Text, ct);
        }
        catch (ChannelException ex)
        {
            await FailAsync(reply.Id, ex.Message, ct);
            return false;
        }
        await RecordSentAsync(reply.Id, item, ct);
        await StoreAsync(reply.Id, attempt.Channel.Id, item, ct);
        return true;
    }

    private async Task RecordSentAsync(long replyId, IncomingItem item, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var reply = await db.Replies.SingleAsync(r => r.Id == replyId, ct);
            reply.State = ReplyState.Sent;
            reply.SentAt = clock.GetUtcNow();
            reply.SentExternalId = item.ExternalId;
            reply.SentItem = JsonSerializer.Serialize(item);
            reply.FailureReason = null;
            db.ConversationEvents.Add(new ConversationEvent
            {
                ConversationId = reply.ConversationId, At = reply.SentAt.Value, ActorId = reply.AuthorId, Kind = ConversationEvents.ReplySent, Detail = $"reply:{reply.Id}",
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Stores what was sent as the brand's message in the conversation, through the pipeline.</summary>
    private async Task StoreAsync(long replyId, int channelId, IncomingItem item, CancellationToken ct)
    {
        await pipeline.IngestAsync(channelId, [item], null, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var reply = await db.Replies.SingleAsync(r => r.Id == replyId, ct);
            var mentionId = await db.Mentions.Where(m => m.ChannelId == channelId && m.ExternalId == item.ExternalId)
                .Select(m => (long?)m.Id).SingleOrDefaultAsync(ct);
            if (mentionId is null)
            {
                return;
            }
            reply.MentionId = mentionId;
            reply.SentItem = null;
            // The channel may have brought the brand's answer in before it was recorded (a poll): it is still the brand's.
            var message = await db.ConversationMessages.SingleOrDefaultAsync(m => m.MentionId == mentionId, ct);
            if (message is not null && !message.FromBrand)
            {
                message.FromBrand = true;
                var conversation = await db.Conversations.SingleAsync(c => c.Id == message.ConversationId, ct);
                conversation.FirstResponseAt = conversation.FirstResponseAt is { } first && first < message.At ? first : message.At;
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Answers recorded as sent whose message was not stored yet (a sender that died in between).</summary>
    private async Task StoreRecordedAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leftover = await db.Replies.AsNoTracking()
            .Where(r => r.State == ReplyState.Sent && r.MentionId == null && r.SentItem != null)
            .OrderBy(r => r.Id)
            .Join(db.Conversations, r => r.ConversationId, c => c.Id, (r, c) => new { r.Id, r.SentItem, c.ChannelId })
            .Take(20).ToListAsync(ct);
        foreach (var r in leftover)
        {
            if (JsonSerializer.Deserialize<IncomingItem>(r.SentItem!) is { } item)
            {
                await StoreAsync(r.Id, r.ChannelId, item, ct);
            }
        }
    }

    private async Task FailAsync(long replyId, string reason, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var reply = await db.Replies.SingleAsync(r => r.Id == replyId, ct);
            reply.State = ReplyState.Failed;
            reply.FailureReason = BoundedText.Clip(reason, 1000);
            var detail = $"reply:{reply.Id} {reply.FailureReason}";
            db.ConversationEvents.Add(new ConversationEvent
            {
                ConversationId = reply.ConversationId, At = clock.GetUtcNow(), Kind = ConversationEvents.ReplyFailed,
                Detail = detail.Length > ConversationEvent.DetailLength ? detail[..ConversationEvent.DetailLength] : detail,
            });
            await db.SaveChangesAsync(ct);
        }
        log.LogWarning("Answer {ReplyId} failed: {Reason}", replyId, reason);
    }

    /// <summary>Snoozed conversations whose moment has come are open again.</summary>
    public async Task<int> WakeSnoozedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var due = await db.Conversations
                .Where(c => c.Status == ConversationStatus.Snoozed && c.SnoozedUntil <= now)
                .OrderBy(c => c.SnoozedUntil).Take(500).ToListAsync(ct);
            foreach (var c in due)
            {
                c.Status = ConversationStatus.Open;
                c.SnoozedUntil = null;
                db.ConversationEvents.Add(new ConversationEvent { ConversationId = c.Id, At = now, Kind = ConversationEvents.Woke });
            }
            await db.SaveChangesAsync(ct);
            return due.Count;
        }
    }
}

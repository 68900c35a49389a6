using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>
/// An agent answers a conversation: the answer is recorded first, with its idempotency key (the outbox), and the
/// <see cref="ReplyOutbox"/> worker sends it through the customer's channel. Retrying a failed answer sends it again
/// under the same key.
/// </summary>
public sealed class SendReply(
    IDbContextFactory<TertuliaDb> dbs,
    IEnumerable<IChannelReplier> repliers,
    WriteGate writeGate,
    ReplyOutbox outbox,
    TimeProvider clock)
{
    public sealed record Outcome(long? ReplyId, string? Error = null, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, long conversationId, string? actorId, string? text, CancellationToken ct)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0 || clean.Length > Reply.MaxTextLength)
        {
            return new Outcome(null, $"The answer must have between 1 and {Reply.MaxTextLength} characters.");
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == workspaceId, ct);
        if (conversation is null)
        {
            return new Outcome(null, NotFound: true);
        }
        var kind = await db.Channels.Where(c => c.Id == conversation.ChannelId).Select(c => c.Kind).SingleAsync(ct);
        if (!repliers.Any(r => r.Kind == kind))
        {
            return new Outcome(null, $"Conversations from {kind} channels cannot be answered from Tertulia.");
        }
        // The answer goes below the customer's newest message, as a mail client or a Mastodon app would put it.
        var target = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && !m.FromBrand)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id)
            .Select(m => (long?)m.MentionId).FirstOrDefaultAsync(ct) ?? conversation.RootMentionId;
        Reply reply;
        using (await writeGate.EnterAsync(ct))
        {
            reply = await RecordAsync(db, conversation, target, actorId, clean, Guid.NewGuid().ToString("N"), ct);
        }
        outbox.Wake();
        return new Outcome(reply.Id);
    }

    /// <summary>
    /// Records an answer to <paramref name="inReplyToMentionId"/> in the outbox, in the caller's context (and its
    /// transaction: the caller holds the write gate), under <paramref name="idempotencyKey"/>, unique among answers:
    /// other capabilities (the ideas board) answer through here, then <see cref="ReplyOutbox.Wake"/> sends.
    /// </summary>
    public async Task<Reply> RecordAsync(TertuliaDb db, Conversation conversation, long inReplyToMentionId, string? actorId, string text,
        string idempotencyKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reply = new Reply
        {
            WorkspaceId = conversation.WorkspaceId,
            ConversationId = conversation.Id,
            InReplyToMentionId = inReplyToMentionId,
            AuthorId = actorId,
            Text = BoundedText.Clip(text, Reply.MaxTextLength),
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Replies.Add(reply);
        await db.SaveChangesAsync(ct);
        db.ConversationEvents.Add(new ConversationEvent
        {
            ConversationId = conversation.Id, At = now, ActorId = actorId, Kind = ConversationEvents.ReplyQueued, Detail = $"reply:{reply.Id}",
        });
        await db.SaveChangesAsync(ct);
        return reply;
    }

    /// <summary>Whether conversations of a channel kind can be answered from Tertulia.</summary>
    public bool CanAnswer(ChannelKind kind) => repliers.Any(r => r.Kind == kind);

    /// <summary>A failed answer goes back to the outbox under the same idempotency key.</summary>
    public async Task<Outcome> RetryAsync(int workspaceId, long conversationId, long replyId, string? actorId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var reply = await db.Replies.SingleOrDefaultAsync(r => r.Id == replyId && r.ConversationId == conversationId && r.WorkspaceId == workspaceId, ct);
            if (reply is null)
            {
                return new Outcome(null, NotFound: true);
            }
            if (reply.State != ReplyState.Failed)
            {
                return new Outcome(null, $"Only a failed answer can be retried; this one is {reply.State.ToString().ToLowerInvariant()}.");
            }
            reply.State = ReplyState.Sending;
            reply.NextAttemptAt = clock.GetUtcNow();
            db.ConversationEvents.Add(new ConversationEvent
            {
                ConversationId = conversationId, At = clock.GetUtcNow(), ActorId = actorId, Kind = ConversationEvents.ReplyQueued, Detail = $"retry:{reply.Id}",
            });
            await db.SaveChangesAsync(ct);
        }
        outbox.Wake();
        return new Outcome(replyId);
    }
}

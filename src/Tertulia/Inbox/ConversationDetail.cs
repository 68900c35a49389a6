using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>One conversation as the inbox shows it: its messages in order, answers on their way, notes, history, SLA.</summary>
public sealed record ConversationView(
    Conversation Conversation, ChannelKind ChannelKind, string ChannelName,
    IReadOnlyList<MessageView> Messages, IReadOnlyList<ReplyView> Replies,
    IReadOnlyList<ConversationNote> Notes, IReadOnlyList<ConversationEvent> History, IReadOnlyList<string> Labels,
    Sla Sla, TimeSpan? TimeToFirstResponse, TimeSpan? TimeToResolution, CustomerView Customer);

public sealed record MessageView(
    long MentionId, bool FromBrand, string? Author, DateTimeOffset At, string? Title, string Text, string? Html, string? Url,
    string? Sentiment, string? Intent, long? ReplyId);

/// <summary>An answer not stored as a message yet (sending, or failed with its reason).</summary>
public sealed record ReplyView(long Id, ReplyState State, string Text, string? AuthorId, DateTimeOffset CreatedAt, int Attempts, string? FailureReason);

/// <summary>Who the customer is, as the conversation's first message tells.</summary>
public sealed record CustomerView(string? Name, string? ProfileUrl, long RootMentionId, int OtherConversations, int? ContactId = null);

public sealed class ConversationDetail(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public const int MaxMessages = 500;

    public async Task<ConversationView?> LoadAsync(int workspaceId, long conversationId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == conversationId && x.WorkspaceId == workspaceId, ct);
        if (c is null)
        {
            return null;
        }
        var channel = await db.Channels.AsNoTracking().Where(x => x.Id == c.ChannelId).Select(x => new { x.Kind, x.Name }).SingleAsync(ct);
        var messages = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.At).ThenBy(m => m.Id).Take(MaxMessages)
            .Join(db.Mentions, m => m.MentionId, x => x.Id, (m, x) => new { m.FromBrand, m.At, Mention = x })
            .ToListAsync(ct);
        var replies = await db.Replies.AsNoTracking().Where(r => r.ConversationId == conversationId).OrderBy(r => r.Id).ToListAsync(ct);
        var replyOf = replies.Where(r => r.MentionId is not null).ToDictionary(r => r.MentionId!.Value, r => r.Id);
        // A sent answer shows once: as the brand's stored message as soon as the pipeline has it, even in the moment
        // before its reply row is linked to that message.
        var stored = messages.Select(m => m.Mention.ExternalId).ToHashSet(StringComparer.Ordinal);
        var notes = await db.ConversationNotes.AsNoTracking().Where(n => n.ConversationId == conversationId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var history = await db.ConversationEvents.AsNoTracking().Where(e => e.ConversationId == conversationId)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Take(1000).ToListAsync(ct);
        var labels = await db.ConversationLabels.AsNoTracking().Where(l => l.ConversationId == conversationId).Select(l => l.Label).OrderBy(l => l).ToListAsync(ct);
        var settings = await db.InboxSettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        var root = messages.FirstOrDefault(m => m.Mention.Id == c.RootMentionId)?.Mention
            ?? await db.Mentions.AsNoTracking().SingleAsync(m => m.Id == c.RootMentionId, ct);
        var others = c.CustomerName is null ? 0 : await db.Conversations
            .CountAsync(x => x.WorkspaceId == workspaceId && x.CustomerName == c.CustomerName && x.Id != c.Id, ct);

        return new ConversationView(c, channel.Kind, channel.Name,
            messages.Select(m => new MessageView(m.Mention.Id, m.FromBrand, m.Mention.Author, m.Mention.Published, m.Mention.Title,
                m.Mention.Text, m.Mention.Html, m.Mention.Url, m.Mention.Sentiment?.ToString().ToLowerInvariant(),
                m.Mention.Intent?.ToString().ToLowerInvariant(), replyOf.TryGetValue(m.Mention.Id, out var r) ? r : null)).ToList(),
            replies.Where(r => r.MentionId is null && (r.SentExternalId is null || !stored.Contains(r.SentExternalId))).Select(r => new ReplyView(r.Id, r.State, r.Text, r.AuthorId, r.CreatedAt, r.Attempts, r.FailureReason)).ToList(),
            notes, history, labels, Sla.Of(c, settings, clock.GetUtcNow()),
            c.FirstResponseAt - c.CreatedAt,
            c.Status == ConversationStatus.Resolved ? c.ResolvedAt - c.CreatedAt : null,
            new CustomerView(root.Author, root.AuthorUrl, root.Id, others, root.ContactId));
    }
}

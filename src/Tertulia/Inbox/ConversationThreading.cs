using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>
/// Puts new mentions into conversations, in the pipeline's storing transaction: a mention whose parent is in a
/// conversation joins it, any other starts one (it is the root of its thread). A customer's new message re-opens a
/// resolved, pending or snoozed conversation; the brand's own answers (recorded replies) count as first response.
/// Spam starts nothing.
/// </summary>
public sealed class ConversationThreading(TimeProvider clock) : IStoredMentionsHandler
{
    public async Task OnStoredAsync(TertuliaDb db, IReadOnlyList<Mention> stored, CancellationToken ct)
    {
        var mentions = stored.Where(m => m.Id != 0).ToList();
        if (mentions.Count == 0)
        {
            return;
        }
        var externalIds = mentions.Select(m => m.ExternalId).ToList();
        // The brand's answers: their ids were recorded on the reply before the pipeline stored them.
        var brandIds = (await db.Replies.AsNoTracking()
                .Where(r => r.SentExternalId != null && externalIds.Contains(r.SentExternalId))
                .Join(db.Conversations, r => r.ConversationId, c => c.Id, (r, c) => new { r.SentExternalId, c.ChannelId })
                .ToListAsync(ct))
            .Select(r => (r.ChannelId, r.SentExternalId!)).ToHashSet();
        await ThreadAsync(db, mentions, m => m.FromBrandHint || brandIds.Contains((m.ChannelId, m.ExternalId)), ct);
    }

    /// <summary>Threads <paramref name="mentions"/> (stored, with ids, not yet in any conversation) and saves.</summary>
    public async Task<int> ThreadAsync(TertuliaDb db, List<Mention> mentions, Func<Mention, bool> fromBrand, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var wanted = mentions.Where(m => fromBrand(m) || !m.IsSpam).ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }
        var inBatch = wanted.ToDictionary(m => m.Id);
        var parentIds = wanted.Where(m => m.ParentId is { } p && !inBatch.ContainsKey(p)).Select(m => m.ParentId!.Value).Distinct().ToList();
        var knownParents = parentIds.Count == 0 ? [] : await db.ConversationMessages.AsNoTracking()
            .Where(cm => parentIds.Contains(cm.MentionId))
            .Select(cm => new { cm.MentionId, cm.ConversationId })
            .ToDictionaryAsync(cm => cm.MentionId, cm => cm.ConversationId, ct);
        var existingIds = knownParents.Values.Distinct().ToList();
        var existing = existingIds.Count == 0 ? [] : await db.Conversations
            .Where(c => existingIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        // Parents first: a comment may come before its post in a batch.
        var conversationOf = new Dictionary<long, Conversation>();
        var created = new List<Conversation>();
        var isCreated = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = wanted.OrderBy(m => m.Id).ToList();
        var stuck = false;
        while (pending.Count > 0)
        {
            var waiting = new List<Mention>();
            foreach (var m in pending)
            {
                Conversation? conversation = null;
                if (m.ParentId is { } p)
                {
                    if (conversationOf.TryGetValue(p, out var sibling))
                    {
                        conversation = sibling;
                    }
                    else if (inBatch.ContainsKey(p) && !stuck)
                    {
                        waiting.Add(m);
                        continue;
                    }
                    else if (knownParents.TryGetValue(p, out var id) && existing.TryGetValue(id, out var found))
                    {
                        conversation = found;
                    }
                }
                if (conversation is null)
                {
                    conversation = Start(m);
                    created.Add(conversation);
                    isCreated.Add(conversation);
                }
                conversationOf[m.Id] = conversation;
            }
            // A loop of parents (a broken source) must not spin: what is left starts its own conversations.
            stuck = waiting.Count == pending.Count;
            pending = waiting;
        }

        db.Conversations.AddRange(created);
        await db.SaveChangesAsync(ct);
        // A batch's messages and "created" events are written straight (nothing reads them back from this context).
        var events = created.Select(c => new ConversationEvent { ConversationId = c.Id, At = c.CreatedAt, Kind = ConversationEvents.Created }).ToList();
        var messages = new List<ConversationMessage>(wanted.Count);
        foreach (var m in wanted.OrderBy(m => m.Published).ThenBy(m => m.Id))
        {
            var conversation = conversationOf[m.Id];
            var brand = fromBrand(m);
            messages.Add(new ConversationMessage { ConversationId = conversation.Id, MentionId = m.Id, FromBrand = brand, At = m.Published });
            Apply(db, conversation, m, brand, isNew: isCreated.Contains(conversation) && conversation.RootMentionId == m.Id, now);
        }
        await RowInserter.InsertAsync(db, events, ct);
        await RowInserter.InsertAsync(db, messages, ct);
        await db.SaveChangesAsync(ct);
        return wanted.Count;
    }

    private static Conversation Start(Mention root) => new()
    {
        WorkspaceId = root.WorkspaceId,
        ChannelId = root.ChannelId,
        RootMentionId = root.Id,
        Subject = Snippet(root.Title ?? root.Text, Conversation.SubjectLength),
        CustomerName = root.Author,
        CreatedAt = root.Published,
        LastActivityAt = root.Published,
        Status = ConversationStatus.Open,
    };

    /// <summary>What one more message changes in its conversation.</summary>
    internal static void Apply(TertuliaDb db, Conversation c, Mention m, bool fromBrand, bool isNew, DateTimeOffset now)
    {
        c.MessageCount++;
        if (m.Published >= c.LastActivityAt || isNew)
        {
            c.LastActivityAt = m.Published;
            c.Preview = Snippet(m.Text, Conversation.PreviewLength);
        }
        if (fromBrand)
        {
            if (c.FirstResponseAt is null || m.Published < c.FirstResponseAt)
            {
                c.FirstResponseAt = m.Published;
            }
            return;
        }
        if (c.LastCustomerMessageAt is null || m.Published > c.LastCustomerMessageAt)
        {
            c.LastCustomerMessageAt = m.Published;
        }
        if (!isNew && c.Status != ConversationStatus.Open)
        {
            db.ConversationEvents.Add(new ConversationEvent
            {
                ConversationId = c.Id, At = now, Kind = ConversationEvents.Reopened, Detail = c.Status.ToString().ToLowerInvariant(),
            });
            c.Status = ConversationStatus.Open;
            c.SnoozedUntil = null;
            c.ResolvedAt = null;
        }
    }

    internal static string? Snippet(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return BoundedText.Snippet(flat, length);
    }
}

using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Insights.Rollups;

/// <summary>
/// Which hours a change to some mentions touches: their own, their parents' (now answered), their replies' (a comment
/// stored before its post gets its parent now) and the replies to those (an answer to a brand reply that arrived
/// before its question), and the hours of the other messages of the conversations the brand just wrote in (a
/// customer's question is answered by a brand message in its conversation).
/// </summary>
public static class AffectedHours
{
    public static async Task<List<DateTimeOffset>> OfAsync(TertuliaDb db, IReadOnlyCollection<long> mentionIds, CancellationToken ct)
    {
        var ids = mentionIds.Select(id => (long?)id).ToList();
        var plain = mentionIds.ToList();
        var own = await db.Mentions.AsNoTracking().Where(m => plain.Contains(m.Id))
            .Select(m => new { m.Published, m.ParentId }).ToListAsync(ct);
        var parentIds = own.Where(m => m.ParentId is not null).Select(m => m.ParentId!.Value).Distinct().ToList();
        var hours = own.Select(m => m.Published).ToList();
        hours.AddRange(await db.Mentions.AsNoTracking().Where(m => parentIds.Contains(m.Id)).Select(m => m.Published).ToListAsync(ct));
        var replies = await db.Mentions.AsNoTracking().Where(m => ids.Contains(m.ParentId)).Select(m => new { m.Id, m.Published }).ToListAsync(ct);
        hours.AddRange(replies.Select(r => r.Published));
        if (replies.Count > 0)
        {
            // A customer's answer to a brand reply that was stored before the message it answers: it becomes a two-way
            // exchange now that the reply has its parent.
            var replyIds = replies.Select(r => (long?)r.Id).ToList();
            hours.AddRange(await db.Mentions.AsNoTracking().Where(m => replyIds.Contains(m.ParentId)).Select(m => m.Published).ToListAsync(ct));
        }
        var conversations = db.ConversationMessages.Where(x => plain.Contains(x.MentionId)).Select(x => x.ConversationId);
        hours.AddRange(await db.ConversationMessages.AsNoTracking().Where(x => conversations.Contains(x.ConversationId)).Select(x => x.At).ToListAsync(ct));
        return hours;
    }
}

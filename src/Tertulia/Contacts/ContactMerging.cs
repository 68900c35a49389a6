using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// Merges one contact into another and undoes it. Both work inside the caller's transaction: ingestion merges
/// automatically in the batch that saw a shared identity, a person merges from the profile or the API.
/// </summary>
public sealed class ContactMerging(TimeProvider clock)
{
    /// <summary>Moves every identity and mention of <paramref name="absorbed"/> to <paramref name="survivor"/>, remembering which.</summary>
    public async Task<ContactMerge> MergeAsync(
        TertuliaDb db, Contact survivor, Contact absorbed, bool automatic, string? mergedBy, string reason, CancellationToken ct)
    {
        var merge = new ContactMerge
        {
            WorkspaceId = survivor.WorkspaceId,
            SurvivorId = survivor.Id,
            AbsorbedId = absorbed.Id,
            MergedAt = clock.GetUtcNow(),
            Automatic = automatic,
            MergedBy = mergedBy,
            Reason = reason.Length <= ContactMerge.MaxReasonLength ? reason : reason[..ContactMerge.MaxReasonLength],
        };
        db.ContactMerges.Add(merge);
        await db.SaveChangesAsync(ct);

        // Set-based: a contact may have thousands of mentions. Quoted names work on SQLite and PostgreSQL alike.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ContactMergeIdentities" ("MergeId", "IdentityId")
            SELECT {merge.Id}, "Id" FROM "ContactIdentities" WHERE "ContactId" = {absorbed.Id}
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ContactMergeMentions" ("MergeId", "MentionId")
            SELECT {merge.Id}, "Id" FROM "Mentions" WHERE "ContactId" = {absorbed.Id}
            """, ct);
        await db.ContactIdentities.Where(i => i.ContactId == absorbed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, survivor.Id), ct);
        await db.Mentions.Where(m => m.ContactId == absorbed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactId, (int?)survivor.Id), ct);

        survivor.MentionCount += absorbed.MentionCount;
        survivor.FirstSeenAt = Min(survivor.FirstSeenAt, absorbed.FirstSeenAt);
        survivor.LastSeenAt = Max(survivor.LastSeenAt, absorbed.LastSeenAt);
        survivor.IsBrand |= absorbed.IsBrand;
        absorbed.MergedIntoId = survivor.Id;
        await db.SaveChangesAsync(ct);
        return merge;
    }

    public enum UnmergeResult { Done, NotFound, AlreadyUndone, MergedAgain }

    /// <summary>
    /// Puts back the identities and mentions the merge moved, and the mentions that arrived since under one of the
    /// absorbed contact's identities; the absorbed contact comes back with its own id.
    /// </summary>
    public async Task<UnmergeResult> UnmergeAsync(TertuliaDb db, int workspaceId, int mergeId, string? undoneBy, CancellationToken ct)
    {
        var merge = await db.ContactMerges.SingleOrDefaultAsync(m => m.Id == mergeId && m.WorkspaceId == workspaceId, ct);
        if (merge is null)
        {
            return UnmergeResult.NotFound;
        }
        if (merge.UndoneAt is not null)
        {
            return UnmergeResult.AlreadyUndone;
        }
        var survivor = await db.Contacts.SingleAsync(c => c.Id == merge.SurvivorId, ct);
        var absorbed = await db.Contacts.SingleAsync(c => c.Id == merge.AbsorbedId, ct);
        if (survivor.MergedIntoId is not null || absorbed.MergedIntoId != survivor.Id)
        {
            // The survivor was merged into a third contact since: that merge has to be undone first.
            return UnmergeResult.MergedAgain;
        }

        await db.ContactIdentities
            .Where(i => i.ContactId == survivor.Id && db.Set<ContactMergeIdentity>().Any(x => x.MergeId == merge.Id && x.IdentityId == i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, absorbed.Id), ct);
        await db.Mentions
            .Where(m => m.ContactId == survivor.Id && db.Set<ContactMergeMention>().Any(x => x.MergeId == merge.Id && x.MentionId == m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactId, (int?)absorbed.Id), ct);
        await ReturnLaterMentionsAsync(db, merge, absorbed, ct);

        absorbed.MergedIntoId = null;
        merge.UndoneAt = clock.GetUtcNow();
        merge.UndoneBy = undoneBy;
        await RecountAsync(db, survivor, ct);
        await RecountAsync(db, absorbed, ct);
        await db.SaveChangesAsync(ct);
        return UnmergeResult.Done;
    }

    /// <summary>True when a person undid a merge of these two: Tertulia does not merge them again on its own.</summary>
    public static Task<bool> KeptApartAsync(TertuliaDb db, int a, int b, CancellationToken ct) =>
        db.ContactMerges.AnyAsync(m => m.UndoneAt != null
            && ((m.SurvivorId == a && m.AbsorbedId == b) || (m.SurvivorId == b && m.AbsorbedId == a)), ct);

    /// <summary>Mentions stored after the merge whose author is one of the absorbed contact's identities go back with them.</summary>
    private static async Task ReturnLaterMentionsAsync(TertuliaDb db, ContactMerge merge, Contact absorbed, CancellationToken ct)
    {
        var later = await db.Mentions.AsNoTracking()
            .Where(m => m.ContactId == merge.SurvivorId && m.IngestedAt >= merge.MergedAt)
            .Select(m => new { m.Id, m.ChannelId, m.Author, m.AuthorUrl })
            .ToListAsync(ct);
        if (later.Count == 0)
        {
            return;
        }
        var absorbedKeys = (await db.ContactIdentities.Where(i => i.ContactId == absorbed.Id).Select(i => i.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var channelIds = later.Select(m => m.ChannelId).Distinct().ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var back = later
            .Where(m => ContactKeys.Of(m.Author, m.AuthorUrl, m.ChannelId, ContactKeys.NetworkOf(channels[m.ChannelId]))
                .Keys.Any(k => absorbedKeys.Contains(k.Key)))
            .Select(m => m.Id)
            .ToList();
        foreach (var chunk in back.Chunk(500))
        {
            await db.Mentions.Where(m => chunk.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactId, (int?)absorbed.Id), ct);
        }
    }

    /// <summary>Counts and first/last seen from the contact's mentions as they are now.</summary>
    internal static async Task RecountAsync(TertuliaDb db, Contact contact, CancellationToken ct)
    {
        var stats = await db.Mentions.Where(m => m.ContactId == contact.Id)
            .GroupBy(m => m.ContactId)
            .Select(g => new { Count = g.Count(), First = g.Min(m => m.Published), Last = g.Max(m => m.Published) })
            .SingleOrDefaultAsync(ct);
        contact.MentionCount = stats?.Count ?? 0;
        if (stats is not null)
        {
            contact.FirstSeenAt = stats.First;
            contact.LastSeenAt = stats.Last;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

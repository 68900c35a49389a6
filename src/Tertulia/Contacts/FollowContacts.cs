using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>Each user follows the contacts they care about and reads everything those contacts say in one feed.</summary>
public sealed class FollowContacts(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public enum Result { Done, NotFound, NotSignedIn }

    public sealed record FeedItem(Contact Contact, Mention Mention);

    public async Task<Result> FollowAsync(int workspaceId, int contactId, string? userId, bool follow, CancellationToken ct)
    {
        if (userId is null)
        {
            return Result.NotSignedIn;
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.WorkspaceId == workspaceId, ct))
        {
            return Result.NotFound;
        }
        var existing = await db.ContactFollows.SingleOrDefaultAsync(f => f.ContactId == contactId && f.UserId == userId, ct);
        if (follow && existing is null)
        {
            db.ContactFollows.Add(new ContactFollow { ContactId = contactId, UserId = userId, WorkspaceId = workspaceId, FollowedAt = clock.GetUtcNow() });
        }
        else if (!follow && existing is not null)
        {
            db.ContactFollows.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (follow)
        {
            // Followed twice at once from two tabs: following is what was asked, and it holds.
        }
        return Result.Done;
    }

    /// <summary>
    /// The mentions of every contact <paramref name="userId"/> follows in the workspace, newest first; a followed contact
    /// merged into another is followed through the one it lives in now. Null when the workspace does not exist.
    /// </summary>
    public async Task<List<FeedItem>?> FeedAsync(int workspaceId, string userId, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return null;
        }
        var followed = await db.ContactFollows.Where(f => f.WorkspaceId == workspaceId && f.UserId == userId)
            .Join(db.Contacts, f => f.ContactId, c => c.Id, (f, c) => new { c.Id, c.MergedIntoId })
            .ToListAsync(ct);
        var ids = followed.Where(f => f.MergedIntoId is null).Select(f => f.Id).ToHashSet();
        var pending = followed.Where(f => f.MergedIntoId is not null).Select(f => f.MergedIntoId!.Value).ToList();
        for (var hops = 0; hops < 20 && pending.Count > 0; hops++)
        {
            var next = await db.Contacts.AsNoTracking().Where(c => pending.Contains(c.Id)).Select(c => new { c.Id, c.MergedIntoId }).ToListAsync(ct);
            ids.UnionWith(next.Where(c => c.MergedIntoId is null).Select(c => c.Id));
            pending = next.Where(c => c.MergedIntoId is not null).Select(c => c.MergedIntoId!.Value).ToList();
        }
        if (ids.Count == 0)
        {
            return [];
        }
        var idList = ids.ToList();
        var mentions = await db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.ContactId != null && idList.Contains(m.ContactId.Value))
            .OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
            .Skip(skip).Take(take).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => idList.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return mentions.ConvertAll(m => new FeedItem(contacts[m.ContactId!.Value], m));
    }
}

using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>The workspace's contacts (not the ones merged into others), most recently seen first, optionally searched.</summary>
public static class ContactList
{
    public const int MaxSearchLength = 200;

    public static async Task<List<Contact>> SearchAsync(TertuliaDb db, int workspaceId, string? q, int skip, int take, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.MergedIntoId == null);
        var term = q?.Trim() ?? "";
        if (term.Length > 0)
        {
            term = term.Length > MaxSearchLength ? term[..MaxSearchLength] : term;
            var lower = term.ToLowerInvariant();
            // Identity keys are stored normalized (lower case), so an email or a handle is found however it is typed.
            contacts = contacts.Where(c => c.DisplayName.ToLower().Contains(lower)
                || db.ContactIdentities.Any(i => i.ContactId == c.Id && i.Key.Contains(lower)));
        }
        return await contacts.OrderByDescending(c => c.LastSeenAt).ThenByDescending(c => c.Id).Skip(skip).Take(take).ToListAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// The names (or addresses, handles) the business itself writes under on a channel — the owner who signs the posts of
/// its own blog, the shop's name under its replies — known before anything is read: the contacts they resolve to are
/// the brand's, so what they write arrives as the brand's messages (answers, dialogue, monologue), never as a customer's.
/// </summary>
public static class BrandContacts
{
    public const int MaxNames = 20;

    /// <summary>Why <paramref name="names"/> cannot be taken, or null.</summary>
    public static string? Refusal(IReadOnlyList<string>? names) =>
        names is null ? null
        : names.Count > MaxNames ? $"At most {MaxNames} brand authors per channel."
        : names.Any(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length > Contact.MaxNameLength)
            ? $"A brand author is a name of 1 to {Contact.MaxNameLength} characters."
            : null;

    /// <summary>
    /// Marks the contacts of <paramref name="names"/> on <paramref name="channel"/> as the brand, creating those not
    /// known yet; in the caller's transaction (it takes the workspace's contacts lock) and saved.
    /// </summary>
    public static async Task EnsureAsync(TertuliaDb db, Channel channel, IEnumerable<string> names, DateTimeOffset now, CancellationToken ct)
    {
        var network = ContactKeys.NetworkOf(channel);
        var authors = names.Select(n => ContactKeys.Of(n, null, channel.Id, network)).Where(a => !a.IsAnonymous).ToList();
        if (authors.Count == 0)
        {
            return;
        }
        await ContactLocks.WorkspaceContactsAsync(db, channel.WorkspaceId, ct);
        var keys = authors.SelectMany(a => a.Keys).Select(k => k.Key).Distinct().ToList();
        var known = await db.ContactIdentities.Where(i => i.WorkspaceId == channel.WorkspaceId && keys.Contains(i.Key))
            .Select(i => new { i.Key, i.ContactId }).ToDictionaryAsync(i => i.Key, i => i.ContactId, ct);
        foreach (var author in authors)
        {
            if (author.Keys.Select(k => known.GetValueOrDefault(k.Key)).FirstOrDefault(id => id != 0) is var id and not 0)
            {
                await db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsBrand, true), ct);
                continue;
            }
            var contact = new Contact
            {
                WorkspaceId = channel.WorkspaceId,
                DisplayName = author.DisplayName,
                IsBrand = true,
                CreatedAt = now,
                FirstSeenAt = now,
                LastSeenAt = now,
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(ct);
            foreach (var key in author.Keys)
            {
                db.ContactIdentities.Add(new ContactIdentity
                {
                    WorkspaceId = channel.WorkspaceId, ContactId = contact.Id, Kind = key.Kind, Key = key.Key, Display = key.Display, FirstSeenAt = now,
                });
                known[key.Key] = contact.Id;
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

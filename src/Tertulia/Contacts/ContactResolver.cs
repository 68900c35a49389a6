using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// Gives each mention of a batch its contact, inside the storing transaction: the identities its author shows are
/// looked up once for the whole batch; unknown authors become new contacts; an author whose identities belong to two
/// contacts (the same email seen in the mailbox and in an import) merges them.
/// </summary>
public sealed class ContactResolver(ContactMerging merging, TimeProvider clock)
{
    /// <summary>Sets <c>ContactId</c> on <paramref name="mentions"/> (new or tracked) and saves the contacts they need.</summary>
    public async Task ResolveAsync(TertuliaDb db, Channel channel, IReadOnlyList<Mention> mentions, CancellationToken ct)
    {
        if (mentions.Count == 0)
        {
            return;
        }
        var network = ContactKeys.NetworkOf(channel);
        var authors = new ContactKeys.Author[mentions.Count];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
        {
            authors[i] = ContactKeys.Of(mentions[i].Author, mentions[i].AuthorUrl, channel.Id, network);
            foreach (var key in authors[i].Keys)
            {
                keys.Add(key.Key);
            }
        }
        if (keys.Count == 0)
        {
            return;
        }
        await ContactLocks.WorkspaceContactsAsync(db, channel.WorkspaceId, ct);

        var batch = new Batch(await KnownAsync(db, channel.WorkspaceId, keys, ct));
        var now = clock.GetUtcNow();
        var assigned = new Contact?[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            var author = authors[i];
            if (author.IsAnonymous)
            {
                continue;
            }
            var mention = mentions[i];
            var contact = await ContactForAsync(db, batch, author, mention, now, assigned, ct);
            foreach (var key in author.Keys)
            {
                if (batch.Owners.TryAdd(key.Key, contact))
                {
                    batch.NewIdentities.Add((key, contact));
                }
            }
            contact.IsBrand |= mention.FromBrandHint;
            assigned[i] = contact;
        }

        // New contacts get their ids here; identities and mentions point at them after.
        await db.SaveChangesAsync(ct);
        foreach (var (key, owner) in batch.NewIdentities)
        {
            db.ContactIdentities.Add(new ContactIdentity
            {
                WorkspaceId = channel.WorkspaceId,
                ContactId = owner.Id,
                Kind = key.Kind,
                Key = key.Key,
                Display = key.Display,
                FirstSeenAt = now,
            });
        }
        for (var i = 0; i < mentions.Count; i++)
        {
            if (assigned[i] is not { } contact)
            {
                continue;
            }
            var mention = mentions[i];
            mention.ContactId = contact.Id;
            // The brand's own account (seen answering before, or named as the brand's author on a channel) speaks
            // for the brand whatever the channel says: its messages are answers, not a customer's words.
            mention.FromBrandHint |= contact.IsBrand;
            // A contact known before it wrote anything (a brand author) is first and last seen with its first mention.
            var firstMention = contact.MentionCount == 0;
            contact.MentionCount++;
            if (firstMention || mention.Published > contact.LastSeenAt)
            {
                contact.LastSeenAt = mention.Published;
            }
            if (firstMention || mention.Published < contact.FirstSeenAt)
            {
                contact.FirstSeenAt = mention.Published;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<Contact> ContactForAsync(
        TertuliaDb db, Batch batch, ContactKeys.Author author, Mention mention, DateTimeOffset now, Contact?[] assigned, CancellationToken ct)
    {
        var found = new List<Contact>(2);
        var hasStrong = false;
        foreach (var key in author.Keys)
        {
            hasStrong |= key.IsStrong;
            if (key.IsStrong && batch.Owners.TryGetValue(key.Key, out var owner) && !found.Contains(owner))
            {
                found.Add(owner);
            }
        }
        if (found.Count == 0)
        {
            if (!hasStrong && batch.Owners.TryGetValue(author.Keys[0].Key, out var byName))
            {
                return byName;
            }
            var created = new Contact
            {
                WorkspaceId = mention.WorkspaceId,
                DisplayName = author.DisplayName,
                CreatedAt = now,
                FirstSeenAt = mention.Published,
                LastSeenAt = mention.Published,
            };
            db.Contacts.Add(created);
            return created;
        }

        // The oldest stored contact survives; contacts first seen in this batch (no id yet) fold into it.
        var survivor = found.OrderBy(c => c.Id == 0 ? int.MaxValue : c.Id).First();
        foreach (var other in found.Where(c => c != survivor))
        {
            if (other.Id != 0)
            {
                if (await ContactMerging.KeptApartAsync(db, survivor.Id, other.Id, ct))
                {
                    continue;
                }
                var shared = author.Keys.First(k => k.IsStrong && batch.Owners[k.Key] == other);
                await merging.MergeAsync(db, survivor, other, automatic: true, mergedBy: null, $"automatic: {shared.Display} seen on both", ct);
            }
            else
            {
                db.Contacts.Remove(other);
                survivor.FirstSeenAt = survivor.FirstSeenAt <= other.FirstSeenAt ? survivor.FirstSeenAt : other.FirstSeenAt;
                survivor.IsBrand |= other.IsBrand;
            }
            batch.Repoint(other, survivor, assigned);
        }
        return survivor;
    }

    private static async Task<Dictionary<string, Contact>> KnownAsync(
        TertuliaDb db, int workspaceId, HashSet<string> keys, CancellationToken ct)
    {
        var keyList = keys.ToList();
        var known = await db.ContactIdentities.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && keyList.Contains(i.Key))
            .Select(i => new { i.Key, i.ContactId })
            .ToListAsync(ct);
        if (known.Count == 0)
        {
            return new Dictionary<string, Contact>(StringComparer.Ordinal);
        }
        var ids = known.Select(k => k.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return known.ToDictionary(k => k.Key, k => contacts[k.ContactId], StringComparer.Ordinal);
    }

    /// <summary>What this batch knows: who owns each identity, and the identities it saw first.</summary>
    private sealed class Batch(Dictionary<string, Contact> owners)
    {
        public Dictionary<string, Contact> Owners { get; } = owners;
        public List<(IdentityKey Key, Contact Owner)> NewIdentities { get; } = [];

        public void Repoint(Contact from, Contact to, Contact?[] assigned)
        {
            foreach (var key in Owners.Where(o => o.Value == from).Select(o => o.Key).ToList())
            {
                Owners[key] = to;
            }
            for (var i = 0; i < NewIdentities.Count; i++)
            {
                if (NewIdentities[i].Owner == from)
                {
                    NewIdentities[i] = (NewIdentities[i].Key, to);
                }
            }
            for (var i = 0; i < assigned.Length; i++)
            {
                if (assigned[i] == from)
                {
                    assigned[i] = to;
                }
            }
        }
    }
}

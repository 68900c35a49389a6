using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Contacts;

/// <summary>Everything a profile shows about one contact: who they are, what they said, how it felt, what about, how close.</summary>
public sealed record ContactProfile(
    Contact Contact,
    IReadOnlyList<ContactIdentity> Identities,
    IReadOnlyList<ContactProfile.Conversation> Conversations,
    IReadOnlyList<ContactProfile.SentimentWeek> SentimentByWeek,
    IReadOnlyList<ContactProfile.Topic> Hashtags,
    IReadOnlyList<ContactProfile.Topic> Terms,
    IReadOnlyList<ContactProfile.QueryTopic> Queries,
    ContactProfile.Relationship Closeness,
    IReadOnlyList<ContactProfile.MergeEntry> Merges,
    IReadOnlyList<Mention> RecentMentions,
    bool Following)
{
    /// <summary>The profile reads the contact's latest mentions, enough for any person; a bot's flood is cut here.</summary>
    public const int MentionWindow = 1000;

    public sealed record Conversation(long RootMentionId, string? RootTitle, string RootSnippet, string? RootAuthor, int TheirMessages, DateTimeOffset LastAt);

    /// <summary>Week starting on Monday (UTC); the average score runs from -1 to +1.</summary>
    public sealed record SentimentWeek(DateOnly WeekStart, int Mentions, int Positive, int Neutral, int Negative, double? AverageScore);

    public sealed record Topic(string Term, int Count);

    public sealed record QueryTopic(int QueryId, string Name, int Count);

    public sealed record Relationship(double Strength, int Exchanges, DateTimeOffset? LastExchangeAt);

    /// <summary><see cref="MergedByEmail"/>: who merged them, as colleagues know them (null when automatic).</summary>
    public sealed record MergeEntry(ContactMerge Merge, string SurvivorName, string AbsorbedName, string? MergedByEmail);

    public static async Task<ContactProfile?> LoadAsync(
        TertuliaDb db, int workspaceId, int contactId, string? userId, DateTimeOffset now, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.WorkspaceId == workspaceId, ct);
        if (contact is null)
        {
            return null;
        }
        var identities = await db.ContactIdentities.AsNoTracking().Where(i => i.ContactId == contactId)
            .OrderBy(i => i.Kind).ThenBy(i => i.Id).ToListAsync(ct);
        var mentions = await db.Mentions.AsNoTracking().Where(m => m.ContactId == contactId)
            .OrderByDescending(m => m.Published).ThenByDescending(m => m.Id).Take(MentionWindow).ToListAsync(ct);
        var exchanges = (await RelationshipStrength.ExchangesAsync(db, [contactId], ct)).GetValueOrDefault(contactId) ?? [];
        var following = userId is not null && await db.ContactFollows.AnyAsync(f => f.ContactId == contactId && f.UserId == userId, ct);
        var mentionIds = mentions.Select(m => m.Id).ToList();
        var queries = await db.QueryMatches.Where(q => mentionIds.Contains(q.MentionId))
            .GroupBy(q => q.QueryId).Select(g => new { QueryId = g.Key, Count = g.Count() })
            .Join(db.ListeningQueries, g => g.QueryId, q => q.Id, (g, q) => new { g.QueryId, q.Name, g.Count })
            .ToListAsync(ct);

        return new ContactProfile(
            contact,
            identities,
            await ConversationsAsync(db, mentions, ct),
            SentimentWeeks(mentions),
            TopHashtags(mentions),
            TopTerms(mentions),
            queries.OrderByDescending(q => q.Count).ThenBy(q => q.Name).Select(q => new QueryTopic(q.QueryId, q.Name, q.Count)).ToList(),
            new Relationship(RelationshipStrength.Of(exchanges, now), exchanges.Count, exchanges.Count == 0 ? null : exchanges[^1].At),
            await MergesAsync(db, contactId, ct),
            mentions.Take(50).ToList(),
            following);
    }

    /// <summary>Their mentions grouped by the first message of each thread (the post, the first email, the first toot).</summary>
    private static async Task<List<Conversation>> ConversationsAsync(TertuliaDb db, List<Mention> mentions, CancellationToken ct)
    {
        var parentOf = mentions.ToDictionary(m => m.Id, m => m.ParentId);
        var wanted = mentions.Where(m => m.ParentId is { } p && !parentOf.ContainsKey(p)).Select(m => m.ParentId!.Value).ToHashSet();
        // Walk up level by level: one query per level of the deepest thread, bounded for a broken chain.
        for (var depth = 0; depth < 50 && wanted.Count > 0; depth++)
        {
            var ids = wanted.ToList();
            var parents = await db.Mentions.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.ParentId }).ToListAsync(ct);
            wanted.Clear();
            foreach (var p in parents)
            {
                parentOf[p.Id] = p.ParentId;
                if (p.ParentId is { } next && !parentOf.ContainsKey(next))
                {
                    wanted.Add(next);
                }
            }
        }
        long RootOf(long id)
        {
            for (var steps = 0; steps < 100 && parentOf.TryGetValue(id, out var parent) && parent is { } p && parentOf.ContainsKey(p); steps++)
            {
                id = p;
            }
            return id;
        }
        var groups = mentions.GroupBy(m => RootOf(m.Id)).ToList();
        var rootIds = groups.Select(g => g.Key).ToList();
        var roots = await db.Mentions.AsNoTracking().Where(m => rootIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.Text, m.Author }).ToDictionaryAsync(m => m.Id, ct);
        return groups
            .Select(g =>
            {
                var root = roots.GetValueOrDefault(g.Key);
                var text = root?.Text ?? "";
                return new Conversation(g.Key, root?.Title, BoundedText.Snippet(text, 161), root?.Author, g.Count(), g.Max(m => m.Published));
            })
            .OrderByDescending(c => c.LastAt)
            .ToList();
    }

    public static List<SentimentWeek> SentimentWeeks(IEnumerable<Mention> mentions) =>
        mentions
            .GroupBy(m => WeekStart(m.Published))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var scored = g.Where(m => m.SentimentScore is not null).ToList();
                return new SentimentWeek(g.Key, g.Count(),
                    g.Count(m => m.Sentiment == Sentiment.Positive),
                    g.Count(m => m.Sentiment == Sentiment.Neutral),
                    g.Count(m => m.Sentiment == Sentiment.Negative),
                    scored.Count == 0 ? null : Math.Round(scored.Average(m => m.SentimentScore!.Value), 2));
            })
            .ToList();

    public static DateOnly WeekStart(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static List<Topic> TopHashtags(List<Mention> mentions) =>
        Count(mentions, w => w.Length > 2 && w[0] == '#').Take(10).ToList();

    /// <summary>Their most frequent words, without the small words of any language and without handles.</summary>
    private static List<Topic> TopTerms(List<Mention> mentions) =>
        Count(mentions, w => w.Length >= 4 && char.IsLetter(w[0]) && !CommonWords.Contains(w) && !w.All(char.IsDigit)).Take(10).ToList();

    /// <summary>Frequent words of four letters or more (folded: no accents) that say nothing about a topic.</summary>
    private static readonly HashSet<string> CommonWords = new(
        ("esta este esto estos estas estan estoy eres somos sois para pero porque como cuando donde desde hasta sobre entre " +
         "todo todos toda todas nada algo alguien mucho mucha muchos muchas poco otra otro otros otras tambien siempre nunca " +
         "ahora hola gracias bien bueno buena buenos buenas tengo tiene tienen tenemos hace hacer hemos habia hay vuestro vuestra " +
         "nuestro nuestra nuestros ellos ellas usted ustedes sois fueron sido seria puede pueden puedo quiero quiere vamos " +
         "that this with from have there their they what when where which would could should about just very your been were " +
         "will thanks thank hello more most only also some like love good").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    private static IEnumerable<Topic> Count(List<Mention> mentions, Func<string, bool> keep)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            // A word counts once per mention: one long rant does not make a topic.
            foreach (var word in TextFolding.Words(mention.Text).Where(keep).Distinct())
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }
        return counts.Where(c => c.Value >= 2 || mentions.Count == 1)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Create(CultureInfo.GetCultureInfo("es"), false))
            .Select(c => new Topic(c.Key, c.Value));
    }

    private static async Task<List<MergeEntry>> MergesAsync(TertuliaDb db, int contactId, CancellationToken ct)
    {
        var merges = await db.ContactMerges.AsNoTracking()
            .Where(m => m.SurvivorId == contactId || m.AbsorbedId == contactId)
            .OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id).Take(50).ToListAsync(ct);
        var ids = merges.SelectMany(m => new[] { m.SurvivorId, m.AbsorbedId }).Distinct().ToList();
        var names = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        var userIds = merges.Where(m => m.MergedBy is not null).Select(m => m.MergedBy!).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, ct);
        return merges.ConvertAll(m => new MergeEntry(m, names[m.SurvivorId], names[m.AbsorbedId],
            m.MergedBy is null ? null : emails.GetValueOrDefault(m.MergedBy, m.MergedBy)));
    }
}

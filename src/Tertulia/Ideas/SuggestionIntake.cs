using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Ideas.Grouping;
using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Ideas;

/// <summary>
/// Customers' suggestions join ideas in the pipeline's storing transaction: a mention Understanding read as a
/// suggestion (on any channel), or anything sent with the public ideas form, is placed in the idea it is most like
/// (<see cref="IdeaGrouping"/>), or starts a new one. The brand's own messages and spam are nobody's suggestion.
/// </summary>
public sealed class SuggestionIntake(TimeProvider clock) : IStoredMentionsHandler
{
    public async Task OnStoredAsync(TertuliaDb db, IReadOnlyList<Mention> stored, CancellationToken ct)
    {
        var fresh = stored.Where(m => m.Id != 0 && !m.IsSpam && !m.FromBrandHint).ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        var channelIds = fresh.Select(m => m.ChannelId).Distinct().ToList();
        var formChannels = await db.Channels.AsNoTracking()
            .Where(c => channelIds.Contains(c.Id) && c.Kind == ChannelKind.IdeasForm).Select(c => c.Id).ToListAsync(ct);
        var suggestions = fresh.Where(m => m.Intent == Intent.Suggestion || formChannels.Contains(m.ChannelId)).ToList();
        if (suggestions.Count > 0)
        {
            await PlaceAsync(db, suggestions, ct);
        }
    }

    /// <summary>How many of the workspace's latest suggestions a new one is compared with (TF-IDF and ideas' centroids).</summary>
    public const int Window = 2000;

    /// <summary>Places stored mentions (not yet suggestions) into their workspace's ideas, and saves.</summary>
    public async Task<int> PlaceAsync(TertuliaDb db, IReadOnlyList<Mention> mentions, CancellationToken ct)
    {
        var placed = 0;
        foreach (var workspace in mentions.GroupBy(m => m.WorkspaceId))
        {
            await StoreLocks.IdeasAsync(db, workspace.Key, ct);
            var brandContacts = await BrandContactsAsync(db, workspace.Where(m => m.ContactId is not null).Select(m => m.ContactId!.Value), ct);
            var wanted = workspace.Where(m => m.ContactId is not { } c || !brandContacts.Contains(c)).OrderBy(m => m.Published).ThenBy(m => m.Id).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }
            // The workspace's latest suggestions, not all of them: placing a batch costs the same at the ten-thousandth
            // suggestion as at the hundredth (an idea nobody brought up in the last Window suggestions is started anew;
            // the team merges it if it is the same).
            var known = await db.Suggestions.AsNoTracking().Where(s => s.WorkspaceId == workspace.Key)
                .OrderByDescending(s => s.Id).Take(Window)
                .Select(s => new { s.IdeaId, s.Terms }).ToListAsync(ct);
            known.Reverse();
            var existing = known.Select(s => (s.IdeaId, Terms: Parsed(s.Terms))).ToList();
            var incoming = wanted.Select(m => (Mention: m, Terms: SuggestionTerms.Of(TextOf(m)))).ToList();
            var grouping = new IdeaGrouping(new TermVectors(existing.Select(e => (IReadOnlyDictionary<string, double>)e.Terms)
                .Concat(incoming.Select(i => (IReadOnlyDictionary<string, double>)i.Terms))));
            var ideaIds = new List<int>();
            foreach (var idea in existing.GroupBy(e => e.IdeaId))
            {
                grouping.AddIdea(idea.Select(e => (IReadOnlyDictionary<string, double>)e.Terms));
                ideaIds.Add(idea.Key);
            }
            // The batch's new ideas are stored together, then its suggestions (written straight: nothing reads them
            // back from this context).
            var started = new Dictionary<int, Idea>();
            var places = new List<(Mention Mention, Dictionary<string, double> Terms, int Index)>(incoming.Count);
            foreach (var (mention, terms) in incoming)
            {
                var (index, isNew, _) = grouping.Place(terms);
                if (isNew)
                {
                    var idea = new Idea { WorkspaceId = mention.WorkspaceId, Title = TitleOf(mention), CreatedAt = clock.GetUtcNow() };
                    db.Ideas.Add(idea);
                    started[index] = idea;
                }
                places.Add((mention, terms, index));
            }
            if (started.Count > 0)
            {
                await db.SaveChangesAsync(ct);
            }
            await RowInserter.InsertAsync(db, places.Select(p => new Suggestion
            {
                WorkspaceId = p.Mention.WorkspaceId,
                IdeaId = p.Index < ideaIds.Count ? ideaIds[p.Index] : started[p.Index].Id,
                MentionId = p.Mention.Id,
                At = p.Mention.Published,
                ContactId = p.Mention.ContactId,
                Terms = BoundedText.Clip(SuggestionTerms.Serialize(p.Terms), Suggestion.TermsLength),
            }).ToList(), ct);
            placed += places.Count;
        }
        return placed;
    }

    // A suggestion's stored terms never change: the window's are parsed once, not again every batch. Bounded to a few
    // windows (an agency's busiest workspaces); past that it starts over.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, double>> parsed = new(StringComparer.Ordinal);
    private const int ParsedKept = 4 * Window;

    private Dictionary<string, double> Parsed(string stored)
    {
        if (parsed.TryGetValue(stored, out var terms))
        {
            return terms;
        }
        if (parsed.Count >= ParsedKept)
        {
            parsed.Clear();
        }
        return parsed[stored] = SuggestionTerms.Parse(stored);
    }

    private static async Task<HashSet<int>> BrandContactsAsync(TertuliaDb db, IEnumerable<int> contactIds, CancellationToken ct)
    {
        var ids = contactIds.Distinct().ToList();
        return ids.Count == 0 ? [] : (await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id) && c.IsBrand).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
    }

    internal static string TextOf(Mention m) => m.Title is { Length: > 0 } title && !m.Text.StartsWith(title, StringComparison.Ordinal) ? title + ". " + m.Text : m.Text;

    /// <summary>The first words of the suggestion that started it: a person renames it when they see the group.</summary>
    internal static string TitleOf(Mention m)
    {
        var flat = string.Join(' ', m.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 0 ? BoundedText.Snippet(flat, 90) : BoundedText.Clip(m.Title ?? "…", Idea.TitleLength);
    }
}

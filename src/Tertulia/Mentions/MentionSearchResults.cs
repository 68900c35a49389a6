using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// What every store does once its full-text index has found the candidates: the filters, newest-first paging, and
/// (when the index could not say exactly what the query means) the listening matcher's re-check. Sharing it is what
/// makes SQLite and PostgreSQL answer a query with the same mentions.
/// Totals are exact up to <see cref="CountLimit"/> (or the end of the page asked for, if further) and "at least" that
/// beyond: an exact count of a common word costs a read of every match, which a person typing a word should not wait for.
/// </summary>
internal static class MentionSearchResults
{
    /// <param name="ranks">
    /// The store's ranking of the candidates when <see cref="MentionFilter.Order"/> is relevance (every candidate must
    /// have a row); null orders newest first.
    /// </param>
    public static async Task<MentionPage> PageAsync(
        TertuliaDb db, SearchCandidates candidates, MentionFilter filter, bool exact, IQueryable<MentionRank>? ranks, CancellationToken ct)
    {
        var mentions = Filtered(db, candidates.ForPage, filter);
        var ordered = ranks is null || filter.Order != MentionOrder.Relevance
            ? mentions.OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
            : mentions.Join(ranks, m => m.Id, r => r.Id, (m, r) => new { Mention = m, r.Rank })
                .OrderByDescending(x => x.Rank).ThenByDescending(x => x.Mention.Published).ThenByDescending(x => x.Mention.Id)
                .Select(x => x.Mention);
        if (!exact && filter.Query is not null)
        {
            var candidatesInOrder = candidates.ReadInBatches && (ranks is null || filter.Order != MentionOrder.Relevance)
                ? NewestInBatches(mentions, Math.Max(ReadBatch, 2 * (filter.Skip + filter.PageSize)), ct)
                : ordered.AsDocuments().AsAsyncEnumerable();
            return await RecheckedAsync(db, candidatesInOrder, filter, ct);
        }
        var limit = Math.Max(CountLimit, filter.Skip + filter.PageSize);
        var total = await Filtered(db, candidates.ForCount, filter).Take(limit + 1).CountAsync(ct);
        var items = await ordered.Skip(filter.Skip).Take(filter.PageSize).ToListAsync(ct);
        return total > limit ? new MentionPage(items, limit, TotalIsLowerBound: true) : new MentionPage(items, total);
    }

    private static IQueryable<Mention> Filtered(TertuliaDb db, IQueryable<Mention> candidates, MentionFilter filter)
    {
        var mentions = candidates;
        if (filter.ChannelId is { } channelId)
        {
            mentions = mentions.Where(m => m.ChannelId == channelId);
        }
        if (filter.TopLevelOnly)
        {
            mentions = mentions.Where(m => m.ParentId == null);
        }
        if (filter.Sentiment is { } sentiment)
        {
            mentions = mentions.Where(m => m.Sentiment == sentiment);
        }
        if (filter.Intent is { } intent)
        {
            mentions = mentions.Where(m => m.Intent == intent);
        }
        if (filter.Language is { } language)
        {
            mentions = mentions.Where(m => m.Language == language);
        }
        if (filter.Spam is { } spam)
        {
            mentions = mentions.Where(m => m.IsSpam == spam);
        }
        if (filter.PublishedFrom is { } from)
        {
            mentions = mentions.Where(m => m.Published >= from);
        }
        if (filter.PublishedBefore is { } before)
        {
            mentions = mentions.Where(m => m.Published < before);
        }
        if (filter.Side is { } side)
        {
            // The insights' definition of a brand message (Insights/Rollups/RollupBuilder).
            var brand = side == MentionSide.Brand;
            mentions = mentions.Where(m => (db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand)
                || db.ConversationMessages.Any(x => x.MentionId == m.Id && x.FromBrand)) == brand);
        }
        foreach (var host in QueryCompiler.RequiredHosts(filter.Query))
        {
            // A superset of site:'s matches (the host anywhere in the address); the re-check keeps the exact ones. Without
            // it, a site no mention is from re-reads every mention holding the query's words.
            mentions = mentions.Where(m => m.Url != null && m.Url.ToLower().Contains(host));
        }
        if (filter.QueryId is { } queryId)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(q => q.QueryId == queryId && q.MentionId == m.Id));
        }
        return mentions;
    }

    /// <summary>
    /// Runs the matcher over the index's candidates in the page's order, reading only the fields it needs. It stops
    /// once the page is full, one more match says there is a next page, and <see cref="RecheckBudget"/> candidates were
    /// read: the total is then what matched so far, said as "at least" (re-checking every candidate of a common word to
    /// count them costs a second or more; a rare field filter such as site: walks tens of thousands of mentions for 300).
    /// </summary>
    private static async Task<MentionPage> RecheckedAsync(TertuliaDb db, IAsyncEnumerable<StoredDocument> candidates, MentionFilter filter, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == filter.WorkspaceId)
            .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct);
        var queries = QuerySet.Compile(filter.Query!);
        var scan = queries.NewScan();
        var matched = new List<long>();
        var wanted = filter.Skip + filter.PageSize;
        var exhausted = true;
        var seen = 0;
        await foreach (var m in candidates.WithCancellation(ct))
        {
            if (matched.Count > wanted && seen >= RecheckBudget)
            {
                exhausted = false;
                break;
            }
            seen++;
            scan.Load(m.InChannel(channels));
            if (queries.Matches(0, scan))
            {
                matched.Add(m.Id);
            }
        }
        var pageIds = matched.Skip(filter.Skip).Take(filter.PageSize).ToList();
        var items = await db.Mentions.AsNoTracking().Where(m => pageIds.Contains(m.Id)).ToListAsync(ct);
        items = items.OrderBy(m => pageIds.IndexOf(m.Id)).ToList();
        return new MentionPage(items, matched.Count, TotalIsLowerBound: !exhausted);
    }

    /// <summary>
    /// The candidates newest first, a batch at a time, each batch starting after the last one read: a query with a
    /// limit lets PostgreSQL's planner walk the newest mentions instead of sorting every candidate first.
    /// </summary>
    private static async IAsyncEnumerable<StoredDocument> NewestInBatches(
        IQueryable<Mention> candidates, int batch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        StoredDocument? last = null;
        while (true)
        {
            var next = candidates;
            if (last is { } after)
            {
                next = next.Where(m => m.Published < after.Published || (m.Published == after.Published && m.Id < after.Id));
            }
            var read = 0;
            await foreach (var m in next.OrderByDescending(m => m.Published).ThenByDescending(m => m.Id).Take(batch)
                .AsDocuments().AsAsyncEnumerable().WithCancellation(ct))
            {
                read++;
                last = m;
                yield return m;
            }
            if (read < batch)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Candidates read per batch where the store reads them in batches (PostgreSQL): with a smaller limit its planner
    /// chose plans up to 40× slower for re-checked queries on the bench's million mentions (site: 2.4 s, NEAR 1 s).
    /// </summary>
    private const int ReadBatch = 300;

    /// <summary>Candidates re-checked at least (when there are so many) before the total may be "at least".</summary>
    public const int RecheckBudget = 100;

    /// <summary>Matches counted exactly; past it the total is "at least" this many.</summary>
    public const int CountLimit = 1_000;
}

/// <summary>
/// A store's candidates for a query, twice: <see cref="ForPage"/> in the shape that finds the page fastest,
/// <see cref="ForCount"/> in the shape that stops counting soonest. Both hold the same mentions.
/// </summary>
/// <param name="ReadInBatches">
/// Re-checked candidates are read a batch at a time (with a limit) rather than in one stream: what PostgreSQL's
/// planner needs to walk the newest first; SQLite streams its plan as it is.
/// </param>
internal sealed record SearchCandidates(IQueryable<Mention> ForPage, IQueryable<Mention> ForCount, bool ReadInBatches = false);

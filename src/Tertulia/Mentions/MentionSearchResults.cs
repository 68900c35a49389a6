using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// What every store does once its full-text index has found the candidates: the filters, newest-first paging, and
/// (when the index could not say exactly what the query means) the listening matcher's re-check. Sharing it is what
/// makes SQLite and PostgreSQL answer a query with the same mentions.
/// </summary>
internal static class MentionSearchResults
{
    /// <param name="ranks">
    /// The store's ranking of the candidates when <see cref="MentionFilter.Order"/> is relevance (every candidate must
    /// have a row); null orders newest first.
    /// </param>
    public static async Task<MentionPage> PageAsync(
        TertuliaDb db, IQueryable<Mention> candidates, MentionFilter filter, bool exact, IQueryable<MentionRank>? ranks, CancellationToken ct)
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
        if (filter.QueryId is { } queryId)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(q => q.QueryId == queryId && q.MentionId == m.Id));
        }
        var ordered = ranks is null || filter.Order != MentionOrder.Relevance
            ? mentions.OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
            : mentions.Join(ranks, m => m.Id, r => r.Id, (m, r) => new { Mention = m, r.Rank })
                .OrderByDescending(x => x.Rank).ThenByDescending(x => x.Mention.Published).ThenByDescending(x => x.Mention.Id)
                .Select(x => x.Mention);
        if (!exact && filter.Query is not null)
        {
            return await RecheckedAsync(db, ordered, filter, ct);
        }
        var total = await mentions.CountAsync(ct);
        var items = await ordered.Skip(filter.Skip).Take(filter.PageSize).ToListAsync(ct);
        return new MentionPage(items, total);
    }

    /// <summary>
    /// Runs the matcher over the index's candidates in the page's order, reading only the fields it needs. Past
    /// <see cref="RecheckLimit"/> candidates it stops once the page is full and extrapolates the total, the way
    /// listening tools say "about 12,000 results" rather than make a person wait for an exact count.
    /// </summary>
    private static async Task<MentionPage> RecheckedAsync(TertuliaDb db, IQueryable<Mention> candidates, MentionFilter filter, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == filter.WorkspaceId)
            .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct);
        var queries = QuerySet.Compile(filter.Query!);
        var scan = queries.NewScan();
        var matched = new List<long>();
        var seen = 0;
        var wanted = filter.Skip + filter.PageSize;
        var exhausted = true;
        await foreach (var m in candidates.AsDocuments().AsAsyncEnumerable().WithCancellation(ct))
        {
            if (seen >= RecheckLimit && matched.Count >= wanted)
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
        var total = matched.Count;
        if (!exhausted)
        {
            var candidateCount = await candidates.CountAsync(ct);
            total = Math.Max(total, (int)Math.Round((double)matched.Count / seen * candidateCount));
        }
        var pageIds = matched.Skip(filter.Skip).Take(filter.PageSize).ToList();
        var items = await db.Mentions.AsNoTracking().Where(m => pageIds.Contains(m.Id)).ToListAsync(ct);
        items = items.OrderBy(m => pageIds.IndexOf(m.Id)).ToList();
        return new MentionPage(items, total, Estimated: !exhausted);
    }

    /// <summary>Candidates re-checked before a total is extrapolated instead of counted.</summary>
    public const int RecheckLimit = 5_000;
}

using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Search on SQLite's FTS5 table "MentionIndex" (unicode61 tokenizer with diacritics removed), kept in step
/// with the Mentions table by triggers in the same transaction as every insert, update and delete.
/// A listening query becomes an FTS5 prefilter; what FTS5 cannot express is re-checked with the matcher.
/// </summary>
public sealed class SqliteMentionSearch(IDbContextFactory<TertuliaDb> dbs) : IMentionSearch
{
    public async Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Mention> mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        var fts = filter.Query is null ? null : Fts5Query.From(filter.Query);
        if (fts?.Match is { } match)
        {
            var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match}");
            mentions = mentions.Where(m => ids.Contains(m.Id));
        }
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
        if (filter.QueryId is { } queryId)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(q => q.QueryId == queryId && q.MentionId == m.Id));
        }
        var newestFirst = mentions.OrderByDescending(m => m.Published).ThenByDescending(m => m.Id);
        if (fts is { Exact: false })
        {
            return await RecheckedAsync(db, newestFirst, filter, ct);
        }
        var total = await mentions.CountAsync(ct);
        var items = await newestFirst.Skip(filter.Skip).Take(filter.PageSize).ToListAsync(ct);
        return new MentionPage(items, total);
    }

    /// <summary>Runs the matcher over every FTS5 candidate (only the fields it reads), then loads the page.</summary>
    private static async Task<MentionPage> RecheckedAsync(TertuliaDb db, IQueryable<Mention> candidates, MentionFilter filter, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == filter.WorkspaceId)
            .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct);
        var queries = QuerySet.Compile(filter.Query!);
        var scan = queries.NewScan();
        var matched = new List<long>();
        var rows = candidates.Select(m => new { m.Id, m.Title, m.Text, m.Author, m.Url, m.Language, m.Sentiment, m.ChannelId }).AsAsyncEnumerable();
        await foreach (var m in rows.WithCancellation(ct))
        {
            scan.Load(new MentionDocument(m.Title, m.Text)
            {
                Author = m.Author, Url = m.Url, Language = m.Language, Channel = channels.GetValueOrDefault(m.ChannelId),
                Sentiment = Tertulia.Understanding.SentimentNames.Of(m.Sentiment),
            });
            if (queries.Matches(0, scan))
            {
                matched.Add(m.Id);
            }
        }
        var pageIds = matched.Skip(filter.Skip).Take(filter.PageSize).ToList();
        var items = await db.Mentions.AsNoTracking().Where(m => pageIds.Contains(m.Id)).ToListAsync(ct);
        items = items.OrderBy(m => pageIds.IndexOf(m.Id)).ToList();
        return new MentionPage(items, matched.Count);
    }
}

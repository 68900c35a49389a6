using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Search on SQLite's FTS5 table "MentionIndex" (unicode61 tokenizer with diacritics removed), kept in step
/// with the Mentions table by triggers in the same transaction as every insert, update and delete.
/// </summary>
public sealed class SqliteMentionSearch(IDbContextFactory<TertuliaDb> dbs) : IMentionSearch
{
    public async Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Mention> mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        if (!filter.Query.IsEmpty)
        {
            var match = filter.Query.ToFts5();
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
        var total = await mentions.CountAsync(ct);
        var items = await mentions
            .OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
            .Skip(filter.Skip).Take(filter.PageSize)
            .ToListAsync(ct);
        return new MentionPage(items, total);
    }
}

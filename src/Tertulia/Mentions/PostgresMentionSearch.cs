using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Search on PostgreSQL: the generated tsvector column "SearchVector" (simple configuration over lower-cased,
/// unaccented words, as FTS5's unicode61 tokenizer sees them), GIN-indexed and written in the same statement as the
/// row. See the PostgreSQL migration MentionSearchVector.
/// </summary>
public sealed class PostgresMentionSearch(IDbContextFactory<TertuliaDb> dbs) : IMentionSearch
{
    public async Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Mention> mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        if (TsQuery.From(filter.Query) is { } tsquery)
        {
            var ids = db.Database.SqlQuery<long>(
                $"SELECT \"Id\" AS \"Value\" FROM \"Mentions\" WHERE \"SearchVector\" @@ to_tsquery('simple', {tsquery})");
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

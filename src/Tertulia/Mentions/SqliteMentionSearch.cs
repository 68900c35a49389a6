using Microsoft.EntityFrameworkCore;
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
        IQueryable<MentionRank>? ranks = null;
        if (fts?.Match is { } match)
        {
            var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match}");
            mentions = mentions.Where(m => ids.Contains(m.Id));
            if (filter.Order == MentionOrder.Relevance && RankingWords.Of(filter.Query!).Count > 0)
            {
                // bm25 (lower is better) with the title weighing four times the text; every candidate comes from this MATCH.
                ranks = db.Database.SqlQuery<MentionRank>(
                    $"SELECT rowid AS \"Id\", -bm25(\"MentionIndex\", 4.0, 1.0, 1.0) AS \"Rank\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match}");
            }
        }
        return await MentionSearchResults.PageAsync(db, mentions, filter, exact: fts is null or { Exact: true }, ranks, ct);
    }
}

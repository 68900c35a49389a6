using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Search on PostgreSQL: the generated tsvector column "SearchVector" (the 'simple' configuration over lower-cased words
/// without accents, as FTS5's unicode61 tokenizer sees them), GIN-indexed and written in the same statement as the
/// row (see the PostgreSQL migration MentionSearchVector). A listening query becomes a tsquery prefilter; what it
/// cannot express is re-checked with the matcher, exactly as on SQLite.
/// </summary>
public sealed class PostgresMentionSearch(IDbContextFactory<TertuliaDb> dbs) : IMentionSearch
{
    public async Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Mention> mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        var ts = filter.Query is null ? null : TsQuery.From(filter.Query, await LexemesAsync(db, TsQuery.Pieces(filter.Query), ct));
        if (ts?.Query is { } tsquery)
        {
            var ids = db.Database.SqlQuery<long>(
                $"SELECT \"Id\" AS \"Value\" FROM \"Mentions\" WHERE \"SearchVector\" @@ to_tsquery('simple', {tsquery})");
            mentions = mentions.Where(m => ids.Contains(m.Id));
        }
        return await MentionSearchResults.PageAsync(db, mentions, filter, exact: ts is null or { Exact: true }, ct);
    }

    /// <summary>Folds the query's words with the index's own function, so a word and its indexed form always meet.</summary>
    private static async Task<Dictionary<string, string[]>> LexemesAsync(TertuliaDb db, IReadOnlyList<string> pieces, CancellationToken ct)
    {
        if (pieces.Count == 0)
        {
            return [];
        }
        var array = pieces.ToArray();
        var folded = await db.Database.SqlQuery<string>(
            $"SELECT coalesce(tertulia_search_words(p), '') AS \"Value\" FROM unnest({array}) WITH ORDINALITY AS t(p, n) ORDER BY n")
            .ToListAsync(ct);
        return pieces.Zip(folded).ToDictionary(
            p => p.First, p => p.Second.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }
}

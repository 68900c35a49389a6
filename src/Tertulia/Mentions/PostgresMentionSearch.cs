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
        var ts = filter.Query is null ? null : await TsQueryAsync(db, filter.Query, ct);
        if (ts?.Query is { } tsquery)
        {
            // The match on the row itself, so the planner weighs the GIN index against walking the newest mentions.
            mentions = db.Mentions.FromSql($"""
                SELECT * FROM "Mentions" WHERE "SearchVector" @@ to_tsquery('simple', {tsquery})
                """).AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        }
        return await MentionSearchResults.PageAsync(db, new SearchCandidates(mentions, mentions, ReadInBatches: true), filter,
            exact: ts is null or { Exact: true }, Ranks(db, filter), ct);
    }

    /// <summary>
    /// Relevance on PostgreSQL: ts_rank_cd over "StemVector", the mention's title (weight A) and text (B) under the
    /// tertulia_spanish configuration — unaccented, Spanish-stemmed, without stop words — so "pedidos" and "pedido"
    /// count as one word and a title weighs more than the text (see the PostgreSQL migration MentionRelevance).
    /// Which mentions match stays the listening language's business ("SearchVector"); this only orders them.
    /// </summary>
    private static IQueryable<MentionRank>? Ranks(TertuliaDb db, MentionFilter filter)
    {
        if (filter.Order != MentionOrder.Relevance || filter.Query is null || RankingWords.Of(filter.Query) is not { Count: > 0 } words)
        {
            return null;
        }
        // websearch_to_tsquery accepts any text without a syntax error; "or" between the words ranks a mention by
        // how many of them (in any form) it has, and how close together.
        var either = string.Join(" or ", words);
        return db.Database.SqlQuery<MentionRank>($"""
            SELECT "Id", ts_rank_cd("StemVector", websearch_to_tsquery('public.tertulia_spanish'::regconfig, {either}))::float8 AS "Rank"
            FROM "Mentions" WHERE "WorkspaceId" = {filter.WorkspaceId}
            """);
    }

    /// <summary>A listening query as the tsquery prefilter this store searches with.</summary>
    internal static async Task<TsQuery> TsQueryAsync(TertuliaDb db, Tertulia.Listening.QueryNode query, CancellationToken ct) =>
        TsQuery.From(query, await LexemesAsync(db, TsQuery.Pieces(query), ct));

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

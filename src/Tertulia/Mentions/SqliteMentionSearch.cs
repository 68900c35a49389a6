using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Search on SQLite's FTS5 table "MentionIndex" (unicode61 tokenizer with diacritics removed), kept in step
/// with the Mentions table by triggers in the same transaction as every insert, update and delete.
/// A listening query becomes an FTS5 prefilter; what FTS5 cannot express is re-checked with the matcher.
/// Newest first, the plan follows how many mentions the words match (<see cref="SqliteSearchPlan"/>); totals are
/// counted exactly up to <see cref="MentionSearchResults.CountLimit"/> and said as "at least" beyond.
/// </summary>
public sealed class SqliteMentionSearch(IDbContextFactory<TertuliaDb> dbs) : IMentionSearch
{
    public async Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Mention> mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
        var counted = mentions;
        var fts = filter.Query is null ? null : Fts5Query.From(filter.Query);
        var rankByRelevance = filter.Order == MentionOrder.Relevance && filter.Query is not null && RankingWords.Of(filter.Query).Count > 0;
        // Prefixes are written out as the words they start (bm25 would score those words apart, so relevance keeps
        // the prefix); the vocabulary and the search then read the same snapshot of the index.
        var expand = !rankByRelevance && fts?.Match is { } prefixed && Fts5Prefixes.Any(prefixed);
        await using var snapshot = expand ? await SnapshotAsync(db, ct) : null;
        IQueryable<MentionRank>? ranks = null;
        if (fts?.Match is { } match)
        {
            if (expand)
            {
                match = await Fts5Prefixes.ExpandAsync(db, match, ct);
            }
            var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match}");
            var plan = rankByRelevance ? SqliteSearchPlan.Strategy.FromMatches : await SqliteSearchPlan.ChooseAsync(db, match, filter, ct);
            mentions = plan switch
            {
                // Newest mentions first, each probed in the index: the words are common, the page fills at once.
                SqliteSearchPlan.Strategy.ProbeNewest => db.Mentions.FromSql($"""
                    SELECT * FROM "Mentions" INDEXED BY "IX_Mentions_WorkspaceId_Published"
                    WHERE EXISTS (SELECT 1 FROM "MentionIndex" WHERE "MentionIndex" MATCH {match} AND rowid = "Mentions"."Id")
                    """).AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId),
                // The matches gathered once, then the newest mentions walked until the page is full.
                SqliteSearchPlan.Strategy.WalkNewest => db.Mentions.FromSql($"""
                    SELECT * FROM "Mentions" INDEXED BY "IX_Mentions_WorkspaceId_Published"
                    WHERE "Id" IN (SELECT rowid FROM "MentionIndex" WHERE "MentionIndex" MATCH {match})
                    """).AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId),
                // Few matches: read them and sort.
                _ => mentions.Where(m => ids.Contains(m.Id)),
            };
            // Counting streams the index's matches and stops at the limit instead of gathering them all first.
            counted = db.Mentions.FromSql($"""
                SELECT "Mentions".* FROM "MentionIndex" CROSS JOIN "Mentions" ON "Mentions"."Id" = "MentionIndex".rowid
                WHERE "MentionIndex" MATCH {match}
                """).AsNoTracking().Where(m => m.WorkspaceId == filter.WorkspaceId);
            if (rankByRelevance)
            {
                // bm25 (lower is better) with the title weighing four times the text; every candidate comes from this MATCH.
                ranks = db.Database.SqlQuery<MentionRank>(
                    $"SELECT rowid AS \"Id\", -bm25(\"MentionIndex\", 4.0, 1.0, 1.0) AS \"Rank\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match}");
            }
        }
        return await MentionSearchResults.PageAsync(db, new SearchCandidates(mentions, counted), filter, exact: fts is null or { Exact: true }, ranks, ct);
    }

    /// <summary>A read transaction (deferred: it takes no write lock) for reads that must see the same index.</summary>
    private static async Task<SqliteTransaction> SnapshotAsync(TertuliaDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(snapshot, ct);
        return snapshot;
    }
}

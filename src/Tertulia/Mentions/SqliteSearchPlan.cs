using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// How SQLite finds the newest page of a query's matches, chosen by what each way costs. FTS5 gives matches in id
/// order, not newest first, so a page means either sorting every match (cheap when they are few) or walking the
/// mentions newest first and keeping the matches (cheap when they are many: the page fills after a few hundred).
/// The costs per row were measured on the search bench's 1,000,000-mention store (docs/performance.md); a wrong guess
/// costs time, never results: every strategy returns the same mentions in the same order.
/// </summary>
internal static partial class SqliteSearchPlan
{
    public enum Strategy
    {
        /// <summary>Read every match and sort by date.</summary>
        FromMatches,
        /// <summary>Gather the matching ids once, then walk the newest mentions keeping those in the set.</summary>
        WalkNewest,
        /// <summary>Walk the newest mentions and ask the index about each one.</summary>
        ProbeNewest,
    }

    // Microseconds per row on this kind of machine (2 cores), from the bench's 1M store.
    private const double ReadAndSortMatch = 2.2;
    private const double GatherMatch = 0.6;
    private const double WalkMention = 0.5;
    private const double ProbeMention = 27;

    /// <summary>The newest ids whose matches are counted first.</summary>
    internal const int SampleSize = 20_000;

    /// <summary>Matches in the sample from which their share of it is taken for the whole store's.</summary>
    private const int SampleMatches = 64;

    public static async Task<Strategy> ChooseAsync(TertuliaDb db, string match, MentionFilter filter, CancellationToken ct)
    {
        var wanted = filter.Skip + filter.PageSize;
        var stored = await db.Mentions.MaxAsync(m => (long?)m.Id, ct) ?? 0;
        var probeable = !match.Contains('*');
        var phrases = Phrases(match);
        // The newest ids first: how often the words occur there says how soon a walk newest first meets them, and
        // counting them costs a few milliseconds where counting to the crossover below grows with the store.
        var sampled = Math.Min(stored, SampleSize);
        var inSample = await db.Database.SqlQuery<long>(
            $"SELECT count(*) AS \"Value\" FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match} AND rowid > {stored - sampled}")
            .SingleAsync(ct);
        if (sampled == stored || inSample >= SampleMatches)
        {
            // The whole store counted, or enough matches seen to estimate how many there are.
            return Cheapest((long)Math.Round(inSample * (double)stored / Math.Max(1, sampled)), stored, wanted, probeable, phrases);
        }
        // Counting past the point where the next plan wins would only cost time: stop there.
        var enough = (long)Math.Ceiling(Math.Sqrt(probeable
            ? wanted * stored * ProbeCost(phrases) / GatherMatch
            : wanted * stored * WalkMention / (ReadAndSortMatch - GatherMatch))) + 1;
        var matches = await db.Database.SqlQuery<long>(
            $"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM \"MentionIndex\" WHERE \"MentionIndex\" MATCH {match} LIMIT {enough})")
            .SingleAsync(ct);
        if (matches >= enough)
        {
            // Counted to the limit: there are at least that many, past the point where walking (or probing) wins.
            return probeable ? Strategy.ProbeNewest : Strategy.WalkNewest;
        }
        return Cheapest(matches, stored, wanted, probeable, phrases);
    }

    /// <summary>Quoted words and phrases in a MATCH expression (not the column names): a probe looks each one up.</summary>
    private static int Phrases(string match) => Math.Max(1, ColumnSets().Replace(match, "").Count(c => c == '"') / 2);

    [System.Text.RegularExpressions.GeneratedRegex("\\{[^}]*\\}")]
    private static partial System.Text.RegularExpressions.Regex ColumnSets();

    /// <summary>
    /// A probe of one mention grows with the words it looks up: on the bench's store one word cost 7 µs a probe, three
    /// 22 µs, twenty-one 72 µs; this overestimates the many-word ones, so they walk sooner.
    /// </summary>
    private static double ProbeCost(int phrases) => ProbeMention * Math.Max(1, phrases / 2.0);

    /// <param name="matches">How many mentions the words match (all workspaces), counted up to where probing wins.</param>
    /// <param name="stored">How many mentions the store holds (all workspaces).</param>
    /// <param name="wanted">Rows up to the end of the page asked for.</param>
    /// <param name="probeable">
    /// False for prefix words ("precio*"): FTS5 expands a prefix over every word it starts at each probe, a
    /// thousand times the cost of a plain word (19 s for a page on the bench), so such a query is never probed
    /// (<see cref="Fts5Prefixes"/> writes most prefixes out as plain words first).
    /// </param>
    /// <param name="phrases">Quoted words and phrases in the expression, each looked up at every probe.</param>
    public static Strategy Cheapest(long matches, long stored, int wanted, bool probeable = true, int phrases = 1)
    {
        if (matches == 0 || stored == 0)
        {
            return Strategy.FromMatches;
        }
        // Walking newest first meets a match every stored/matches mentions.
        var walked = Math.Min(stored, wanted * (double)stored / matches);
        var fromMatches = matches * ReadAndSortMatch;
        var walk = matches * GatherMatch + walked * WalkMention;
        var probe = probeable ? walked * ProbeCost(phrases) : double.PositiveInfinity;
        return fromMatches <= walk && fromMatches <= probe ? Strategy.FromMatches
            : walk <= probe ? Strategy.WalkNewest
            : Strategy.ProbeNewest;
    }
}

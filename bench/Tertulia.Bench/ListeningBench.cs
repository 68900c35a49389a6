using System.Diagnostics;
using Tertulia.Listening;

namespace Tertulia.Bench;

/// <summary>
/// Mention × query evaluations per second on one core: the compiled query set (tokenise once, evaluate all)
/// beside one compiled Regex per query, over the same generated mentions, with their answers compared.
/// </summary>
public static class ListeningBench
{
    public static void Run(int mentionCount, int queryCount, int naiveCount)
    {
        Console.WriteLine($"listening: {mentionCount:N0} mentions x {queryCount} queries, naive regex on the first {naiveCount:N0} mentions, 1 thread, {Environment.ProcessorCount} cores on the machine");
        var corpus = new SpanishCorpus();
        var mentions = Enumerable.Range(0, mentionCount).Select(_ => corpus.NextMention()).ToArray();
        var texts = SpanishCorpus.Queries(queryCount);
        var queries = texts.Select(QueryParser.Parse).ToList();
        Console.WriteLine($"corpus: {mentions.Average(m => m.Text.Length):N0} characters per mention on average");

        var compileWatch = Stopwatch.StartNew();
        var set = QuerySet.Compile(queries.Select((q, i) => (i, q)));
        Console.WriteLine($"compiled: {queryCount} queries in {compileWatch.Elapsed.TotalMilliseconds:N1} ms");

        var scan = set.NewScan();
        var counts = new int[queryCount];
        var loadWatch = Stopwatch.StartNew();
        foreach (var m in mentions)
        {
            scan.Load(m);
        }
        Console.WriteLine($"tokenising alone: {mentionCount / loadWatch.Elapsed.TotalSeconds:N0} mentions/s");
        Evaluate(set, scan, mentions.AsSpan(0, Math.Min(2000, mentionCount)), new int[queryCount]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Evaluate(set, scan, mentions, counts);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var evaluations = (double)mentionCount * queryCount;
        var compiledRate = evaluations / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"compiled query set: {compiledRate:N0} evaluations/s per core ({watch.Elapsed.TotalSeconds:N2} s, {mentionCount / watch.Elapsed.TotalSeconds:N0} mentions/s, {allocated / evaluations:N3} bytes allocated per evaluation)");
        Console.WriteLine($"compiled query set: {counts.Sum():N0} matches, {counts.Count(c => c > 0)} of {queryCount} queries match something");

        var regexes = queries.Select(NaiveRegexMatcher.Compile).ToArray();
        var naive = mentions.AsSpan(0, Math.Min(naiveCount, mentionCount));
        foreach (var m in naive[..Math.Min(200, naive.Length)])
        {
            var subject = NaiveRegexMatcher.Subject(m);
            foreach (var r in regexes)
            {
                r.IsMatch(subject);
            }
        }
        var naiveCounts = new int[queryCount];
        watch.Restart();
        foreach (var m in naive)
        {
            var subject = NaiveRegexMatcher.Subject(m);
            for (var q = 0; q < regexes.Length; q++)
            {
                if (regexes[q].IsMatch(subject))
                {
                    naiveCounts[q]++;
                }
            }
        }
        watch.Stop();
        var naiveEvaluations = (double)naive.Length * queryCount;
        var naiveRate = naiveEvaluations / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"naive regex per query: {naiveRate:N0} evaluations/s per core ({watch.Elapsed.TotalSeconds:N2} s)");

        var sameCounts = new int[queryCount];
        Evaluate(set, scan, naive, sameCounts);
        var differing = Enumerable.Range(0, queryCount).Where(q => sameCounts[q] != naiveCounts[q]).ToList();
        Console.WriteLine($"agreement on the naive sample: {queryCount - differing.Count} of {queryCount} queries give the same match count ({sameCounts.Sum():N0} vs {naiveCounts.Sum():N0} matches)");
        foreach (var q in differing.Take(5))
        {
            Console.WriteLine($"  differs: {texts[q]}  compiled={sameCounts[q]} regex={naiveCounts[q]}");
        }
        Console.WriteLine($"speed-up over naive: {compiledRate / naiveRate:N1}x");
    }

    private static void Evaluate(QuerySet set, MentionScan scan, ReadOnlySpan<MentionDocument> mentions, int[] counts)
    {
        foreach (var mention in mentions)
        {
            scan.Load(mention);
            for (var q = 0; q < counts.Length; q++)
            {
                if (set.Matches(q, scan))
                {
                    counts[q]++;
                }
            }
        }
    }
}

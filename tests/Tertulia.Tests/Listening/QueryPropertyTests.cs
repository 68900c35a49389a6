using FsCheck.Xunit;
using Tertulia.Listening;

namespace Tertulia.Tests.Listening;

[Properties(Arbitrary = [typeof(QueryGenerators)], MaxTest = 300)]
public sealed class QueryPropertyTests
{
    [Property]
    public bool Or_matches_the_union(PositionalQuery a, PositionalQuery b, SampleMention mention) =>
        Matches(new OrNode(a.Node, b.Node), mention) == (Matches(a.Node, mention) || Matches(b.Node, mention));

    [Property]
    public bool And_not_matches_the_difference(PositionalQuery a, PositionalQuery b, SampleMention mention) =>
        Matches(new AndNode(a.Node, new NotNode(b.Node)), mention) == (Matches(a.Node, mention) && !Matches(b.Node, mention));

    [Property]
    public bool A_phrase_matches_only_where_all_its_words_do(PhraseWords phrase, SampleMention mention)
    {
        var asPhrase = new PhraseNode(string.Join(' ', phrase.Words), phrase.Slop);
        QueryNode allWords = new TermNode(phrase.Words[0]);
        foreach (var word in phrase.Words.Skip(1))
        {
            allWords = new AndNode(allWords, new TermNode(word));
        }
        return !Matches(asPhrase, mention) || Matches(allWords, mention);
    }

    [Property]
    public bool Near_n_matches_only_where_near_n_plus_1_does(PositionalQuery a, PositionalQuery b, bool ordered, SampleMention mention)
    {
        for (var n = 0; n < 5; n++)
        {
            if (Matches(new NearNode(a.Node, b.Node, n, ordered), mention) && !Matches(new NearNode(a.Node, b.Node, n + 1, ordered), mention))
            {
                return false;
            }
        }
        return true;
    }

    [Property]
    public bool Ordered_near_matches_only_where_unordered_does(PositionalQuery a, PositionalQuery b, SampleMention mention) =>
        !Matches(new NearNode(a.Node, b.Node, 2, true), mention) || Matches(new NearNode(a.Node, b.Node, 2, false), mention);

    [Property]
    public bool A_printed_query_parses_back_to_itself(QueryNode query) =>
        QueryParser.Parse(QueryPrinter.Print(query)) == query;

    [Property]
    public bool A_query_set_matches_like_each_query_alone(QueryNode[] queries, SampleMention mention)
    {
        var set = QuerySet.Compile(queries.Select((q, i) => (i, q)));
        var scan = set.NewScan();
        var matched = new List<int>();
        set.Match(mention.Document, scan, matched);
        return matched.SequenceEqual(Enumerable.Range(0, queries.Length).Where(i => Matches(queries[i], mention)));
    }

    private static bool Matches(QueryNode query, SampleMention mention) => QuerySet.Matches(query, mention.Document);
}

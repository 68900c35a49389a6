namespace Tertulia.Listening;

/// <summary>
/// A workspace's listening queries compiled together: one vocabulary of terms for all of them, so a mention is
/// tokenised once (<see cref="MentionScan.Load"/>) and then every query is a few lookups on that scan.
/// Immutable and thread-safe; each thread brings its own <see cref="MentionScan"/> from <see cref="NewScan"/>.
/// </summary>
public sealed class QuerySet
{
    private readonly QueryVocabulary _vocabulary;
    private readonly Matcher[] _matchers;

    private QuerySet(QueryVocabulary vocabulary, Matcher[] matchers, int[] ids)
    {
        _vocabulary = vocabulary;
        _matchers = matchers;
        Ids = ids;
    }

    /// <summary>The id of each query, in the order they were given.</summary>
    public IReadOnlyList<int> Ids { get; }

    public int Count => _matchers.Length;

    public static QuerySet Compile(IEnumerable<(int Id, QueryNode Query)> queries)
    {
        var vocabulary = new QueryVocabulary();
        var matchers = new List<Matcher>();
        var ids = new List<int>();
        foreach (var (id, query) in queries)
        {
            matchers.Add(QueryCompiler.Compile(query, vocabulary));
            ids.Add(id);
        }
        return new QuerySet(vocabulary, [.. matchers], [.. ids]);
    }

    public static QuerySet Compile(QueryNode query) => Compile([(0, query)]);

    public MentionScan NewScan() => new(_vocabulary);

    /// <summary>Whether the query at <paramref name="index"/> matches the mention last loaded into <paramref name="scan"/>.</summary>
    public bool Matches(int index, MentionScan scan) => _matchers[index].Matches(scan);

    /// <summary>Tokenises <paramref name="document"/> into <paramref name="scan"/> and adds the ids of the queries it matches.</summary>
    public void Match(MentionDocument document, MentionScan scan, List<int> matchedIds)
    {
        scan.Load(document);
        for (var i = 0; i < _matchers.Length; i++)
        {
            if (_matchers[i].Matches(scan))
            {
                matchedIds.Add(Ids[i]);
            }
        }
    }

    /// <summary>One query, one mention: for tests, previews and re-checking search results.</summary>
    public static bool Matches(QueryNode query, MentionDocument document)
    {
        var set = Compile(query);
        var scan = set.NewScan();
        scan.Load(document);
        return set.Matches(0, scan);
    }
}

namespace Tertulia.Listening;

/// <summary>
/// Matches mentions against the keyword lists of a workspace's active listening queries,
/// ignoring case and accents. A keyword of several words matches them as a phrase.
/// </summary>
public sealed class KeywordMatcher
{
    private readonly List<(int QueryId, string[][] Phrases)> _queries = [];

    public KeywordMatcher(IEnumerable<ListeningQuery> queries)
    {
        foreach (var query in queries.Where(q => q.Active))
        {
            var phrases = SplitKeywords(query.Keywords)
                .Select(k => TextFolding.Words(k).Select(Bare).ToArray())
                .Where(words => words.Length > 0)
                .ToArray();
            _queries.Add((query.Id, phrases));
        }
    }

    public bool IsEmpty => _queries.Count == 0;

    public static IEnumerable<string> SplitKeywords(string keywords) =>
        keywords.Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<int> Match(string text)
    {
        if (_queries.Count == 0)
        {
            yield break;
        }
        var words = TextFolding.Words(text).ConvertAll(Bare);
        foreach (var (queryId, phrases) in _queries)
        {
            if (phrases.Any(phrase => ContainsPhrase(words, phrase)))
            {
                yield return queryId;
            }
        }
    }

    // "#Panadería" and "panaderia" are the same keyword.
    private static string Bare(string word) => word.TrimStart('#', '@');

    private static bool ContainsPhrase(List<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++)
            {
                all = words[i + j] == phrase[j];
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }
}

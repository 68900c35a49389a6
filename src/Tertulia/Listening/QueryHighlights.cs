namespace Tertulia.Listening;

/// <summary>Where in a text the words a query looks for appear, to mark them: every word of its positive terms.</summary>
public sealed class QueryHighlights
{
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly List<string> _patterns = [];
    private readonly HashSet<string> _rawWords = new(StringComparer.Ordinal);

    public QueryHighlights(QueryNode? query)
    {
        foreach (var (word, field) in query is null ? [] : PositiveTerms.Words(query))
        {
            if (field == QueryField.Raw)
            {
                _rawWords.Add(word);
            }
            else if (word.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                _patterns.Add(word);
            }
            else
            {
                _words.Add(word);
            }
        }
    }

    /// <summary>(start, end) character offsets of the words to mark, in order.</summary>
    public List<(int Start, int End)> Find(string text)
    {
        var hits = new List<(int, int)>();
        if (_words.Count == 0 && _patterns.Count == 0 && _rawWords.Count == 0)
        {
            return hits;
        }
        foreach (var (start, end) in WordTokenizer.Spans(text))
        {
            var raw = text[start..end];
            var folded = WordTokenizer.Fold(raw);
            var bare = folded.TrimStart('#', '@');
            if (_words.Contains(folded) || _words.Contains(bare) || _rawWords.Contains(raw) || _rawWords.Contains(raw.TrimStart('#', '@'))
                || _patterns.Exists(p => TermDictionary.Glob(p, folded) || TermDictionary.Glob(p, bare)))
            {
                hits.Add((start, end));
            }
        }
        return hits;
    }
}

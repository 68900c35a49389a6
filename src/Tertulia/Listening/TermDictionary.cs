namespace Tertulia.Listening;

/// <summary>
/// The words a set of queries looks for in one field, each with a term id: exact words in a hash table looked up
/// by span (no strings made per word), wildcard words bucketed by their first two letters.
/// </summary>
internal sealed class TermDictionary
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(string Pattern, int Id)>> _patterns = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TermDictionary() => _lookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool IsEmpty => _exact.Count == 0 && _patterns.Count == 0;

    /// <summary>The id of <paramref name="word"/> (already folded, or as typed for raw), adding it when new.</summary>
    public int Add(string word, Func<int> nextId)
    {
        if (word.AsSpan().IndexOfAny('*', '?') < 0)
        {
            if (!_exact.TryGetValue(word, out var id))
            {
                _exact[word] = id = nextId();
            }
            return id;
        }
        var bucket = _patterns.TryGetValue(Key(word), out var list) ? list : _patterns[Key(word)] = [];
        var existing = bucket.FindIndex(p => p.Pattern == word);
        if (existing >= 0)
        {
            return bucket[existing].Id;
        }
        var patternId = nextId();
        bucket.Add((word, patternId));
        return patternId;
    }

    /// <summary>Records in <paramref name="scan"/> every term <paramref name="word"/> is, at <paramref name="position"/>.</summary>
    public void Look(ReadOnlySpan<char> word, int position, MentionScan scan)
    {
        if (_lookup.TryGetValue(word, out var id))
        {
            scan.Hit(id, position);
        }
        if (_patterns.Count > 0 && word.Length >= 2 && _patterns.TryGetValue(Key(word), out var bucket))
        {
            foreach (var (pattern, patternId) in bucket)
            {
                if (Glob(pattern, word))
                {
                    scan.Hit(patternId, position);
                }
            }
        }
    }

    private static int Key(ReadOnlySpan<char> word) => (word[0] << 16) | word[1];

    /// <summary>'*' is any run of characters, '?' exactly one.</summary>
    internal static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> word)
    {
        int p = 0, w = 0, star = -1, mark = 0;
        while (w < word.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == word[w]))
            {
                p++;
                w++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = w;
            }
            else if (star >= 0)
            {
                p = star + 1;
                w = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}

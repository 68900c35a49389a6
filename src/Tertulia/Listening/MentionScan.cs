namespace Tertulia.Listening;

/// <summary>A word's place in a field: from its first to its last word position (equal for one word).</summary>
internal readonly record struct WordSpan(int Start, int End);

/// <summary>
/// One mention, tokenised once for a whole <see cref="QuerySet"/>: which of the set's terms it contains and at
/// which positions. Reused mention after mention, so matching allocates nothing once warmed up.
/// Not thread-safe: one scan per thread.
/// </summary>
public sealed class MentionScan
{
    // Title and text share the content positions; the gap keeps phrases and NEAR from spanning both.
    private const int TitleTextGap = 4096;

    private readonly QueryVocabulary _vocabulary;
    private readonly int[] _stamp;
    private readonly int[] _start;
    private readonly int[] _count;
    private readonly List<int> _touched = [];
    private readonly Stack<List<WordSpan>> _spanLists = new();
    private int[] _hitTerm = new int[256];
    private int[] _hitPosition = new int[256];
    private int[] _positions = new int[256];
    private int _hits;
    private int _epoch;
    private Range _host;

    internal MentionScan(QueryVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _stamp = new int[vocabulary.TermCount];
        _start = new int[vocabulary.TermCount];
        _count = new int[vocabulary.TermCount];
    }

    internal string Language { get; private set; } = "";
    internal ReadOnlySpan<char> Host => Url.AsSpan(_host);
    internal string Url { get; private set; } = "";
    internal string Sentiment { get; private set; } = "";

    /// <summary>Tokenises <paramref name="document"/>, replacing the previous one.</summary>
    public void Load(MentionDocument document)
    {
        _epoch++;
        _hits = 0;
        _touched.Clear();
        var v = _vocabulary;
        if (!v.Content.IsEmpty || !v.Raw.IsEmpty)
        {
            var next = Scan(document.Title, v.Content, v.Raw, 0);
            Scan(document.Text, v.Content, v.Raw, next == 0 ? 0 : next + TitleTextGap);
        }
        if (!v.Title.IsEmpty)
        {
            Scan(document.Title, v.Title, null, 0);
        }
        if (!v.Author.IsEmpty)
        {
            Scan(document.Author, v.Author, null, 0);
        }
        if (!v.Channel.IsEmpty)
        {
            Scan(document.Channel, v.Channel, null, 0);
        }
        Language = v.UsesLanguage ? document.Language ?? "" : "";
        Url = v.UsesUrl || v.UsesHost ? document.Url ?? "" : "";
        _host = v.UsesHost ? MentionDocument.HostRange(Url) : 0..0;
        Sentiment = v.UsesSentiment ? QueryFields.Sentiment(document.Sentiment ?? "") ?? "" : "";
        IndexPositions();
    }

    internal bool Has(int term) => _stamp[term] == _epoch;

    internal ReadOnlySpan<int> Positions(int term) =>
        _stamp[term] == _epoch ? _positions.AsSpan(_start[term], _count[term]) : [];

    internal bool HasAt(int term, int position) => Positions(term).BinarySearch(position) >= 0;

    internal List<WordSpan> RentSpans() => _spanLists.TryPop(out var list) ? list : new List<WordSpan>(16);

    internal void Return(List<WordSpan> list)
    {
        list.Clear();
        _spanLists.Push(list);
    }

    internal void Hit(int term, int position)
    {
        if (_hits == _hitTerm.Length)
        {
            Array.Resize(ref _hitTerm, _hits * 2);
            Array.Resize(ref _hitPosition, _hits * 2);
        }
        _hitTerm[_hits] = term;
        _hitPosition[_hits++] = position;
    }

    /// <summary>Looks up every word of <paramref name="text"/>; returns the position after its last word.</summary>
    private int Scan(string? text, TermDictionary folded, TermDictionary? raw, int position)
    {
        if (string.IsNullOrEmpty(text))
        {
            return position;
        }
        Span<char> buffer = stackalloc char[WordTokenizer.MaxWordLength];
        var span = text.AsSpan();
        var index = 0;
        var scanRaw = raw is not null && !raw.IsEmpty;
        while (WordTokenizer.Next(span, ref index, out var start, out var end))
        {
            var word = span[start..end];
            if (word.Length > WordTokenizer.MaxWordLength)
            {
                position++;
                continue;
            }
            var foldedWord = buffer[..WordTokenizer.Fold(word, buffer)];
            folded.Look(foldedWord, position, this);
            // "#MasaMadre" is found as "#masamadre" and as "masamadre"; "@candeal" likewise.
            var tagged = word[0] is '#' or '@';
            if (tagged)
            {
                folded.Look(foldedWord[1..], position, this);
            }
            if (scanRaw)
            {
                raw!.Look(word, position, this);
                if (tagged)
                {
                    raw.Look(word[1..], position, this);
                }
            }
            position++;
        }
        return position;
    }

    /// <summary>Groups the hits by term (a counting sort): positions stay in ascending order per term.</summary>
    private void IndexPositions()
    {
        for (var i = 0; i < _hits; i++)
        {
            var term = _hitTerm[i];
            if (_stamp[term] != _epoch)
            {
                _stamp[term] = _epoch;
                _count[term] = 0;
                _touched.Add(term);
            }
            _count[term]++;
        }
        if (_positions.Length < _hits)
        {
            _positions = new int[Math.Max(_hits, _positions.Length * 2)];
        }
        var offset = 0;
        foreach (var term in _touched)
        {
            _start[term] = offset;
            offset += _count[term];
            _count[term] = 0;
        }
        for (var i = 0; i < _hits; i++)
        {
            var term = _hitTerm[i];
            _positions[_start[term] + _count[term]++] = _hitPosition[i];
        }
    }
}

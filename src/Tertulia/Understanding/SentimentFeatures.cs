using Microsoft.ML.Data;

namespace Tertulia.Understanding;

/// <summary>
/// What the sentiment model reads of a text, as one sparse vector: hashed word unigrams and bigrams and character
/// 2–4-grams of the normalised words (L2-normalised together), then a few dense signals from the lexicon, the emoji
/// and the punctuation. Hashing keeps the model a fixed size and lets scoring skip any dictionary of n-grams.
/// </summary>
public static class SentimentFeatures
{
    public const int HashBits = 18;
    public const int Buckets = 1 << HashBits;
    public const int SignalCount = 14;
    public const int Dimension = Buckets + SignalCount;
    private const int MinChar = 2;
    private const int MaxChar = 4;

    [ThreadStatic] private static List<int>? _hashes;

    /// <summary>The features of <paramref name="text"/>, as sorted indices and their values.</summary>
    public static (int[] Indices, float[] Values) Of(string? text, SentimentLexicon lexicon)
    {
        var read = SocialText.Read(text);
        var hashes = _hashes ??= new List<int>(512);
        hashes.Clear();
        var tokens = read.Tokens;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t].AsSpan();
            hashes.Add(Hash('w', token, default));
            if (t > 0)
            {
                hashes.Add(Hash('b', tokens[t - 1], token));
            }
            if (token.Length > 0 && token[0] != '_')
            {
                AddCharGrams(token, hashes);
            }
        }
        hashes.Sort();

        var indices = new List<int>(hashes.Count + SignalCount);
        var values = new List<float>(hashes.Count + SignalCount);
        for (var i = 0; i < hashes.Count; i++)
        {
            if (indices.Count > 0 && indices[^1] == hashes[i])
            {
                values[^1] += 1;
            }
            else
            {
                indices.Add(hashes[i]);
                values.Add(1);
            }
        }
        var norm = 0.0;
        foreach (var v in values)
        {
            norm += v * v;
        }
        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        for (var i = 0; i < values.Count; i++)
        {
            values[i] *= scale;
        }
        var signals = Signals(read, lexicon);
        for (var s = 0; s < signals.Length; s++)
        {
            if (signals[s] != 0)
            {
                indices.Add(Buckets + s);
                values.Add(signals[s]);
            }
        }
        return (indices.ToArray(), values.ToArray());
    }

    /// <summary>Character n-grams of a word with its edges marked: " no_" and "mal " are different evidence.</summary>
    private static void AddCharGrams(ReadOnlySpan<char> token, List<int> hashes)
    {
        Span<char> padded = stackalloc char[Math.Min(token.Length, 40) + 2];
        padded[0] = ' ';
        token[..(padded.Length - 2)].CopyTo(padded[1..]);
        padded[^1] = ' ';
        for (var n = MinChar; n <= MaxChar; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                hashes.Add(Hash('c', padded.Slice(start, n), default));
            }
        }
    }

    private static float[] Signals(SocialTokens read, SentimentLexicon lexicon)
    {
        var lex = lexicon.Score(read.Tokens);
        var s = read.Signals;
        return
        [
            Squash(lex.Positive), Squash(lex.Negative), Squash(lex.PositiveWords), Squash(lex.NegativeWords),
            Squash(lex.NegatedWords), (float)Math.Clamp(lex.Last, -2, 2) / 2, Squash(lex.Positive - lex.Negative),
            Squash(s.Positive), Squash(s.Negative), Squash(s.Exclamations), Squash(s.Questions),
            Squash(s.Elongated), Squash(s.Shouted), Squash(s.Laughs),
        ];
    }

    /// <summary>Counts and sums into (-1, 1): the first few matter, the tenth much less.</summary>
    private static float Squash(double value) => (float)Math.Tanh(value / 2);

    /// <summary>FNV-1a over the kind and the characters: stable across runs and machines, unlike string.GetHashCode.</summary>
    private static int Hash(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var hash = 2166136261u;
        hash = (hash ^ kind) * 16777619u;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 16777619u;
        }
        if (!second.IsEmpty)
        {
            hash = (hash ^ ' ') * 16777619u;
            foreach (var c in second)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }
        hash ^= hash >> 15; // fold the high bits in: the bucket is taken from the low ones
        return (int)(hash & (Buckets - 1));
    }
}

/// <summary>One training example as ML.NET reads it.</summary>
public sealed class SentimentExample
{
    [VectorType(SentimentFeatures.Dimension)]
    public VBuffer<float> Features { get; set; }

    /// <summary>negative, neutral or positive.</summary>
    public string Sentiment { get; set; } = "";

    /// <summary>How much this example counts (corpora and classes are balanced).</summary>
    public float Weight { get; set; } = 1;

    public static SentimentExample Of(string text, string sentiment, SentimentLexicon lexicon)
    {
        var (indices, values) = SentimentFeatures.Of(text, lexicon);
        return new SentimentExample
        {
            Features = new VBuffer<float>(SentimentFeatures.Dimension, indices.Length, values, indices),
            Sentiment = sentiment,
        };
    }
}

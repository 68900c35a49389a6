using System.Globalization;
using Microsoft.ML.Data;

namespace Tertulia.Understanding;

/// <summary>
/// Which features a sentiment model reads. Saved inside the model file, so a model is always read with the features it
/// was trained on. A model file without them was made with the defaults (those of the first shipped model).
/// </summary>
public sealed record FeatureSet
{
    /// <summary>What `tertulia train` uses: the choice of the experiments in docs/understanding.md.</summary>
    public static readonly FeatureSet Shipped = new() { StemLexicon = true };

    /// <summary>Character n-grams over the whole normalised text, spaces included (false: inside each word).</summary>
    public bool CharsAcrossWords { get; init; }
    public int CharMin { get; init; } = 2;
    public int CharMax { get; init; } = 4;
    /// <summary>1 + log(count) instead of the count: a word said three times is not three times the evidence.</summary>
    public bool SublinearCounts { get; init; }
    /// <summary>Word and character n-grams L2-normalised apart (each block length 1), instead of together.</summary>
    public bool SeparateNorms { get; init; }
    /// <summary>Dense features from the Spanish stem lexicon (<see cref="StemLexicon"/>).</summary>
    public bool StemLexicon { get; init; }
    /// <summary>
    /// A text that reads as English (by its function words) gets an indicator and its own copy of the lexicon and
    /// emoji signals: the same weights need not serve two languages whose lexicons and habits differ.
    /// </summary>
    public bool LanguageCopies { get; init; }
    /// <summary>With <see cref="SeparateNorms"/>, how much the character block weighs beside the word block.</summary>
    public float CharWeight { get; init; } = 1f;
    /// <summary>
    /// Feeling words (team lexicon, else the stem lexicon) summed by scope: plain, negated, after an intensifier and
    /// after a contrast ("pero", "but"), each split by sign. The lexicon's own sum flips a negated word by a fixed rule;
    /// these let the model learn how much each scope counts.
    /// </summary>
    public bool LexiconScopes { get; init; }
    /// <summary>
    /// A text that reads as written to or about an airline (its handles, flights, luggage...) gets an indicator and its
    /// own copy of the dense signals: customer complaints to a brand are not opinion tweets.
    /// </summary>
    public bool DomainSignals { get; init; }
    /// <summary>With the airline reading, a domain copy of each word too (feature augmentation, Daumé 2007).</summary>
    public bool DomainWordCopies { get; init; }

    public string Save() => string.Join('\n',
        $"chars-across-words\t{CharsAcrossWords}", $"char-min\t{CharMin}", $"char-max\t{CharMax}",
        $"sublinear-counts\t{SublinearCounts}", $"separate-norms\t{SeparateNorms}", $"stem-lexicon\t{StemLexicon}",
        $"language-copies\t{LanguageCopies}", $"char-weight\t{CharWeight.ToString("R", CultureInfo.InvariantCulture)}")
        // Written only when set: a model trained without them saves the very same bytes as before they existed.
        + (LexiconScopes ? "\nlexicon-scopes\tTrue" : "") + (DomainSignals ? "\ndomain-signals\tTrue" : "")
        + (DomainWordCopies ? "\ndomain-word-copies\tTrue" : "");

    public static FeatureSet Parse(string text)
    {
        var set = new FeatureSet();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = line.Split('\t') is [var k, var v] ? (k, v) : throw new InvalidDataException($"Bad feature line '{line}'.");
            set = key switch
            {
                "chars-across-words" => set with { CharsAcrossWords = bool.Parse(value) },
                "char-min" => set with { CharMin = int.Parse(value, CultureInfo.InvariantCulture) },
                "char-max" => set with { CharMax = int.Parse(value, CultureInfo.InvariantCulture) },
                "sublinear-counts" => set with { SublinearCounts = bool.Parse(value) },
                "separate-norms" => set with { SeparateNorms = bool.Parse(value) },
                "stem-lexicon" => set with { StemLexicon = bool.Parse(value) },
                "language-copies" => set with { LanguageCopies = bool.Parse(value) },
                "char-weight" => set with { CharWeight = float.Parse(value, CultureInfo.InvariantCulture) },
                "lexicon-scopes" => set with { LexiconScopes = bool.Parse(value) },
                "domain-signals" => set with { DomainSignals = bool.Parse(value) },
                "domain-word-copies" => set with { DomainWordCopies = bool.Parse(value) },
                _ => throw new InvalidDataException($"Unknown feature setting '{key}'."),
            };
        }
        return set;
    }
}

/// <summary>
/// What the sentiment model reads of a text, as one sparse vector: hashed word unigrams and bigrams and character
/// n-grams of the normalised text (L2-normalised), then a few dense signals from the lexicon, the emoji and the
/// punctuation. Hashing keeps the model a fixed size and lets scoring skip any dictionary of n-grams.
/// </summary>
public static class SentimentFeatures
{
    public const int HashBits = 18;
    public const int Buckets = 1 << HashBits;
    /// <summary>Room for dense signals after the hashed buckets (the unused ones stay zero).</summary>
    public const int SignalSlots = 32;
    public const int Dimension = Buckets + SignalSlots;

    [ThreadStatic] private static List<int>? _words;
    [ThreadStatic] private static List<int>? _chars;

    /// <summary>The features of <paramref name="text"/>, as sorted indices and their values.</summary>
    public static (int[] Indices, float[] Values) Of(string? text, SentimentLexicon lexicon, FeatureSet set)
    {
        var read = SocialText.Read(text);
        var words = _words ??= new List<int>(256);
        var chars = _chars ??= new List<int>(512);
        words.Clear();
        chars.Clear();
        var tokens = read.Tokens;
        var airline = (set.DomainSignals || set.DomainWordCopies) && ReadsAsAirline(text, tokens);
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t].AsSpan();
            words.Add(Hash('w', token, default));
            if (airline && set.DomainWordCopies)
            {
                words.Add(Hash('a', token, default));
            }
            if (t > 0)
            {
                words.Add(Hash('b', tokens[t - 1], token));
            }
            if (!set.CharsAcrossWords && token.Length > 0 && token[0] != '_')
            {
                AddCharGrams(token, chars, set.CharMin, set.CharMax);
            }
        }
        if (set.CharsAcrossWords)
        {
            AddTextCharGrams(tokens, chars, set.CharMin, set.CharMax);
        }

        var entries = new List<(int Index, float Value)>(words.Count + chars.Count + SignalSlots);
        if (set.SeparateNorms)
        {
            Counted(words, entries, set.SublinearCounts, normalise: true);
            Counted(chars, entries, set.SublinearCounts, normalise: true, scale: set.CharWeight);
        }
        else
        {
            words.AddRange(chars);
            Counted(words, entries, set.SublinearCounts, normalise: true);
        }
        var signals = Signals(read, lexicon, set);
        if (set.LexiconScopes)
        {
            AddLexiconScopes(tokens, lexicon, set.StemLexicon, entries);
        }
        if (airline)
        {
            // Named dense signals hashed into the bucket space: room for them without changing the model's dimension.
            entries.Add((Hash('d', "airline", default), 1f));
            if (set.DomainSignals)
            {
                Span<char> name = stackalloc char[1];
                for (var s = 0; s < signals.Length; s++)
                {
                    name[0] = (char)('A' + s);
                    if (signals[s] != 0)
                    {
                        entries.Add((Hash('d', name, default), signals[s]));
                    }
                }
            }
        }
        entries.Sort((a, b) => a.Index.CompareTo(b.Index));

        var indices = new List<int>(entries.Count + SignalSlots);
        var values = new List<float>(entries.Count + SignalSlots);
        foreach (var (index, value) in entries)
        {
            if (indices.Count > 0 && indices[^1] == index)
            {
                values[^1] += value;
            }
            else
            {
                indices.Add(index);
                values.Add(value);
            }
        }
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

    /// <summary>Counts the hashes, optionally dampened, and adds them L2-normalised.</summary>
    private static void Counted(List<int> hashes, List<(int, float)> into, bool sublinear, bool normalise, float scale = 1f)
    {
        hashes.Sort();
        var first = into.Count;
        for (var i = 0; i < hashes.Count;)
        {
            var j = i;
            while (j < hashes.Count && hashes[j] == hashes[i])
            {
                j++;
            }
            var count = j - i;
            into.Add((hashes[i], sublinear ? 1 + MathF.Log(count) : count));
            i = j;
        }
        if (!normalise)
        {
            return;
        }
        var norm = 0.0;
        for (var k = first; k < into.Count; k++)
        {
            norm += into[k].Item2 * into[k].Item2;
        }
        var factor = norm > 0 ? (float)(scale / Math.Sqrt(norm)) : 0;
        for (var k = first; k < into.Count; k++)
        {
            into[k] = (into[k].Item1, into[k].Item2 * factor);
        }
    }

    /// <summary>Character n-grams of a word with its edges marked: " no_" and "mal " are different evidence.</summary>
    private static void AddCharGrams(ReadOnlySpan<char> token, List<int> hashes, int min, int max)
    {
        Span<char> padded = stackalloc char[Math.Min(token.Length, 40) + 2];
        padded[0] = ' ';
        token[..(padded.Length - 2)].CopyTo(padded[1..]);
        padded[^1] = ' ';
        for (var n = min; n <= max; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                hashes.Add(Hash('c', padded.Slice(start, n), default));
            }
        }
    }

    /// <summary>Character n-grams of the normalised text as one string: they see across word edges ("no_gu", "e enc").</summary>
    private static void AddTextCharGrams(IReadOnlyList<string> tokens, List<int> hashes, int min, int max)
    {
        var length = 1;
        foreach (var token in tokens)
        {
            length += Math.Min(token.Length, 40) + 1;
        }
        var text = length <= 2048 ? stackalloc char[length] : new char[length];
        var at = 0;
        text[at++] = ' ';
        foreach (var token in tokens)
        {
            var part = token.AsSpan(0, Math.Min(token.Length, 40));
            part.CopyTo(text[at..]);
            at += part.Length;
            text[at++] = ' ';
        }
        for (var n = min; n <= max; n++)
        {
            for (var start = 0; start + n <= at; start++)
            {
                hashes.Add(Hash('c', text.Slice(start, n), default));
            }
        }
    }

    private static float[] Signals(SocialTokens read, SentimentLexicon lexicon, FeatureSet set)
    {
        var lex = lexicon.Score(read.Tokens);
        var s = read.Signals;
        float[] signals =
        [
            Squash(lex.Positive), Squash(lex.Negative), Squash(lex.PositiveWords), Squash(lex.NegativeWords),
            Squash(lex.NegatedWords), (float)Math.Clamp(lex.Last, -2, 2) / 2, Squash(lex.Positive - lex.Negative),
            Squash(s.Positive), Squash(s.Negative), Squash(s.Exclamations), Squash(s.Questions),
            Squash(s.Elongated), Squash(s.Shouted), Squash(s.Laughs),
            0, 0, 0, 0, 0, 0,
        ];
        if (set.StemLexicon)
        {
            Understanding.StemLexicon.Load().Score(read.Tokens, signals.AsSpan(14, 6));
        }
        if (set.LanguageCopies && ReadsAsEnglish(read.Tokens))
        {
            // Slots 20–31: an English indicator (a class prior of its own) and English copies of the first signals.
            var copies = new float[SignalSlots];
            signals.AsSpan().CopyTo(copies);
            copies[EnglishSlot] = 1;
            for (var k = 0; k < SignalSlots - EnglishSlot - 1; k++)
            {
                copies[EnglishSlot + 1 + k] = signals[k];
            }
            return copies;
        }
        return signals;
    }

    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal)
    {
        "pero", "aunque", "sino", "embargo", "but", "although", "though", "however", "yet",
    };

    private static readonly string[] ScopeNames =
    [
        "plain+", "plain-", "negated+", "negated-", "intensified+", "intensified-", "contrast+", "contrast-", "last+", "last-",
    ];

    /// <summary>Feeling words summed by scope and sign (see <see cref="FeatureSet.LexiconScopes"/>), as named features.</summary>
    private static void AddLexiconScopes(IReadOnlyList<string> tokens, SentimentLexicon lexicon, bool stems, List<(int, float)> into)
    {
        Span<float> sums = stackalloc float[ScopeNames.Length];
        var intensified = false;
        var afterContrast = false;
        var last = 0f;
        foreach (var token in tokens)
        {
            if (token.Length == 0 || token[0] == '_')
            {
                continue;
            }
            var negated = token.StartsWith(SocialText.NegatedPrefix, StringComparison.Ordinal);
            var word = negated ? token.AsSpan(SocialText.NegatedPrefix.Length) : token.AsSpan();
            if (Contrasts.Contains(token))
            {
                // What follows "pero" is the verdict: count it apart from what came before.
                afterContrast = true;
                sums[6] = sums[7] = 0;
                continue;
            }
            var (polarity, intensifier) = lexicon.Lookup(word);
            if (intensifier)
            {
                intensified = true;
                continue;
            }
            var value = polarity != 0 ? (float)polarity : stems ? Understanding.StemLexicon.Load().Polarity(word) : 0;
            if (value == 0)
            {
                intensified = false;
                continue;
            }
            var sign = value > 0 ? 0 : 1;
            var magnitude = MathF.Abs(value);
            sums[(negated ? 2 : intensified ? 4 : 0) + sign] += magnitude;
            if (afterContrast)
            {
                sums[6 + sign] += magnitude;
            }
            last = negated ? -value : value;
            intensified = false;
        }
        sums[last > 0 ? 8 : 9] += last == 0 ? 0 : 1;
        for (var k = 0; k < sums.Length; k++)
        {
            if (sums[k] != 0)
            {
                into.Add((Hash('s', ScopeNames[k], default), MathF.Tanh(sums[k] / 2)));
            }
        }
    }

    private static readonly string[] AirlineNames =
    [
        "iberia", "vueling", "ryanair", "aireuropa", "air europa", "easyjet", "norwegian", "volotea", "binter", "avianca",
        "latam", "lufthansa", "aeromexico", "interjet", "vivaaerobus",
    ];

    private static readonly string[] TravelStems =
    [
        "vuelo", "avion", "aeropuerto", "maleta", "equipaje", "embarque", "azafat", "tripulaci", "aerolinea", "billete",
        "pasajer", "facturar", "flight", "airport", "luggage", "baggage", "boarding", "airline",
    ];

    /// <summary>Written to or about an airline: a carrier's name in the raw text, or a word of air travel.</summary>
    internal static bool ReadsAsAirline(string? raw, IReadOnlyList<string> tokens)
    {
        if (raw is null)
        {
            return false;
        }
        foreach (var name in AirlineNames)
        {
            if (raw.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        foreach (var token in tokens)
        {
            var word = token.StartsWith(SocialText.NegatedPrefix, StringComparison.Ordinal) ? token.AsSpan(SocialText.NegatedPrefix.Length) : token.AsSpan();
            foreach (var stem in TravelStems)
            {
                if (word.StartsWith(stem, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private const int EnglishSlot = 20;
    private static readonly string[] SpanishOrEnglish = ["es", "en"];

    /// <summary>More English than Spanish function words ("the", "is", "my" against "que", "el", "pero").</summary>
    internal static bool ReadsAsEnglish(IReadOnlyList<string> tokens)
    {
        Span<double> scores = stackalloc double[2];
        foreach (var token in tokens)
        {
            FunctionWords.AddEvidence(token, SpanishOrEnglish, scores);
        }
        return scores[1] > scores[0];
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

    public static SentimentExample Of(string text, string sentiment, SentimentLexicon lexicon, FeatureSet set)
    {
        var (indices, values) = SentimentFeatures.Of(text, lexicon, set);
        return new SentimentExample
        {
            Features = new VBuffer<float>(SentimentFeatures.Dimension, indices.Length, values, indices),
            Sentiment = sentiment,
        };
    }
}

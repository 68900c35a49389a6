namespace Tertulia.Understanding;

/// <summary>
/// Words and stems with a feeling (Understanding/Models/lexicon.tsv, the team's own), and how a text adds them up:
/// an intensifier ("muy", "so") scales the next feeling word, a negation flips and softens it.
/// </summary>
public sealed class SentimentLexicon
{
    private const int MinStem = 3;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _stems;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _intensifierWords;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _intensifierStems;

    private SentimentLexicon(
        Dictionary<string, double> words, Dictionary<string, double> stems,
        Dictionary<string, double> intensifierWords, Dictionary<string, double> intensifierStems)
    {
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _stems = stems.GetAlternateLookup<ReadOnlySpan<char>>();
        _intensifierWords = intensifierWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _intensifierStems = intensifierStems.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static SentimentLexicon Load()
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream("Understanding/Models/lexicon.tsv")
            ?? throw new InvalidOperationException("The sentiment lexicon is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static SentimentLexicon Parse(string tsv)
    {
        Dictionary<string, double> words = new(StringComparer.Ordinal), stems = new(StringComparer.Ordinal);
        Dictionary<string, double> intensifierWords = new(StringComparer.Ordinal), intensifierStems = new(StringComparer.Ordinal);
        foreach (var line in tsv.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            var isIntensifier = fields[1] == "x";
            var value = double.Parse(fields[isIntensifier ? 2 : 1], System.Globalization.CultureInfo.InvariantCulture);
            var (entry, _, _) = SocialText.Fold(fields[0].TrimEnd('*'));
            var isStem = fields[0].EndsWith('*');
            var target = (isIntensifier, isStem) switch
            {
                (true, true) => intensifierStems,
                (true, false) => intensifierWords,
                (false, true) => stems,
                _ => words,
            };
            target[entry] = value;
        }
        return new SentimentLexicon(words, stems, intensifierWords, intensifierStems);
    }

    /// <summary>Adds up the feeling words of normalised tokens (see <see cref="SocialText"/>).</summary>
    public LexiconScore Score(IReadOnlyList<string> tokens)
    {
        var score = new LexiconScore();
        var multiplier = 1.0;
        foreach (var token in tokens)
        {
            var negated = token.StartsWith(SocialText.NegatedPrefix, StringComparison.Ordinal);
            var word = negated ? token.AsSpan(SocialText.NegatedPrefix.Length) : token.AsSpan();
            if (Find(word, _intensifierWords, _intensifierStems) is { } intensity)
            {
                multiplier *= intensity;
                continue;
            }
            if (Find(word, _words, _stems) is not { } polarity || polarity == 0)
            {
                multiplier = 1.0;
                continue;
            }
            // "no es bueno" is bad, but "no es malo" is only mildly good.
            var value = polarity * Math.Min(multiplier, 2.5) * (negated ? (polarity > 0 ? -0.9 : -0.5) : 1);
            score.Add(value, negated);
            multiplier = 1.0;
        }
        return score;
    }

    /// <summary>The polarity of a folded word (0 when it has none), and whether it is an intensifier instead.</summary>
    internal (double Polarity, bool Intensifier) Lookup(ReadOnlySpan<char> word) =>
        Find(word, _intensifierWords, _intensifierStems) is not null ? (0, true) : (Find(word, _words, _stems) ?? 0, false);

    private static double? Find(
        ReadOnlySpan<char> word,
        Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> words,
        Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> stems)
    {
        if (words.TryGetValue(word, out var exact))
        {
            return exact;
        }
        for (var length = Math.Min(word.Length, 16); length >= MinStem; length--)
        {
            if (stems.TryGetValue(word[..length], out var stem))
            {
                return stem;
            }
        }
        return null;
    }
}

/// <summary>The sum of a text's feeling words, split by sign, and the last one (endings often carry the verdict).</summary>
public sealed class LexiconScore
{
    public double Positive { get; private set; }
    public double Negative { get; private set; }
    public int PositiveWords { get; private set; }
    public int NegativeWords { get; private set; }
    public int NegatedWords { get; private set; }
    public double Last { get; private set; }

    public void Add(double value, bool negated)
    {
        if (value > 0)
        {
            Positive += value;
            PositiveWords++;
        }
        else
        {
            Negative -= value;
            NegativeWords++;
        }
        NegatedWords += negated ? 1 : 0;
        Last = value;
    }
}

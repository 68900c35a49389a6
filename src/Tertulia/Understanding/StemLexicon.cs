using System.Globalization;

namespace Tertulia.Understanding;

/// <summary>
/// A large Spanish polarity lexicon by stem (Understanding/Models/senticon-stems-es.tsv: the ML-SentiCon derivative
/// nlp.js ships under MIT). A word takes the polarity of its longest stem that leaves at most a few letters of ending,
/// which is what a Snowball stemmer would cut ("horribles" → "horribl", "odiamos" → "odi"). Read as dense features:
/// how much positive and negative polarity a text holds, negated words counted apart.
/// </summary>
public sealed class StemLexicon
{
    public const string ResourceName = "Understanding/Models/senticon-stems-es.tsv";
    private const int MinStem = 3;
    private const int MaxEnding = 5;
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _stems;

    private StemLexicon(Dictionary<string, float> stems) => _stems = stems.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Lazy<StemLexicon> Shipped = new(() =>
    {
        using var stream = typeof(StemLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    public static StemLexicon Load() => Shipped.Value;

    internal static StemLexicon Parse(string tsv)
    {
        var stems = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in tsv.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('#') && line.Split('\t') is [var stem, var polarity])
            {
                stems[stem] = float.Parse(polarity, CultureInfo.InvariantCulture);
            }
        }
        return new StemLexicon(stems);
    }

    /// <summary>The polarity of a folded word (see <see cref="SocialText"/>), or 0 when no stem fits.</summary>
    public float Polarity(ReadOnlySpan<char> word)
    {
        if (word.Length < MinStem || word.Length > 30)
        {
            return 0;
        }
        Span<char> plain = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            plain[i] = word[i] == 'ñ' ? 'n' : word[i];
        }
        for (var length = plain.Length; length >= Math.Max(MinStem, plain.Length - MaxEnding); length--)
        {
            if (_stems.TryGetValue(plain[..length], out var polarity))
            {
                return polarity;
            }
        }
        return 0;
    }

    /// <summary>Positive sum, negative sum, positive words, negative words, sum of negated words' polarity, mean.</summary>
    public void Score(IReadOnlyList<string> tokens, Span<float> into)
    {
        float positive = 0, negative = 0, negated = 0;
        int positiveWords = 0, negativeWords = 0;
        foreach (var token in tokens)
        {
            if (token.Length == 0 || token[0] == '_')
            {
                continue;
            }
            var isNegated = token.StartsWith(SocialText.NegatedPrefix, StringComparison.Ordinal);
            var polarity = Polarity(isNegated ? token.AsSpan(SocialText.NegatedPrefix.Length) : token);
            if (polarity == 0)
            {
                continue;
            }
            if (isNegated)
            {
                negated += polarity;
                continue;
            }
            if (polarity > 0)
            {
                positive += polarity;
                positiveWords++;
            }
            else
            {
                negative -= polarity;
                negativeWords++;
            }
        }
        into[0] = MathF.Tanh(positive / 2);
        into[1] = MathF.Tanh(negative / 2);
        into[2] = MathF.Tanh(positiveWords / 2f);
        into[3] = MathF.Tanh(negativeWords / 2f);
        into[4] = MathF.Tanh(negated / 2);
        into[5] = positiveWords + negativeWords == 0 ? 0 : (positive - negative) / (positiveWords + negativeWords);
    }
}

using Tertulia.Listening;

namespace Tertulia.Ideas.Grouping;

/// <summary>
/// What a suggestion is about, as weighted terms: its content words (folded, without the words every suggestion
/// shares — "estaría bien que", "deberíais", "please add"), each read through <see cref="SuggestionConcepts"/> so that
/// "celíaca", "sin gluten" and "gluten-free" are one term in both languages, plus the character 4-grams of the words
/// the table does not know, so "domingos" and "dominguero" or a typo still meet.
/// </summary>
public static class SuggestionTerms
{
    /// <summary>A concept or a whole word counts fully; a 4-gram is weaker evidence.</summary>
    public const double GramWeight = 0.25;
    private const int Gram = 4;
    public const int MaxTextChars = 2000;

    public static Dictionary<string, double> Of(string? text)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }
        var words = TextFolding.Words(text.Length > MaxTextChars ? text[..MaxTextChars] : text);
        foreach (var word in words)
        {
            if (word.Length < 3 || word.All(char.IsDigit) || SuggestionStopWords.Contains(word))
            {
                continue;
            }
            var stem = Stem(word);
            // "medias" is "media" in the table: a plural names its singular's concept.
            if ((SuggestionConcepts.Find(word) ?? (stem != word ? SuggestionConcepts.Find(stem) : null)) is { } concept)
            {
                Add(terms, concept, 1);
                continue;
            }
            Add(terms, stem, 1);
            var padded = "^" + stem + "$";
            for (var g = 0; g + Gram <= padded.Length; g++)
            {
                Add(terms, "#" + padded.Substring(g, Gram), GramWeight);
            }
        }
        return terms;
    }

    /// <summary>A light plural cut (Spanish and English) for words the concept table does not know.</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^2];
        }
        return word.Length > 4 && word.EndsWith('s') ? word[..^1] : word;
    }

    private static void Add(Dictionary<string, double> terms, string term, double weight) =>
        terms[term] = terms.GetValueOrDefault(term) + weight;

    /// <summary>Terms as stored with a suggestion: "term weight" pairs, so the pipeline need not read the text again.</summary>
    public static string Serialize(Dictionary<string, double> terms) =>
        string.Join(' ', terms.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Key + ":" + t.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));

    public static Dictionary<string, double> Parse(string? stored)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon > 0 && double.TryParse(pair[(colon + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w))
            {
                terms[pair[..colon]] = w;
            }
        }
        return terms;
    }
}

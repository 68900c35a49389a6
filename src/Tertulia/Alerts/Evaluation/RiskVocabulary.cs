using Tertulia.Listening;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// A risk rule's words, folded (case and accents) and matched on word boundaries: "OCU" is not in "ocurrió". A word
/// also matches its plural ("alérgico" finds "alérgicos", "intoxicación" finds "intoxicaciones").
/// </summary>
public sealed class RiskVocabulary
{
    private readonly List<string[]> _phrases;

    public RiskVocabulary(string? terms)
    {
        _phrases = (terms ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TextFolding.Words).Where(w => w.Count > 0).Select(w => w.ToArray()).ToList();
    }

    public bool IsEmpty => _phrases.Count == 0;

    /// <summary>The first risk phrase the text contains, as written in the vocabulary; null when none.</summary>
    public string? FirstIn(string text)
    {
        if (_phrases.Count == 0)
        {
            return null;
        }
        var words = TextFolding.Words(text);
        foreach (var phrase in _phrases)
        {
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                var all = true;
                for (var j = 0; j < phrase.Length && all; j++)
                {
                    all = Same(words[i + j], phrase[j]);
                }
                if (all)
                {
                    return string.Join(' ', phrase);
                }
            }
        }
        return null;
    }

    private static bool Same(string word, string term) =>
        word == term
        || (word.Length == term.Length + 1 && word[^1] == 's' && word.StartsWith(term, StringComparison.Ordinal))
        || (word.Length == term.Length + 2 && word.EndsWith("es", StringComparison.Ordinal) && word.StartsWith(term, StringComparison.Ordinal));
}

namespace Tertulia.Understanding;

/// <summary>
/// Tells the language of a text from its letters: a character Markov model (uni-, bi- and trigrams) per Latin-script
/// language, scored with back-off, and the writing system for other scripts. Handles tweets: @user, #tags and links
/// are skipped, and only the first <see cref="MaxLetters"/> letters are read.
/// </summary>
public sealed class LanguageDetector(LanguageModelTables tables)
{
    public const string Undetermined = "und";
    public const int MaxLetters = 2000;

    /// <summary>Spanish comes first: on a tie in a very short text, a Spanish-speaking audience is the better bet.</summary>
    private const double SpanishPrior = 0.7;

    /// <summary>The ISO 639-1 code of the text's language, or "und" when it has no letters to go by.</summary>
    public string Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Undetermined;
        }
        Span<double> scores = stackalloc double[tables.Languages.Count];
        Span<char> word = stackalloc char[LanguageModelTables.MaxWord];
        var latin = 0;
        Dictionary<string, int>? other = null;
        var letters = 0;
        var wordLength = 0;
        var skipping = false;
        for (var i = 0; i <= text.Length && letters < MaxLetters; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (wordLength == 0 && !skipping && (c is 'h' or 'H' or 'w' or 'W') && StartsLink(text, i))
            {
                skipping = true; // Links say nothing of the language the person writes in.
            }
            if (char.IsLetter(c) && !skipping)
            {
                letters++;
                if (IsLatin(c))
                {
                    latin++;
                    if (wordLength < word.Length)
                    {
                        word[wordLength++] = char.ToLowerInvariant(c);
                    }
                }
                else
                {
                    CountScript(c, other ??= []);
                    ScoreWord(word[..wordLength], scores);
                    wordLength = 0;
                }
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                skipping = false;
            }
            else if (wordLength == 0 && c is '@' or '#')
            {
                skipping = true; // Nor do handles and tags.
            }
            else if (c is '\'' or '’' or '·' && wordLength > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                continue; // l'home, col·lecció: one word for the model's purposes.
            }
            ScoreWord(word[..wordLength], scores);
            wordLength = 0;
        }
        if (letters == 0)
        {
            return Undetermined;
        }
        if (other?.MaxBy(kv => kv.Value) is { } script && script.Value > latin)
        {
            return script.Key;
        }
        if (latin == 0)
        {
            return Undetermined;
        }
        return Best(scores);
    }

    private string Best(Span<double> scores)
    {
        var best = 0;
        for (var l = 0; l < scores.Length; l++)
        {
            var score = scores[l] + (tables.Languages[l] == "es" ? SpanishPrior : 0);
            var bestScore = scores[best] + (tables.Languages[best] == "es" ? SpanishPrior : 0);
            if (score > bestScore)
            {
                best = l;
            }
        }
        return tables.Languages[best];
    }

    private void ScoreWord(ReadOnlySpan<char> word, Span<double> scores)
    {
        if (word.Length == 0)
        {
            return;
        }
        FunctionWords.AddEvidence(word, tables.Languages, scores);
        for (var n = 1; n <= LanguageModelTables.Order; n++)
        {
            for (var start = 0; start + n <= word.Length; start++)
            {
                tables.AddLogProbabilities(word.Slice(start, n), scores);
            }
        }
    }

    private static bool IsLatin(char c) => c < 0x250 || c is >= '\u1E00' and <= '\u1EFF';

    private static bool StartsLink(string text, int i) =>
        text.AsSpan(i).StartsWith("http", StringComparison.OrdinalIgnoreCase)
        || text.AsSpan(i).StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Other writing systems mostly name their language; where several share one, the most spoken is named.</summary>
    private static void CountScript(char c, Dictionary<string, int> counts)
    {
        var code = c switch
        {
            >= '\u0370' and <= '\u03FF' => "el",
            >= '\u0400' and <= '\u04FF' => "ru",
            >= '\u0590' and <= '\u05FF' => "he",
            >= '\u0600' and <= '\u06FF' => "ar",
            >= '\u0900' and <= '\u097F' => "hi",
            >= '\u0E00' and <= '\u0E7F' => "th",
            >= '\u3040' and <= '\u30FF' => "ja",
            >= '\uAC00' and <= '\uD7AF' => "ko",
            >= '\u4E00' and <= '\u9FFF' => "zh",
            _ => Undetermined,
        };
        // Kana decides over the Han characters it is mixed with.
        counts[code] = counts.GetValueOrDefault(code) + (code == "ja" ? 3 : 1);
    }
}

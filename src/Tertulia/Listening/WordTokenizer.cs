using System.Globalization;
using System.Text;

namespace Tertulia.Listening;

/// <summary>
/// Splits Spanish (and any Latin-script) text into words the way listening matches them: letters and digits,
/// '_' inside a word, '#' or '@' starting a hashtag or handle; everything else (¿ ¡ « » apostrophes, dots,
/// hyphens) separates words. Folding lowers case and drops accents, but keeps ñ: "año" is not "ano".
/// </summary>
public static class WordTokenizer
{
    /// <summary>Longer runs of letters are not words anybody searches for; they are skipped.</summary>
    public const int MaxWordLength = 64;

    private const int TableSize = 0x0250;
    private static readonly char[] FoldTable = BuildFoldTable();

    /// <summary>
    /// Finds the next word at or after <paramref name="index"/>. With <paramref name="wildcards"/>, '*' and '?'
    /// count as letters (for query terms).
    /// </summary>
    public static bool Next(ReadOnlySpan<char> text, ref int index, out int start, out int end, bool wildcards = false)
    {
        var i = index;
        while (i < text.Length)
        {
            var c = text[i];
            // '#' and '@' start a hashtag or handle only at the start of a word: "ana@correo.es" holds no handle.
            if (IsWordChar(c, wildcards)
                || ((c == '#' || c == '@') && i + 1 < text.Length && IsWordChar(text[i + 1], wildcards) && (i == 0 || !IsWordChar(text[i - 1], wildcards) && text[i - 1] != '_')))
            {
                start = i;
                i++;
                while (i < text.Length && (IsWordChar(text[i], wildcards) || text[i] == '_' || IsMark(text[i])))
                {
                    i++;
                }
                // A trailing '_' is punctuation, not part of the word.
                end = i;
                while (end > start + 1 && text[end - 1] == '_')
                {
                    end--;
                }
                index = i;
                return true;
            }
            i++;
        }
        start = end = index = text.Length;
        return false;
    }

    /// <summary>Folds a word into <paramref name="into"/> (at least as long as the word); returns the folded length.</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> into)
    {
        var n = 0;
        foreach (var c in word)
        {
            if (c < TableSize)
            {
                into[n++] = FoldTable[c];
            }
            else if (IsMark(c))
            {
                // A decomposed ñ ("n" + combining tilde) is still ñ; other accents just go.
                if (c == '\u0303' && n > 0 && into[n - 1] == 'n')
                {
                    into[n - 1] = 'ñ';
                }
            }
            else
            {
                into[n++] = char.ToLowerInvariant(c);
            }
        }
        return n;
    }

    public static string Fold(string word)
    {
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        return new string(buffer[..Fold(word, buffer)]);
    }

    /// <summary>The folded words of a text, in order: for queries, tests and tools, not the hot path.</summary>
    public static List<string> Words(string text, bool wildcards = false)
    {
        var words = new List<string>();
        var index = 0;
        while (Next(text, ref index, out var start, out var end, wildcards))
        {
            if (end - start <= MaxWordLength)
            {
                words.Add(Fold(text[start..end]));
            }
        }
        return words;
    }

    /// <summary>Word spans of a text, as (start, end) character offsets: for highlighting.</summary>
    public static List<(int Start, int End)> Spans(string text)
    {
        var spans = new List<(int, int)>();
        var index = 0;
        while (Next(text, ref index, out var start, out var end))
        {
            spans.Add((start, end));
        }
        return spans;
    }

    private static bool IsWordChar(char c, bool wildcards) =>
        c < 128 ? char.IsAsciiLetterOrDigit(c) || (wildcards && (c == '*' || c == '?')) : char.IsLetterOrDigit(c);

    private static bool IsMark(char c) => c >= 0x0300 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static char[] BuildFoldTable()
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            var ch = (char)c;
            if (ch is 'ñ' or 'Ñ')
            {
                table[c] = 'ñ';
                continue;
            }
            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            table[c] = char.ToLowerInvariant(decomposed[0]);
        }
        return table;
    }
}

using System.Globalization;
using System.Text;

namespace Tertulia.Listening;

/// <summary>Folds text for accent- and case-insensitive matching: "Opinión" and "OPINION" both become "opinion".</summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var decomposed = WellFormed(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Replaces lone surrogates (text cut in the middle of an emoji, broken encodings) with U+FFFD.</summary>
    public static string WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                var chars = text.ToCharArray();
                for (var j = i; j < chars.Length; j++)
                {
                    if (char.IsHighSurrogate(chars[j]) && j + 1 < chars.Length && char.IsLowSurrogate(chars[j + 1]))
                    {
                        j++;
                    }
                    else if (char.IsSurrogate(chars[j]))
                    {
                        chars[j] = '\uFFFD';
                    }
                }
                return new string(chars);
            }
        }
        return text;
    }

    /// <summary>Splits folded text into words: letters and digits, keeping '#' and '@' that start a word.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && (char.IsLetterOrDigit(folded[i]) || folded[i] == '_'
                || ((folded[i] == '#' || folded[i] == '@') && start < 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }
}

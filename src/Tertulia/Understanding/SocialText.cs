using System.Buffers;
using System.Globalization;
using System.Text;

namespace Tertulia.Understanding;

/// <summary>
/// Social-media text made ready for a model: lower case without accents, links, @handles, numbers and laughter as
/// placeholder words, #HashTags split into their words, "buenísimoooo" back to "buenisimo", emoji and emoticons
/// turned into words that say their feeling, and every word after a negation ("no me gusta nada") marked as negated
/// up to the next punctuation.
/// </summary>
public static class SocialText
{
    /// <summary>Longer texts are cut: the feeling of a post is in its first paragraphs, and cost must stay bounded.</summary>
    public const int MaxChars = 4000;

    public const string NegatedPrefix = "no_";

    private static readonly HashSet<string> Negators =
    [
        "no", "nunca", "jamas", "ni", "tampoco", "sin", "nadie", "ningun", "ninguna", "ninguno",
        "not", "never", "nobody", "nothing", "without", "dont", "cant", "wont", "isnt", "arent", "wasnt", "didnt",
        "doesnt", "couldnt", "shouldnt", "wouldnt", "aint", "nor",
    ];

    /// <summary>Words after which a negation keeps going rather than flipping back ("no me gusta NADA").</summary>
    private const int NegationReach = 4;

    public static string Normalise(string? text) => Read(text).Text;

    /// <summary>The normalised text and the tokens it is made of, with the emoji and emoticon feelings found.</summary>
    public static SocialTokens Read(string? text)
    {
        var tokens = new List<string>();
        var signals = new SocialSignals();
        if (string.IsNullOrEmpty(text))
        {
            return new SocialTokens(tokens, signals);
        }
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        var negationLeft = 0;
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (IsLinkAt(span, i))
            {
                i = SkipNonSpace(span, i);
                tokens.Add("_url");
                continue;
            }
            if (c == '@' && i + 1 < span.Length && IsWordChar(span[i + 1]))
            {
                i = SkipWord(span, i + 1);
                tokens.Add("_user");
                continue;
            }
            if (c == '#' && i + 1 < span.Length && IsWordChar(span[i + 1]))
            {
                i = SkipWord(span, i + 1);
                tokens.Add("_tag");
                foreach (var part in SplitHashtag(span[(start + 1)..i]))
                {
                    AddWord(part, tokens, signals, ref negationLeft);
                }
                continue;
            }
            if (Emoticons.Match(span[i..]) is { Length: > 0 } emoticon)
            {
                i += emoticon.Length;
                tokens.Add(emoticon.Token);
                signals.Add(emoticon.Polarity);
                negationLeft = 0;
                continue;
            }
            if (IsWordChar(c))
            {
                i = SkipWord(span, i);
                AddWord(span[start..i], tokens, signals, ref negationLeft);
                continue;
            }
            var rune = Rune.DecodeFromUtf16(span[i..], out var decoded, out var used) == OperationStatus.Done ? decoded : Rune.ReplacementChar;
            i += Math.Max(1, used);
            if (Emoji.Polarity(rune) is { } polarity)
            {
                tokens.Add(polarity > 0 ? "_emopos" : polarity < 0 ? "_emoneg" : "_emo");
                signals.Add(polarity);
                continue;
            }
            if (c is '!' or '?' or '¡' or '¿')
            {
                tokens.Add(c is '!' or '¡' ? "!" : "?");
                if (c is '!' or '?')
                {
                    negationLeft = 0;
                }
                signals.Exclamations += c is '!' ? 1 : 0;
                signals.Questions += c is '?' ? 1 : 0;
            }
            else if (c is '.' or ',' or ';' or ':')
            {
                negationLeft = 0;
            }
        }
        return new SocialTokens(tokens, signals);
    }

    private static void AddWord(ReadOnlySpan<char> raw, List<string> tokens, SocialSignals signals, ref int negationLeft)
    {
        if (raw.Length > 40)
        {
            raw = raw[..40];
        }
        var (word, elongated, shouted) = Fold(raw);
        if (word.Length == 0)
        {
            return;
        }
        signals.Elongated += elongated ? 1 : 0;
        signals.Shouted += shouted ? 1 : 0;
        if (IsLaughter(word))
        {
            tokens.Add("_risa");
            signals.Laughs++;
            return;
        }
        if (char.IsDigit(word[0]))
        {
            tokens.Add("_num");
            return;
        }
        if (Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal))
        {
            tokens.Add(word);
            negationLeft = NegationReach;
            return;
        }
        if (negationLeft > 0)
        {
            tokens.Add(NegatedPrefix + word);
            negationLeft--;
            return;
        }
        tokens.Add(word);
    }

    /// <summary>Lower case, accents off (ñ stays), runs of three or more equal letters down to one.</summary>
    internal static (string Word, bool Elongated, bool Shouted) Fold(ReadOnlySpan<char> raw)
    {
        var buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var length = 0;
        var elongated = false;
        var upper = 0;
        var letters = 0;
        var run = 0;
        var previous = '\0';
        foreach (var original in raw)
        {
            if (char.IsLetter(original))
            {
                letters++;
                upper += char.IsUpper(original) ? 1 : 0;
            }
            var c = WithoutAccent(char.ToLowerInvariant(original));
            run = c == previous ? run + 1 : 1;
            previous = c;
            if (run == 3)
            {
                elongated = true;
                length--; // "oooo" → "o"; "rr" and "ll" are kept.
                continue;
            }
            if (run > 3)
            {
                continue;
            }
            buffer[length++] = c;
        }
        return (new string(buffer[..length]), elongated, letters >= 3 && upper == letters);
    }

    private static char WithoutAccent(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ä' or 'ã' => 'a',
        'é' or 'è' or 'ê' or 'ë' => 'e',
        'í' or 'ì' or 'î' or 'ï' => 'i',
        'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
        'ú' or 'ù' or 'û' or 'ü' => 'u',
        '’' => '\'',
        _ => c,
    };

    internal static bool IsLaughter(string word)
    {
        if (word is "xd" or "lol" or "lmao" or "xdd")
        {
            return true;
        }
        if (word.Length < 4)
        {
            return false;
        }
        // jajaja, jejeje, jiji, hahaha, jajsjaja: mostly j/h alternating with vowels.
        var jh = 0;
        foreach (var c in word)
        {
            if (c is 'j' or 'h')
            {
                jh++;
            }
            else if (c is not ('a' or 'e' or 'i' or 'o' or 's'))
            {
                return false;
            }
        }
        return jh * 2 >= word.Length - 1 && jh >= 2;
    }

    /// <summary>#NoMeGustaNada → no, me, gusta, nada; #huelva → huelva.</summary>
    private static IEnumerable<string> SplitHashtag(ReadOnlySpan<char> tag)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i <= tag.Length; i++)
        {
            if (i == tag.Length || (char.IsUpper(tag[i]) && !char.IsUpper(tag[i - 1])) || tag[i] == '_')
            {
                var part = tag[start..i].Trim('_');
                if (part.Length > 0)
                {
                    parts.Add(part.ToString());
                }
                start = i;
            }
        }
        return parts;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static int SkipWord(ReadOnlySpan<char> span, int i)
    {
        while (i < span.Length && (IsWordChar(span[i]) || (span[i] is '\'' or '’' && i + 1 < span.Length && char.IsLetter(span[i + 1]))))
        {
            i++;
        }
        return i;
    }

    private static int SkipNonSpace(ReadOnlySpan<char> span, int i)
    {
        while (i < span.Length && !char.IsWhiteSpace(span[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsLinkAt(ReadOnlySpan<char> span, int i) =>
        span[i..].StartsWith("http", StringComparison.OrdinalIgnoreCase) || span[i..].StartsWith("www.", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a text shows besides its words: emoji and emoticon feelings, shouting, elongations, laughter.</summary>
public sealed class SocialSignals
{
    public int Positive { get; set; }
    public int Negative { get; set; }
    public int Exclamations { get; set; }
    public int Questions { get; set; }
    public int Elongated { get; set; }
    public int Shouted { get; set; }
    public int Laughs { get; set; }

    public void Add(int polarity)
    {
        Positive += polarity > 0 ? 1 : 0;
        Negative += polarity < 0 ? 1 : 0;
    }
}

public sealed record SocialTokens(IReadOnlyList<string> Tokens, SocialSignals Signals)
{
    public string Text => string.Join(' ', Tokens);
}

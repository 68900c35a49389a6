using System.Net;
using System.Text;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Mends what publishers get wrong before the XML parser sees it, as mature readers do: anything before the first
/// tag (a BOM, blank lines, a PHP warning), the XML declaration (the text is decoded already), characters XML
/// forbids, HTML entities XML does not know (&amp;nbsp;, &amp;eacute;) and bare ampersands in text and links.
/// CDATA sections and comments are copied untouched. One pass, linear in the document.
/// </summary>
public static class FeedRepair
{
    public static string Repair(string text)
    {
        var start = Start(text);
        var output = new StringBuilder(text.Length - start + 64);
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && Copy(text, ref i, "<![CDATA[", "]]>", output))
            {
                continue;
            }
            if (c == '<' && Copy(text, ref i, "<!--", "-->", output))
            {
                continue;
            }
            if (c == '<' && i + 1 < text.Length && text[i + 1] == '?')
            {
                // Processing instructions (the declaration, stylesheets) carry nothing a reader needs.
                var end = text.IndexOf("?>", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                continue;
            }
            if (c == '&')
            {
                i = Entity(text, i, output);
                continue;
            }
            if (IsXmlChar(c))
            {
                output.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                output.Append(c).Append(text[i + 1]);
                i++;
            }
            i++;
        }
        return output.ToString();
    }

    /// <summary>
    /// Where the document really begins: its XML declaration, else its feed element, else its first tag — skipping what
    /// a misbehaving plugin printed before it (a PHP warning often starts with a tag of its own, "&lt;br /&gt;").
    /// </summary>
    private static int Start(string text)
    {
        var window = Math.Min(text.Length, 16 * 1024);
        var declaration = text.IndexOf("<?xml", 0, window, StringComparison.OrdinalIgnoreCase);
        if (declaration >= 0)
        {
            return declaration;
        }
        var feed = new[] { "<rss", "<feed", "<rdf:RDF", "<RDF" }
            .Select(tag => text.IndexOf(tag, 0, window, StringComparison.Ordinal))
            .Where(at => at >= 0)
            .DefaultIfEmpty(-1)
            .Min();
        if (feed >= 0)
        {
            return feed;
        }
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && (char.IsLetter(text[i + 1]) || text[i + 1] is '?' or '!' or '_'))
            {
                return i;
            }
        }
        return 0;
    }

    private static bool Copy(string text, ref int i, string open, string close, StringBuilder output)
    {
        if (string.CompareOrdinal(text, i, open, 0, open.Length) != 0)
        {
            return false;
        }
        var end = text.IndexOf(close, i + open.Length, StringComparison.Ordinal);
        var stop = end < 0 ? text.Length : end + close.Length;
        for (var j = i; j < stop; j++)
        {
            if (IsXmlChar(text[j]) || char.IsSurrogate(text[j]))
            {
                output.Append(text[j]);
            }
        }
        if (end < 0)
        {
            output.Append(close); // an unclosed section ends with the document
        }
        i = stop;
        return true;
    }

    /// <summary>Copies the reference at <paramref name="i"/> as XML understands it, or escapes a bare ampersand.</summary>
    private static int Entity(string text, int i, StringBuilder output)
    {
        var end = i + 1;
        while (end < text.Length && end - i <= 32 && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '#'))
        {
            end++;
        }
        if (end >= text.Length || text[end] != ';' || end == i + 1)
        {
            output.Append("&amp;");
            return i + 1;
        }
        var name = text.AsSpan(i + 1, end - i - 1);
        if (name[0] == '#')
        {
            if (CharacterOf(name[1..]) is { } code)
            {
                if (IsXmlCode(code))
                {
                    output.Append("&#").Append(code).Append(';');
                }
                return end + 1; // a reference to a forbidden character (&#8;) is dropped with it
            }
            output.Append("&amp;");
            return i + 1;
        }
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            output.Append(text, i, end - i + 1);
            return end + 1;
        }
        var reference = text.Substring(i, end - i + 1);
        var decoded = WebUtility.HtmlDecode(reference);
        if (decoded != reference)
        {
            foreach (var rune in decoded.EnumerateRunes())
            {
                output.Append("&#").Append(rune.Value).Append(';');
            }
            return end + 1;
        }
        output.Append("&amp;");
        return i + 1;
    }

    private static int? CharacterOf(ReadOnlySpan<char> digits)
    {
        var hex = digits.Length > 0 && digits[0] is 'x' or 'X';
        var number = hex ? digits[1..] : digits;
        if (number.Length is 0 or > 7)
        {
            return null;
        }
        var parsed = hex
            ? int.TryParse(number, System.Globalization.NumberStyles.HexNumber, null, out var h) ? h : (int?)null
            : int.TryParse(number, System.Globalization.NumberStyles.None, null, out var d) ? d : null;
        // Windows-1252 numbers in numeric references (&#146; for ’) are what old CMSes emit; browsers map them.
        return parsed is >= 0x80 and <= 0x9F ? Windows1252Of(parsed.Value) : parsed;
    }

    private static int Windows1252Of(int code)
    {
        var mapped = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString([(byte)code]);
        return mapped.Length == 1 ? mapped[0] : code;
    }

    internal static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    private static bool IsXmlCode(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
}

using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Loads a repaired feed document. Well-formed XML goes through the strict reader (no DTDs, no external entities);
/// what is still broken — a stray or missing end tag, a bare &lt;, an undeclared prefix — is rebuilt by a forgiving
/// reader that closes what was left open, ignores end tags nothing opened and keeps the text, the way browsers and
/// mature feed readers recover. Both give the same tree, so the format readers never know which one ran.
/// </summary>
public static class FeedXml
{
    /// <summary>Prefixes publishers use without declaring them.</summary>
    private static readonly Dictionary<string, XNamespace> WellKnown = new(StringComparer.Ordinal)
    {
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["thr"] = "http://purl.org/syndication/thread/1.0",
        ["feedburner"] = "http://rssnamespace.org/feedburner/ext/1.0",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["xml"] = XNamespace.Xml,
    };

    private const int MaxDepth = 256;

    /// <summary>Elements that hold only text: one left open is closed by the next element, as its author meant.</summary>
    private static readonly HashSet<string> TextOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "link", "guid", "pubDate", "comments", "category", "dc:creator", "dc:date", "dc:title",
        "id", "published", "updated", "name", "email", "uri", "wfw:commentRss", "feedburner:origLink",
    };

    /// <summary>Entries are siblings: an entry still open when the next begins was meant to be closed.</summary>
    private static readonly HashSet<string> Entries = new(StringComparer.OrdinalIgnoreCase) { "item", "entry" };

    public static XElement Load(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), StrictSettings());
            return XDocument.Load(reader).Root ?? throw new XmlException("no root element");
        }
        catch (XmlException)
        {
            return Forgiving(xml) ?? throw new ChannelException("The document has no elements: it is not a feed.");
        }
    }

    internal static XmlReaderSettings StrictSettings() => new()
    {
        // Feeds are untrusted: no DTDs (billion laughs), no external entities.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersInDocument = 50_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The forgiving reader: one pass over the text with a stack of open elements.</summary>
    private static XElement? Forgiving(string xml)
    {
        var open = new List<(XElement Element, string Raw, Dictionary<string, XNamespace>? Scope)>();
        XElement? root = null;
        var text = new StringBuilder();
        var i = 0;
        while (i < xml.Length)
        {
            if (xml[i] != '<')
            {
                var next = xml.IndexOf('<', i);
                var stop = next < 0 ? xml.Length : next;
                text.Append(WebUtility.HtmlDecode(xml[i..stop]));
                i = stop;
                continue;
            }
            if (Starts(xml, i, "<![CDATA["))
            {
                var end = xml.IndexOf("]]>", i, StringComparison.Ordinal);
                text.Append(xml, i + 9, (end < 0 ? xml.Length : end) - i - 9);
                i = end < 0 ? xml.Length : end + 3;
                continue;
            }
            if (Starts(xml, i, "<!--"))
            {
                var end = xml.IndexOf("-->", i, StringComparison.Ordinal);
                i = end < 0 ? xml.Length : end + 3;
                continue;
            }
            if (Starts(xml, i, "<!") || Starts(xml, i, "<?"))
            {
                i = SkipDeclaration(xml, i);
                continue;
            }
            var isEnd = i + 1 < xml.Length && xml[i + 1] == '/';
            var nameStart = i + (isEnd ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < xml.Length && IsNameChar(xml[nameEnd]))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !IsNameStart(xml[nameStart]))
            {
                text.Append('<'); // a bare "<" in text
                i++;
                continue;
            }
            Flush(open, text);
            var name = xml[nameStart..nameEnd];
            var close = xml.IndexOf('>', nameEnd);
            var tagEnd = close < 0 ? xml.Length : close;
            if (isEnd)
            {
                // Close up to the nearest open element of that name; an end tag nothing opened is ignored.
                var match = open.FindLastIndex(o => o.Raw == name);
                if (match >= 0)
                {
                    open.RemoveRange(match, open.Count - match);
                }
                i = tagEnd + 1;
                continue;
            }
            var selfClosing = tagEnd > 0 && xml[tagEnd - 1] == '/';
            var attributes = Attributes(xml.AsSpan(nameEnd, Math.Max(0, tagEnd - nameEnd - (selfClosing ? 1 : 0))));
            i = tagEnd + 1;
            if (open.Count > 0 && TextOnly.Contains(open[^1].Raw) && (string?)open[^1].Element.Attribute("type") != "xhtml")
            {
                open.RemoveAt(open.Count - 1);
            }
            if (Entries.Contains(name) && open.FindLastIndex(o => Entries.Contains(o.Raw)) is var entry and >= 0)
            {
                open.RemoveRange(entry, open.Count - entry);
            }
            if (open.Count >= MaxDepth)
            {
                continue;
            }
            var scope = Scope(attributes);
            var element = new XElement(Resolve(name, open, scope, isAttribute: false));
            foreach (var (key, value) in attributes)
            {
                if (key == "xmlns" || key.StartsWith("xmlns:", StringComparison.Ordinal))
                {
                    continue;
                }
                var attributeName = Resolve(key, open, scope, isAttribute: true);
                if (element.Attribute(attributeName) is null)
                {
                    element.SetAttributeValue(attributeName, value);
                }
            }
            if (open.Count > 0)
            {
                open[^1].Element.Add(element);
            }
            else if (root is null)
            {
                root = element;
            }
            else
            {
                continue; // a second root: what follows the document is not part of it
            }
            if (!selfClosing)
            {
                open.Add((element, name, scope));
            }
        }
        Flush(open, text);
        return root;
    }

    private static void Flush(List<(XElement Element, string Raw, Dictionary<string, XNamespace>? Scope)> open, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (open.Count > 0)
        {
            var value = new string(text.ToString().Where(FeedRepair.IsXmlChar).ToArray());
            open[^1].Element.Add(new XText(value));
        }
        text.Clear();
    }

    private static Dictionary<string, XNamespace>? Scope(List<(string Key, string Value)> attributes)
    {
        Dictionary<string, XNamespace>? scope = null;
        foreach (var (key, value) in attributes)
        {
            if (key == "xmlns")
            {
                (scope ??= [])[""] = value;
            }
            else if (key.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                (scope ??= [])[key[6..]] = value;
            }
        }
        return scope;
    }

    private static XName Resolve(string qualified, List<(XElement Element, string Raw, Dictionary<string, XNamespace>? Scope)> open,
        Dictionary<string, XNamespace>? own, bool isAttribute)
    {
        var colon = qualified.IndexOf(':');
        var prefix = colon > 0 ? qualified[..colon] : "";
        var local = XmlConvert.EncodeLocalName(colon > 0 ? qualified[(colon + 1)..] : qualified);
        if (local.Length == 0)
        {
            local = "_";
        }
        if (isAttribute && prefix.Length == 0)
        {
            return XName.Get(local);
        }
        if (own?.TryGetValue(prefix, out var ns) == true)
        {
            return ns + local;
        }
        for (var level = open.Count - 1; level >= 0; level--)
        {
            if (open[level].Scope?.TryGetValue(prefix, out var inherited) == true)
            {
                return inherited + local;
            }
        }
        return prefix.Length > 0 && WellKnown.TryGetValue(prefix, out var known) ? known + local : XName.Get(local);
    }

    private static List<(string Key, string Value)> Attributes(ReadOnlySpan<char> text)
    {
        var attributes = new List<(string, string)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsNameStart(text[i]))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && IsNameChar(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                break;
            }
            var key = text[start..i].ToString();
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var value = "";
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
                if (i < text.Length && text[i] is '"' or '\'')
                {
                    var quote = text[i];
                    var end = text[(i + 1)..].IndexOf(quote);
                    var stop = end < 0 ? text.Length : i + 1 + end;
                    value = text[(i + 1)..stop].ToString();
                    i = Math.Min(text.Length, stop + 1);
                }
                else
                {
                    var valueStart = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }
                    value = text[valueStart..i].ToString();
                }
            }
            attributes.Add((key, new string(WebUtility.HtmlDecode(value).Where(FeedRepair.IsXmlChar).ToArray())));
        }
        return attributes;
    }

    /// <summary>Skips &lt;!DOCTYPE ...&gt; (with an internal subset in brackets) and &lt;? ... ?&gt;.</summary>
    private static int SkipDeclaration(string xml, int i)
    {
        var depth = 0;
        for (var j = i + 2; j < xml.Length; j++)
        {
            switch (xml[j])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '>' when depth <= 0:
                    return j + 1;
            }
        }
        return xml.Length;
    }

    private static bool Starts(string text, int i, string what) => string.CompareOrdinal(text, i, what, 0, what.Length) == 0;

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';
}

using System.Text.Json;
using System.Xml.Linq;
using static Tertulia.Channels.Feeds.FeedNames;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// The one entry to reading a feed: decodes the bytes (<see cref="FeedEncoding"/>), tells the format by the content —
/// never by Content-Type or file name, which publishers get wrong — and hands the document to that format's reader,
/// which returns the one <see cref="ParsedFeed"/> shape. Sloppy XML is mended (<see cref="FeedRepair"/>,
/// <see cref="FeedXml"/>) rather than refused; only a document that is no feed at all is an error, and an entry
/// that cannot be read is skipped with its reason while the others are kept.
/// </summary>
public static class FeedParser
{
    public static ParsedFeed Parse(Stream stream, Uri? baseUri = null, string? charset = null)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), baseUri, charset);
    }

    /// <param name="charset">The charset the server named in its Content-Type header, if any.</param>
    public static ParsedFeed Parse(ReadOnlySpan<byte> bytes, Uri? baseUri = null, string? charset = null)
    {
        var text = FeedEncoding.Decode(bytes, charset);
        var start = FirstSignificant(text);
        if (start < 0)
        {
            throw new ChannelException("The feed is empty.");
        }
        if (text[start] is '{' or '[')
        {
            return Json(text[start..], baseUri);
        }
        var root = FeedXml.Load(FeedRepair.Repair(text));
        var name = root.Name;
        return name.LocalName switch
        {
            "rss" => RssReader.Read(root, RssVersion(root), baseUri),
            "RDF" => RssReader.Read(root, FeedFormat.Rss10, baseUri),
            "feed" when name.Namespace == Atom03 || (string?)root.Attribute("version") == "0.3" => AtomReader.Read(root, FeedFormat.Atom03, baseUri),
            // An Atom feed without its namespace is read as Atom 1.0 all the same.
            "feed" => AtomReader.Read(root, FeedFormat.Atom10, baseUri),
            "channel" => RssReader.Read(new XElement("rss", root), FeedFormat.Rss09, baseUri),
            "html" or "HTML" or "head" or "body" => throw new ChannelException(
                "This address serves a web page (<html>), not a feed. The page may link to its feed: look for RSS or Atom on it."),
            _ => throw new ChannelException($"This document is not an RSS, Atom or JSON feed (its root element is <{name.LocalName}>)."),
        };
    }

    /// <summary>"0.91", "0.92"... are RSS 0.9x; 2.0, a missing version and anything else read as RSS 2.0.</summary>
    private static FeedFormat RssVersion(XElement rss) =>
        ((string?)rss.Attribute("version"))?.Trim().StartsWith("0.9", StringComparison.Ordinal) == true ? FeedFormat.Rss09 : FeedFormat.Rss20;

    private static ParsedFeed Json(string text, Uri? baseUri)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ChannelException($"The feed looks like JSON but is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out _))
            {
                throw new ChannelException("This JSON document is not a JSON Feed (it has no \"items\").");
            }
            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var format = version?.TrimEnd('/').EndsWith("1.1", StringComparison.Ordinal) == true ? FeedFormat.JsonFeed11 : FeedFormat.JsonFeed10;
            return JsonFeedReader.Read(root, format, baseUri);
        }
    }

    private static int FirstSignificant(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF' && text[i] != '\0')
            {
                return i;
            }
        }
        return -1;
    }
}

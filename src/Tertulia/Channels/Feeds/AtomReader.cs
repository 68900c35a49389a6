using System.Xml.Linq;
using Tertulia.Ingestion;
using static Tertulia.Channels.Feeds.FeedNames;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Atom 1.0 (RFC 4287) and the Atom 0.3 draft still served by old Blogger and CMS installs. Entries without an
/// author take the feed's (or their source's) authors, and every author is kept; rel="alternate" is the entry's
/// link over any other relation; text constructs of type html or xhtml become plain text for titles.
/// </summary>
internal static class AtomReader
{
    public static ParsedFeed Read(XElement feed, FeedFormat format, Uri? baseUri)
    {
        var ns = format == FeedFormat.Atom03 ? Atom03 : Atom;
        var entries = new FeedEntries(baseUri);
        var feedTitle = TextConstruct(One(feed, ns, "title"), ns);
        var feedAuthors = One(feed, ns, "author") is null ? [] : All(feed, ns, "author").ToList();
        var isCommentFeed = FeedEntries.LooksLikeCommentFeed(feedTitle);
        var index = 0;
        foreach (var element in All(feed, ns, "entry"))
        {
            index++;
            try
            {
                Read(element, ns, entries, feedAuthors, isCommentFeed);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                entries.Skip("entry", index, TextConstruct(One(element, ns, "title"), ns), ex);
            }
        }
        return entries.Result(feedTitle, format);
    }

    private static void Read(XElement element, XNamespace ns, FeedEntries entries, List<XElement> feedAuthors, bool isCommentFeed)
    {
        var title = TextConstruct(One(element, ns, "title"), ns);
        var links = All(element, ns, "link").ToList();
        var link = entries.Absolute(Module(element, Feedburner + "origLink")) ?? entries.Absolute(Alternate(links)?.Attribute("href")?.Value);
        var (html, text) = Body(One(element, ns, "content") ?? One(element, ns, "summary"), ns);
        var dateText = Value(element, ns, "published") ?? Value(element, ns, "updated") ?? Value(element, ns, "issued")
            ?? Value(element, ns, "modified") ?? Value(element, ns, "created") ?? Module(element, Dc + "date");
        var published = FeedDates.Parse(dateText);
        var externalId = entries.IdentityOf(Value(element, ns, "id"), link, title, html ?? text, dateText);
        var authors = All(element, ns, "author").ToList();
        if (authors.Count == 0 && One(element, ns, "source") is { } source)
        {
            authors = All(source, ns, "author").ToList();
        }
        if (authors.Count == 0)
        {
            authors = feedAuthors;
        }
        var inReplyTo = element.Element(Thr + "in-reply-to");
        var isComment = inReplyTo is not null || isCommentFeed;
        entries.Add(new IncomingItem
        {
            ExternalId = externalId,
            Url = link,
            Author = FeedEntries.Authors(authors.Select(a => Value(a, ns, "name") ?? Value(a, ns, "email")))
                ?? FeedEntries.Authors(element.Elements(Dc + "creator").Select(c => c.Value)),
            AuthorUrl = entries.Absolute(authors.Select(a => Value(a, ns, "uri") ?? Value(a, ns, "url")).FirstOrDefault(u => u is not null)),
            Published = published,
            Title = isComment ? null : title,
            Html = html,
            Text = html is null ? text : null,
            IsComment = isComment,
            ParentExternalId = FeedEntries.Clean(inReplyTo?.Attribute("ref")?.Value),
            ParentUrl = entries.Absolute(inReplyTo?.Attribute("href")?.Value) ?? (isComment ? FeedEntries.WithoutFragment(link) : null),
        }, published is not null);
        var replies = links.FirstOrDefault(l => (string?)l.Attribute("rel") == "replies"
            && ((string?)l.Attribute("type"))?.Contains("atom", StringComparison.OrdinalIgnoreCase) == true);
        if (!isComment && entries.Absolute(replies?.Attribute("href")?.Value) is { } commentFeed)
        {
            entries.CommentFeeds.Add(new CommentFeedLink(externalId, commentFeed, published));
        }
    }

    /// <summary>rel="alternate" (or no rel, which means it), preferring an HTML page; any link only if none is.</summary>
    private static XElement? Alternate(List<XElement> links)
    {
        var alternates = links.Where(l => ((string?)l.Attribute("rel"))?.Trim() is null or "" or "alternate").ToList();
        return alternates.FirstOrDefault(l => ((string?)l.Attribute("type"))?.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
            ?? alternates.FirstOrDefault()
            ?? links.FirstOrDefault(l => (string?)l.Attribute("rel") is not ("self" or "replies" or "edit" or "enclosure" or "license"));
    }

    /// <summary>A title or other text construct as plain text, whatever its type.</summary>
    private static string? TextConstruct(XElement? element, XNamespace ns)
    {
        if (element is null)
        {
            return null;
        }
        var (html, text) = Body(element, ns);
        return FeedEntries.Text(html ?? text);
    }

    /// <summary>Content as HTML (type html or xhtml, Atom 0.3 escaped or xml modes) or as plain text.</summary>
    private static (string? Html, string? Text) Body(XElement? element, XNamespace ns)
    {
        if (element is null)
        {
            return (null, null);
        }
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        if (type is "xhtml" or "application/xhtml+xml" || mode == "xml" || element.HasElements)
        {
            var div = element.Elements().FirstOrDefault(e => e.Name.LocalName == "div") is { } only && element.Elements().Count() == 1 ? only : element;
            return (string.Concat(div.Nodes().Select(InnerMarkup)), null);
        }
        if (type is "html" or "text/html" || mode == "escaped")
        {
            return (element.Value, null);
        }
        return (null, element.Value);
    }

    /// <summary>XHTML nodes written back as HTML, without the namespace declarations the feed needed.</summary>
    private static string InnerMarkup(XNode node) =>
        node is XElement element ? WithoutNamespaces(element).ToString(SaveOptions.DisableFormatting) : node.ToString(SaveOptions.DisableFormatting);

    private static XElement WithoutNamespaces(XElement element) => new(
        element.Name.LocalName,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
        element.Nodes().Select(n => n is XElement child ? WithoutNamespaces(child) : (object)n));
}

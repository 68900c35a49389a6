using System.Xml.Linq;
using Tertulia.Ingestion;
using static Tertulia.Channels.Feeds.FeedNames;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// RSS 0.9x and 2.0 (items inside the channel) and RSS 1.0 / 0.90 (RDF: items beside it), with the modules
/// publishers add: Dublin Core (dc:date, dc:creator, dc:title), content:encoded, wfw:commentRss,
/// feedburner:origLink, iTunes authors for podcasts and thr:in-reply-to for threaded comments.
/// </summary>
internal static class RssReader
{
    public static ParsedFeed Read(XElement root, FeedFormat format, Uri? baseUri)
    {
        var ns = format == FeedFormat.Rss10 ? (root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel")?.Name.Namespace ?? Rss10) : XNamespace.None;
        var channel = One(root, ns, "channel") ?? root;
        var entries = new FeedEntries(baseUri);
        var feedTitle = Value(channel, ns, "title") ?? Module(channel, Dc + "title");
        var isCommentFeed = FeedEntries.LooksLikeCommentFeed(feedTitle);
        var podcastAuthor = Module(channel, Itunes + "author");
        // RSS 1.0 puts items beside the channel; sloppy 0.9x documents do too.
        var items = All(channel, ns, "item").Concat(channel == root ? [] : All(root, ns, "item"));
        var index = 0;
        foreach (var element in items)
        {
            index++;
            try
            {
                Read(element, ns, entries, isCommentFeed, podcastAuthor);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                entries.Skip("item", index, Value(element, ns, "title"), ex);
            }
        }
        return entries.Result(feedTitle, format);
    }

    private static void Read(XElement element, XNamespace ns, FeedEntries entries, bool isCommentFeed, string? podcastAuthor)
    {
        var title = Value(element, ns, "title") ?? Module(element, Dc + "title");
        // feedburner:origLink is the publisher's own address; <link> points at the redirector.
        var link = entries.Absolute(Module(element, Feedburner + "origLink"))
            ?? entries.Absolute(Value(element, ns, "link"))
            ?? entries.Absolute(element.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value);
        var guid = One(element, ns, "guid");
        var id = FeedEntries.Clean(guid?.Value) ?? FeedEntries.Clean(element.Attribute(Rdf + "about")?.Value);
        if (id is not null && (string?)guid?.Attribute("isPermaLink") != "false" && link is null && entries.Absolute(id) is { } permalink)
        {
            link = permalink;
        }
        var html = Module(element, Content + "encoded") ?? Value(element, ns, "description") ?? Module(element, Dc + "description");
        var dateText = Value(element, ns, "pubDate") ?? Module(element, Dc + "date") ?? Module(element, Atom + "published")
            ?? Module(element, Atom + "updated");
        var published = FeedDates.Parse(dateText);
        var externalId = entries.IdentityOf(id, link, title, html, dateText);
        var author = FeedEntries.Authors(element.Elements(Dc + "creator").Select(e => e.Value))
            ?? FeedEntries.PersonName(Value(element, ns, "author"))
            ?? FeedEntries.PersonName(Module(element, Itunes + "author") ?? podcastAuthor);
        // A threaded comment feed (WordPress with threading, Blogger) says which comment a reply answers (RFC 4685).
        var inReplyTo = element.Element(Thr + "in-reply-to");
        var isComment = isCommentFeed || inReplyTo is not null || link?.Contains("#comment-", StringComparison.Ordinal) == true;
        entries.Add(new IncomingItem
        {
            ExternalId = externalId,
            Url = link,
            Author = author,
            Published = published,
            Title = isComment ? null : FeedEntries.Text(title),
            Html = html,
            IsComment = isComment,
            ParentExternalId = FeedEntries.Clean(inReplyTo?.Attribute("ref")?.Value),
            ParentUrl = entries.Absolute(inReplyTo?.Attribute("href")?.Value) ?? (isComment ? FeedEntries.WithoutFragment(link) : null),
        }, published is not null);
        if (!isComment && entries.Absolute(Module(element, Wfw + "commentRss")) is { } commentFeed)
        {
            entries.CommentFeeds.Add(new CommentFeedLink(externalId, commentFeed, published));
        }
    }
}

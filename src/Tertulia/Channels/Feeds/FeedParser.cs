using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 documents, including WordPress and Blogger post and comment feeds.
/// The document must be well-formed XML; each entry is then read on its own with System.ServiceModel.Syndication,
/// so one malformed entry is reported and skipped while the others are ingested.
/// </summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Wfw = "http://wellformedweb.org/CommentAPI/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Thr = "http://purl.org/syndication/thread/1.0";

    public static ParsedFeed Parse(Stream stream, Uri? baseUri = null)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(stream, SafeSettings());
            doc = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new ChannelException($"The feed is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }

        var root = doc.Root ?? throw new ChannelException("The feed is empty.");
        if (root.Name == Atom + "feed")
        {
            return ParseAtom(root, baseUri);
        }
        if (root.Name.LocalName == "rss" && root.Element("channel") is { } channel)
        {
            return ParseRss(channel, baseUri);
        }
        throw new ChannelException($"This document is not an RSS 2.0 or Atom feed (its root element is <{root.Name.LocalName}>).");
    }

    internal static XmlReaderSettings SafeSettings() => new()
    {
        // Feeds are untrusted: no DTDs (billion laughs), no external entities.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersInDocument = 50_000_000,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        Async = false,
    };

    private static ParsedFeed ParseRss(XElement channel, Uri? baseUri)
    {
        var items = new List<IncomingItem>();
        var comments = new List<CommentFeedLink>();
        var skipped = new List<SkippedItem>();
        var feedTitle = channel.Element("title")?.Value;
        var isCommentFeed = LooksLikeCommentFeed(feedTitle);
        var index = 0;
        foreach (var element in channel.Elements("item"))
        {
            index++;
            try
            {
                var item = ReadRssItem(element);
                var externalId = item.Id ?? FirstLink(item) ?? throw new FormatException("it has neither a guid nor a link");
                var link = FirstLink(item) ?? (Uri.IsWellFormedUriString(externalId, UriKind.Absolute) ? externalId : null);
                var html = element.Element(Content + "encoded")?.Value ?? item.Summary?.Text;
                var author = element.Element(Dc + "creator")?.Value ?? item.Authors.FirstOrDefault()?.Name ?? item.Authors.FirstOrDefault()?.Email;
                var published = item.PublishDate != default ? item.PublishDate : (DateTimeOffset?)null;
                var isComment = isCommentFeed || link?.Contains("#comment-", StringComparison.Ordinal) == true;
                items.Add(new IncomingItem
                {
                    ExternalId = externalId,
                    Url = Absolute(link, baseUri),
                    Author = author,
                    Published = published,
                    Title = isComment ? null : item.Title?.Text,
                    Html = html,
                    IsComment = isComment,
                    ParentUrl = isComment ? WithoutFragment(Absolute(link, baseUri)) : null,
                });
                if (!isComment && element.Element(Wfw + "commentRss")?.Value is { Length: > 0 } commentFeed)
                {
                    comments.Add(new CommentFeedLink(externalId, Absolute(commentFeed.Trim(), baseUri)!, published));
                }
            }
            catch (Exception ex) when (ex is FormatException or XmlException or ArgumentException or InvalidOperationException)
            {
                skipped.Add(new SkippedItem($"item {index}{Describe(element.Element("title")?.Value)}", Reason(ex)));
            }
        }
        return new ParsedFeed(feedTitle, FeedFormat.Rss20, items, comments, skipped);
    }

    private static ParsedFeed ParseAtom(XElement feed, Uri? baseUri)
    {
        var items = new List<IncomingItem>();
        var comments = new List<CommentFeedLink>();
        var skipped = new List<SkippedItem>();
        var feedTitle = feed.Element(Atom + "title")?.Value;
        var index = 0;
        foreach (var element in feed.Elements(Atom + "entry"))
        {
            index++;
            try
            {
                var item = ReadAtomEntry(element);
                var externalId = item.Id ?? throw new FormatException("it has no <id>");
                var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
                var html = (item.Content as TextSyndicationContent)?.Text ?? item.Summary?.Text;
                var inReplyTo = element.Element(Thr + "in-reply-to");
                var isComment = inReplyTo is not null || LooksLikeCommentFeed(feedTitle);
                var published = item.PublishDate != default ? item.PublishDate
                    : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
                var url = link is null ? null : new Uri(baseUri ?? link, link).AbsoluteUri;
                items.Add(new IncomingItem
                {
                    ExternalId = externalId,
                    Url = url,
                    Author = item.Authors.FirstOrDefault()?.Name ?? item.Authors.FirstOrDefault()?.Email,
                    AuthorUrl = item.Authors.FirstOrDefault()?.Uri,
                    Published = published,
                    Title = isComment ? null : item.Title?.Text,
                    Html = IsHtml(item) ? html : null,
                    Text = IsHtml(item) ? null : html,
                    IsComment = isComment,
                    ParentExternalId = inReplyTo?.Attribute("ref")?.Value,
                    ParentUrl = Absolute(inReplyTo?.Attribute("href")?.Value, baseUri) ?? (isComment ? WithoutFragment(url) : null),
                });
                var replies = item.Links.FirstOrDefault(l => l.RelationshipType == "replies"
                    && (l.MediaType?.Contains("atom", StringComparison.OrdinalIgnoreCase) ?? false));
                if (!isComment && replies is not null)
                {
                    comments.Add(new CommentFeedLink(externalId, new Uri(baseUri ?? replies.Uri, replies.Uri).AbsoluteUri, published));
                }
            }
            catch (Exception ex) when (ex is FormatException or XmlException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                skipped.Add(new SkippedItem($"entry {index}{Describe(element.Element(Atom + "title")?.Value)}", Reason(ex)));
            }
        }
        return new ParsedFeed(feedTitle, FeedFormat.Atom10, items, comments, skipped);
    }

    private static SyndicationItem ReadRssItem(XElement element)
    {
        var formatter = new Rss20ItemFormatter();
        using var reader = element.CreateReader();
        reader.MoveToContent();
        formatter.ReadFrom(reader);
        return formatter.Item;
    }

    private static SyndicationItem ReadAtomEntry(XElement element)
    {
        var formatter = new Atom10ItemFormatter();
        using var reader = element.CreateReader();
        reader.MoveToContent();
        formatter.ReadFrom(reader);
        return formatter.Item;
    }

    private static bool IsHtml(SyndicationItem item) =>
        (item.Content as TextSyndicationContent)?.Type is "html" or "xhtml"
        || (item.Content is null && item.Summary?.Type is "html" or "xhtml");

    private static string? FirstLink(SyndicationItem item) => item.Links.FirstOrDefault()?.Uri?.OriginalString;

    /// <summary>WordPress and Blogger name their comment feeds in the feed title ("Comments on...", "Comentarios en...").</summary>
    private static bool LooksLikeCommentFeed(string? title) =>
        title is not null && (title.StartsWith("Comments", StringComparison.OrdinalIgnoreCase)
            || title.StartsWith("Comentarios", StringComparison.OrdinalIgnoreCase));

    private static string? Absolute(string? url, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute))
        {
            return absolute.AbsoluteUri;
        }
        return baseUri is not null && Uri.TryCreate(baseUri, url.Trim(), out var resolved) ? resolved.AbsoluteUri : null;
    }

    private static string? WithoutFragment(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Query)
            : null;

    private static string Describe(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "" : $" (\"{(BoundedText.Snippet(title.Trim(), 61))}\")";

    private static string Reason(Exception ex) => ex.InnerException is FormatException inner ? inner.Message : ex.Message;
}

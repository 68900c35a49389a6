using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tertulia.Demo;

/// <summary>
/// Renders the demo blogs as the feeds real blogs publish: a WordPress-style RSS 2.0 feed whose items
/// announce their comment feeds (wfw:commentRss), and a Blogger-style Atom feed whose entries link their
/// comment feeds (rel="replies") and whose comments say what they answer (thr:in-reply-to).
/// </summary>
public sealed class DemoFeeds(DemoContent content, DateTimeOffset epoch)
{
    private static readonly XNamespace Wfw = "http://wellformedweb.org/CommentAPI/";
    private static readonly XNamespace Thr = "http://purl.org/syndication/thread/1.0";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public DemoBlog? Blog(string slug) => content.Blogs.FirstOrDefault(b => b.Slug == slug);

    public static string FeedPath(DemoBlog blog) => $"/demo/feeds/{blog.Slug}.xml";

    public byte[] PostsFeed(DemoBlog blog, string baseUrl)
    {
        var feed = new SyndicationFeed(blog.Title, blog.Description, new Uri(blog.Link)) { Language = blog.Language };
        feed.LastUpdatedTime = epoch;
        feed.Items = blog.Posts.Select(post =>
        {
            var item = new SyndicationItem(post.Title, SyndicationContent.CreateHtmlContent(post.Html), PostUri(blog, post), PostId(blog, post), At(post.HoursAgo))
            {
                PublishDate = At(post.HoursAgo),
            };
            var commentsUrl = $"{baseUrl}/demo/feeds/{blog.Slug}/{post.Slug}/comments.xml";
            if (blog.Format == "atom")
            {
                item.Authors.Add(new SyndicationPerson { Name = post.Author });
                item.Links.Add(new SyndicationLink(new Uri(commentsUrl), "replies", "Comentarios", "application/atom+xml", 0));
            }
            else
            {
                item.ElementExtensions.Add(new XElement(Dc + "creator", post.Author));
                item.ElementExtensions.Add(new XElement(Wfw + "commentRss", commentsUrl));
            }
            return item;
        }).ToList();
        return Write(feed, blog.Format);
    }

    public byte[] CommentsFeed(DemoBlog blog, DemoPost post)
    {
        var postUri = PostUri(blog, post);
        var feed = new SyndicationFeed($"Comentarios en: {post.Title}", "", postUri) { Language = blog.Language, LastUpdatedTime = epoch };
        feed.Items = post.Comments.Select((comment, i) =>
        {
            var item = new SyndicationItem(
                $"Por: {comment.Author}", SyndicationContent.CreateHtmlContent(comment.Html), CommentUri(postUri, i),
                CommentId(blog, post, i), At(comment.HoursAgo))
            {
                PublishDate = At(comment.HoursAgo),
            };
            var parent = post.ParentOf(i);
            if (blog.Format == "atom")
            {
                item.Authors.Add(new SyndicationPerson { Name = comment.Author });
            }
            else
            {
                item.ElementExtensions.Add(new XElement(Dc + "creator", comment.Author));
            }
            // What it answers (RFC 4685): Atom says it for every comment; RSS only for a reply to another comment,
            // as threaded WordPress and Blogger comment feeds do.
            if (blog.Format == "atom" || parent is not null)
            {
                item.ElementExtensions.Add(new XElement(Thr + "in-reply-to",
                    new XAttribute("ref", parent is { } p ? CommentId(blog, post, p) : PostId(blog, post)),
                    new XAttribute("href", parent is { } q ? CommentUri(postUri, q).AbsoluteUri : postUri.AbsoluteUri),
                    new XAttribute("type", "text/html")));
            }
            return item;
        }).ToList();
        return Write(feed, blog.Format);
    }

    /// <summary>The hour the demo's timeline is anchored at: an item <c>hoursAgo</c> hours old was published that long before it.</summary>
    public DateTimeOffset Epoch => epoch;

    public DateTimeOffset At(double hoursAgo) => epoch.AddHours(-hoursAgo);

    private static Uri CommentUri(Uri postUri, int index) => new($"{postUri}#comment-{index + 1}");

    private static string CommentId(DemoBlog blog, DemoPost post, int index) => $"{PostId(blog, post)}.comment-{index + 1}";

    private static Uri PostUri(DemoBlog blog, DemoPost post) => new($"{blog.Link.TrimEnd('/')}/{post.Slug}/");

    private static string PostId(DemoBlog blog, DemoPost post) =>
        blog.Format == "atom" ? $"tag:blogger.com,1999:blog-{blog.Slug}.post-{post.Slug}" : $"{blog.Link.TrimEnd('/')}/?p={post.Slug}";

    private static byte[] Write(SyndicationFeed feed, string format)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            if (format == "atom")
            {
                feed.SaveAsAtom10(writer);
            }
            else
            {
                feed.SaveAsRss20(writer);
            }
        }
        return buffer.ToArray();
    }
}

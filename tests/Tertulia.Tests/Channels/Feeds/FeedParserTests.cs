using Tertulia.Channels;
using Tertulia.Channels.Feeds;
using Xunit;

namespace Tertulia.Tests.Channels.Feeds;

public class FeedParserTests
{
    private static ParsedFeed Parse(string file)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "feeds", file)).Replace("{base}", "http://127.0.0.1:9");
        return FeedParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), new Uri("http://127.0.0.1:9/feed/"));
    }

    [Theory]
    [InlineData("wordpress-posts.xml", FeedFormat.Rss20, 2, 2, false)]
    [InlineData("wordpress-comments-revision.xml", FeedFormat.Rss20, 3, 0, true)]
    [InlineData("blogger-posts.atom", FeedFormat.Atom10, 1, 1, false)]
    [InlineData("blogger-comments.atom", FeedFormat.Atom10, 2, 0, true)]
    public void Reads_post_and_comment_feeds_of_WordPress_and_Blogger(string file, FeedFormat format, int items, int commentFeeds, bool comments)
    {
        var feed = Parse(file);

        Assert.Equal(format, feed.Format);
        Assert.Equal(items, feed.Items.Count);
        Assert.Equal(commentFeeds, feed.CommentFeeds.Count);
        Assert.Empty(feed.Skipped);
        Assert.All(feed.Items, i => Assert.Equal(comments, i.IsComment));
        Assert.All(feed.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Author)));
        Assert.All(feed.Items, i => Assert.NotNull(i.Published));
    }

    [Fact]
    public void A_WordPress_post_brings_its_full_content_author_and_comment_feed()
    {
        var post = Parse("wordpress-posts.xml").Items[0];

        Assert.Equal("https://bicisruiz.example/?p=412", post.ExternalId);
        Assert.Equal("https://bicisruiz.example/2026/11/revision-otono/", post.Url);
        Assert.Equal("Javier Ruiz", post.Author);
        Assert.Equal("Revisión de otoño: pon a punto tu bici por 35 €", post.Title);
        Assert.Contains("<strong>frenos, cadena y luces</strong>", post.Html);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 9, 12, 44, TimeSpan.Zero), post.Published);
    }

    [Fact]
    public void A_WordPress_comment_points_to_its_post_by_url()
    {
        var comment = Parse("wordpress-comments-revision.xml").Items[1];

        Assert.Equal("Pedro Alonso", comment.Author);
        Assert.Null(comment.Title);
        Assert.Equal("https://bicisruiz.example/2026/11/revision-otono/", comment.ParentUrl);
    }

    [Fact]
    public void A_Blogger_comment_names_its_post_with_thr_in_reply_to()
    {
        var comment = Parse("blogger-comments.atom").Items[0];

        Assert.Equal("tag:blogger.com,1999:blog-7730.post-5551", comment.ParentExternalId);
        Assert.Equal("Irene", comment.Author);
        Assert.Contains("cobraron de más", comment.Html);
    }

    [Fact]
    public void A_threaded_RSS_comment_names_the_comment_it_answers_with_thr_in_reply_to()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:thr="http://purl.org/syndication/thread/1.0">
              <channel>
                <title>Comentarios en: Reparto a domicilio</title>
                <link>https://horno.example/reparto/</link>
                <item>
                  <title>Por: Inés</title>
                  <link>https://horno.example/reparto/#comment-4</link>
                  <guid isPermaLink="false">https://horno.example/?p=12.comment-4</guid>
                  <dc:creator>Inés</dc:creator>
                  <pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate>
                  <description>¿Llegáis a Cigales?</description>
                </item>
                <item>
                  <title>Por: Horno</title>
                  <link>https://horno.example/reparto/#comment-5</link>
                  <guid isPermaLink="false">https://horno.example/?p=12.comment-5</guid>
                  <dc:creator>Horno</dc:creator>
                  <pubDate>Mon, 23 Nov 2026 18:00:00 GMT</pubDate>
                  <description>De momento, solo a la capital.</description>
                  <thr:in-reply-to ref="https://horno.example/?p=12.comment-4" href="https://horno.example/reparto/#comment-4" type="text/html" />
                </item>
              </channel>
            </rss>
            """;
        var feed = FeedParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), new Uri("https://horno.example/reparto/feed/"));

        // The question answers the post (the adapter names it); the reply names the question.
        Assert.Null(feed.Items[0].ParentExternalId);
        Assert.Equal("https://horno.example/reparto/", feed.Items[0].ParentUrl);
        var reply = feed.Items[1];
        Assert.True(reply.IsComment);
        Assert.Equal("https://horno.example/?p=12.comment-4", reply.ParentExternalId);
        Assert.Equal("https://horno.example/reparto/#comment-4", reply.ParentUrl);
    }

    [Fact]
    public void A_Blogger_post_announces_its_atom_comment_feed()
    {
        var link = Assert.Single(Parse("blogger-posts.atom").CommentFeeds);

        Assert.Equal("tag:blogger.com,1999:blog-7730.post-5551", link.PostExternalId);
        Assert.Equal("http://127.0.0.1:9/feeds/5551/comments/default", link.Url);
    }

    [Fact]
    public void Entries_without_an_id_or_a_readable_date_are_kept_and_only_an_empty_one_is_skipped_with_its_reason()
    {
        var feed = Parse("broken-items.xml");

        Assert.Equal(4, feed.Items.Count);
        Assert.StartsWith("sha256:", feed.Items[1].ExternalId);
        Assert.Equal("https://defectos.example/fecha", feed.Items[2].ExternalId);
        Assert.Null(feed.Items[2].Published);
        Assert.Contains("https://defectos.example/fecha", feed.Undated);
        var skipped = Assert.Single(feed.Skipped);
        Assert.Equal("item 4", skipped.Where);
        Assert.Contains("nothing to read", skipped.Reason);
    }

    [Fact]
    public void The_same_entry_without_an_id_gets_the_same_content_hash_on_every_poll()
    {
        Assert.Equal(Parse("broken-items.xml").Items[1].ExternalId, Parse("broken-items.xml").Items[1].ExternalId);
    }

    [Fact]
    public void A_document_with_no_feed_in_it_is_a_clear_channel_error()
    {
        var error = Assert.Throws<ChannelException>(() => Parse("malformed.xml"));

        Assert.Contains("not a feed", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n ")]
    [InlineData("{\"hola\": 1}")]
    [InlineData("{\"items\": [1, ")]
    [InlineData("<error>Database connection failed</error>")]
    public void What_is_no_feed_at_all_is_refused_with_the_reason(string body)
    {
        var error = Assert.Throws<ChannelException>(() => FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Matches("empty|not a JSON Feed|not valid JSON|not an RSS, Atom or JSON feed", error.Message);
    }

    [Theory]
    [InlineData("iso-8859-1", "Caf\u00e9 y croissant")]
    [InlineData("windows-1252", "Caf\u00e9 y croissant")]
    public void The_charset_of_the_http_header_is_honoured_when_the_document_declares_none(string charset, string title)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes($"<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title}</title><guid>1</guid></item></channel></rss>");

        var feed = FeedParser.Parse(bytes, charset: charset);

        Assert.Equal(title, feed.Title);
        Assert.Equal(title, feed.Items[0].Title);
    }

    [Fact]
    public void A_charset_header_that_names_latin1_for_utf8_bytes_does_not_make_mojibake()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>Caf\u00e9</title><item><title>A\u00f1o nuevo</title><guid>1</guid></item></channel></rss>");

        var feed = FeedParser.Parse(bytes, charset: "ISO-8859-1");

        Assert.Equal("Caf\u00e9", feed.Title);
        Assert.Equal("A\u00f1o nuevo", feed.Items[0].Title);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        try
        {
            var feed = Parse("xxe.xml");
            Assert.DoesNotContain(feed.Items, i => (i.Html ?? i.Text ?? "").Contains("root:"));
        }
        catch (ChannelException error)
        {
            Assert.DoesNotContain("root:", error.Message);
        }
    }

    [Fact]
    public void Something_that_is_not_a_feed_is_refused_with_its_root_element()
    {
        var error = Assert.Throws<ChannelException>(() =>
            FeedParser.Parse(new MemoryStream("<html><body>hola</body></html>"u8.ToArray())));

        Assert.Contains("<html>", error.Message);
    }
}

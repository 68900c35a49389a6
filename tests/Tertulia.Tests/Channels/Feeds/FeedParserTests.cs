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
    public void A_Blogger_post_announces_its_atom_comment_feed()
    {
        var link = Assert.Single(Parse("blogger-posts.atom").CommentFeeds);

        Assert.Equal("tag:blogger.com,1999:blog-7730.post-5551", link.PostExternalId);
        Assert.Equal("http://127.0.0.1:9/feeds/5551/comments/default", link.Url);
    }

    [Fact]
    public void Malformed_entries_are_reported_and_skipped_while_the_good_ones_are_read()
    {
        var feed = Parse("broken-items.xml");

        Assert.Equal(["https://defectos.example/buena-1", "https://defectos.example/buena-2"], feed.Items.Select(i => i.ExternalId));
        Assert.Equal(2, feed.Skipped.Count);
        Assert.Contains("item 2", feed.Skipped[0].Where);
        Assert.Contains("neither a guid nor a link", feed.Skipped[0].Reason);
        Assert.Contains("item 3", feed.Skipped[1].Where);
    }

    [Fact]
    public void A_document_that_is_not_well_formed_is_a_clear_channel_error()
    {
        var error = Assert.Throws<ChannelException>(() => Parse("malformed.xml"));

        Assert.Contains("not well-formed XML", error.Message);
        Assert.Contains("line", error.Message);
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

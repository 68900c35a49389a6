using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Mentions;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Channels;

/// <summary>Blogs and their comment feeds, polled over real HTTP by the running app.</summary>
public class FeedChannelTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;
    private FeedServer Feeds => fixture.Feeds;

    private async Task<ChannelsApi.ChannelDto> AddFeedAsync(int workspace, string url)
    {
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChannelsApi.ChannelDto>())!;
    }

    private async Task<ChannelsApi.ChannelDto> ChannelAsync(int workspace, int channel) =>
        (await App.Http.GetFromJsonAsync<ChannelsApi.ChannelDto>($"/api/workspaces/{workspace}/channels/{channel}"))!;

    private async Task<ChannelsApi.ChannelDto> PolledAsync(int workspace, int channel, int times = 1)
    {
        ChannelsApi.ChannelDto dto = null!;
        await TestApp.Eventually(async () => (dto = await ChannelAsync(workspace, channel)).LastPolledAt is not null, "the channel is polled");
        for (var i = 1; i < times; i++)
        {
            var before = dto.LastPolledAt;
            await App.Http.PostAsync($"/api/workspaces/{workspace}/channels/{channel}/poll", null);
            await TestApp.Eventually(async () => (dto = await ChannelAsync(workspace, channel)).LastPolledAt > before, "the channel is polled again");
        }
        return dto;
    }

    [Fact]
    public async Task A_WordPress_blog_brings_its_posts_and_the_comments_of_each_post()
    {
        var workspace = await App.CreateWorkspaceAsync("WordPress");
        var url = Feeds.ServeFile("/wp/feed/", "feeds/wordpress-posts.xml");
        Feeds.ServeFile("/2026/11/revision-otono/feed/", "feeds/wordpress-comments-revision.xml");
        Feeds.ServeFile("/2026/11/ruta-pantanos/feed/", "feeds/wordpress-comments-ruta.xml");

        var channel = await AddFeedAsync(workspace, url);
        var polled = await PolledAsync(workspace, channel.Id);

        Assert.Equal("ok", polled.State);
        Assert.Null(polled.LastError);
        await using var db = App.Db();
        var mentions = await db.Mentions.Where(m => m.ChannelId == channel.Id).ToListAsync();
        Assert.Equal(6, mentions.Count);
        var revision = mentions.Single(m => m.ExternalId == "https://bicisruiz.example/?p=412");
        var comments = mentions.Where(m => m.ParentId == revision.Id).OrderBy(m => m.Published).ToList();
        Assert.Equal(["Marta G.", "Pedro Alonso", "Bicis Ruiz"], comments.Select(c => c.Author));
        Assert.All(comments, c => Assert.Equal(MentionKind.Comment, c.Kind));
        Assert.Single(mentions, m => m.Author == "Tom Baker" && m.ParentId != null);
    }

    [Fact]
    public async Task The_names_the_shop_writes_under_on_its_own_blog_are_the_brand_from_the_first_poll()
    {
        var workspace = await App.CreateWorkspaceAsync("Blog propio");
        var url = Feeds.ServeFile("/propio/feed/", "feeds/wordpress-posts.xml");
        Feeds.ServeFile("/2026/11/revision-otono/feed/", "feeds/wordpress-comments-revision.xml");
        Feeds.ServeFile("/2026/11/ruta-pantanos/feed/", "feeds/wordpress-comments-ruta.xml");

        var refused = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url, brandAuthors = new[] { " " } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url, brandAuthors = new[] { "Javier Ruiz", "Bicis Ruiz" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var channel = (await response.Content.ReadFromJsonAsync<ChannelsApi.ChannelDto>())!;
        await PolledAsync(workspace, channel.Id);

        await using var db = App.Db();
        var mentions = await db.Mentions.Where(m => m.ChannelId == channel.Id).ToListAsync();
        var brand = await db.Contacts.Where(c => c.WorkspaceId == workspace && c.IsBrand).ToListAsync();
        // Javier's post and the shop's reply are the brand's; the customers (and Lucía, who is not named) are not.
        Assert.Equal(["Bicis Ruiz", "Javier Ruiz"], brand.Select(c => c.DisplayName).Order());
        Assert.All(brand, c => Assert.Equal(1, c.MentionCount));
        var post = mentions.Single(m => m.Author == "Javier Ruiz");
        var reply = mentions.Single(m => m.Author == "Bicis Ruiz");
        Assert.Equal(post.Published, brand.Single(c => c.DisplayName == "Javier Ruiz").FirstSeenAt);
        Assert.Equal(reply.Published, brand.Single(c => c.DisplayName == "Bicis Ruiz").LastSeenAt);
        Assert.DoesNotContain(mentions.Where(m => m.Author is "Marta G." or "Pedro Alonso" or "Lucía Ruiz"), m => brand.Any(c => c.Id == m.ContactId));
        // In the inbox the post and the shop's reply are the brand's messages of the post's conversation; the customers' are not.
        var message = await db.ConversationMessages.SingleAsync(x => x.MentionId == reply.Id);
        Assert.True(message.FromBrand);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == message.ConversationId);
        var messages = await db.ConversationMessages.Where(x => x.ConversationId == conversation.Id).ToListAsync();
        var byMention = mentions.ToDictionary(m => m.Id);
        Assert.Equal(["Bicis Ruiz", "Javier Ruiz"], messages.Where(x => x.FromBrand).Select(x => byMention[x.MentionId].Author).Order());
        Assert.Equal(["Marta G.", "Pedro Alonso"], messages.Where(x => !x.FromBrand).Select(x => byMention[x.MentionId].Author).Order());
    }

    [Fact]
    public async Task An_item_without_a_readable_date_is_dated_when_first_seen_and_says_so()
    {
        var workspace = await App.CreateWorkspaceAsync("Sin fecha");
        var url = Feeds.Serve("/sin-fecha/feed", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Horno sin fecha</title><link>http://horno.example/</link>
            <item><title>Con fecha</title><link>http://horno.example/con</link><pubDate>Tue, 03 Nov 2026 10:00:00 +0100</pubDate><description>Uno</description></item>
            <item><title>Sin fecha</title><link>http://horno.example/sin</link><description>Dos</description></item>
            <item><title>Fecha ilegible</title><link>http://horno.example/ilegible</link><pubDate>pronto</pubDate><description>Tres</description></item>
            </channel></rss>
            """);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var channel = await AddFeedAsync(workspace, url);
        await PolledAsync(workspace, channel.Id);

        await using var db = App.Db();
        var mentions = await db.Mentions.Where(m => m.ChannelId == channel.Id).ToDictionaryAsync(m => m.Url!);
        var dated = mentions["http://horno.example/con"];
        Assert.False(dated.PublishedIsFirstSeen);
        Assert.Equal(DateTimeOffset.Parse("2026-11-03T09:00:00Z"), dated.Published);
        foreach (var undated in new[] { mentions["http://horno.example/sin"], mentions["http://horno.example/ilegible"] })
        {
            Assert.True(undated.PublishedIsFirstSeen, $"{undated.Url} is marked as dated when first seen");
            Assert.True(undated.Published >= before && undated.Published <= undated.IngestedAt.AddSeconds(1), $"{undated.Url} is dated {undated.Published:O}");
        }

        // The mention page says so, in Spanish and English; a dated mention does not.
        var page = $"/w/{workspace}/m/{mentions["http://horno.example/sin"].Id}";
        Assert.Contains("sin fecha: primera vez visto", await App.Http.GetStringAsync(page));
        Assert.Contains("no date: first seen", await App.Http.GetStringAsync(page + "?culture=en&ui-culture=en"));
        Assert.DoesNotContain("sin fecha: primera vez visto", await App.Http.GetStringAsync($"/w/{workspace}/m/{dated.Id}"));
    }

    [Fact]
    public async Task A_Blogger_blog_brings_its_posts_and_their_threaded_comments()
    {
        var workspace = await App.CreateWorkspaceAsync("Blogger");
        var url = Feeds.ServeFile("/feeds/posts/default", "feeds/blogger-posts.atom", "application/atom+xml");
        Feeds.ServeFile("/feeds/5551/comments/default", "feeds/blogger-comments.atom", "application/atom+xml");

        var channel = await AddFeedAsync(workspace, url);
        await PolledAsync(workspace, channel.Id);

        await using var db = App.Db();
        var post = await db.Mentions.SingleAsync(m => m.ChannelId == channel.Id && m.ParentId == null);
        Assert.Equal("Mi opinión sobre el taller de Bicis Ruiz", post.Title);
        Assert.Equal(["Irene", "Óscar"], await db.Mentions.Where(m => m.ParentId == post.Id).OrderBy(m => m.Published).Select(m => m.Author!).ToListAsync());
    }

    [Fact]
    public async Task Polling_again_asks_with_conditional_get_and_adds_nothing()
    {
        var workspace = await App.CreateWorkspaceAsync("Conditional");
        var url = Feeds.ServeFile("/cond/feeds/posts/default", "feeds/blogger-posts.atom", "application/atom+xml");
        Feeds.ServeFile("/feeds/5551/comments/default", "feeds/blogger-comments.atom", "application/atom+xml");
        var channel = await AddFeedAsync(workspace, url);

        var polled = await PolledAsync(workspace, channel.Id, times: 3);

        Assert.Equal(3, polled.MentionCount);
        Assert.True(Feeds.NotModified("/cond/feeds/posts/default") >= 2, "the second and third polls sent If-None-Match and got 304");
        await using var db = App.Db();
        Assert.Equal(3, await db.Mentions.CountAsync(m => m.ChannelId == channel.Id));
    }

    [Fact]
    public async Task A_malformed_feed_is_a_clear_error_on_its_channel_and_the_other_channels_go_on()
    {
        var workspace = await App.CreateWorkspaceAsync("Malformed");
        var broken = await AddFeedAsync(workspace, Feeds.ServeFile("/broken/feed", "feeds/malformed.xml"));
        var good = await AddFeedAsync(workspace, Feeds.ServeFile("/good/feed", "feeds/broken-items.xml"));

        var brokenState = await PolledAsync(workspace, broken.Id);
        var goodState = await PolledAsync(workspace, good.Id);

        Assert.Equal("failing", brokenState.State);
        Assert.Contains("not a feed", brokenState.LastError);
        Assert.True(brokenState.NextPollAt > brokenState.LastPolledAt, "a failing channel waits before the next try");
        Assert.Equal("warning", goodState.State);
        Assert.Equal(4, goodState.MentionCount);
        Assert.Contains("1 item(s) skipped", goodState.LastError);
    }

    [Fact]
    public async Task The_workspace_page_shows_each_channel_state_and_its_last_error()
    {
        var workspace = await App.CreateWorkspaceAsync("Estado visible");
        var broken = await AddFeedAsync(workspace, Feeds.ServeFile("/visible/broken", "feeds/malformed.xml"));
        await PolledAsync(workspace, broken.Id);

        var html = await App.Http.GetStringAsync($"/w/{workspace}");

        Assert.Contains("state-failing", html);
        Assert.Contains("Último error", html);
        Assert.Contains("not a feed", html);
    }

    [Fact]
    public async Task A_feed_that_answers_with_an_http_error_is_recorded_and_backs_off()
    {
        var workspace = await App.CreateWorkspaceAsync("Gone");
        var channel = await AddFeedAsync(workspace, Feeds.Url("/does-not-exist/feed"));

        var state = await PolledAsync(workspace, channel.Id);

        Assert.Equal("failing", state.State);
        Assert.Contains("404", state.LastError);
        Assert.Equal(1, state.ErrorCount);
    }

    [Fact]
    public async Task Back_off_grows_with_each_failure_up_to_six_hours()
    {
        var interval = TimeSpan.FromMinutes(15);

        Assert.Equal(interval, ChannelPoller.BackOff(interval, 0));
        Assert.Equal(TimeSpan.FromMinutes(30), ChannelPoller.BackOff(interval, 1));
        Assert.Equal(TimeSpan.FromMinutes(120), ChannelPoller.BackOff(interval, 3));
        Assert.Equal(TimeSpan.FromHours(6), ChannelPoller.BackOff(interval, 30));
    }

    [Fact]
    public async Task An_invalid_feed_address_is_refused_with_problem_details()
    {
        var workspace = await App.CreateWorkspaceAsync("Invalid");

        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url = "ftp://files.example/feed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Contains("http", problem!["detail"].ToString());
    }
}

/// <summary>Feed URLs must not become a way into the private network Tertulia runs in.</summary>
public class PrivateAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/feed")]
    [InlineData("http://localhost/feed")]
    [InlineData("http://10.1.2.3/feed")]
    [InlineData("http://192.168.1.10/feed")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/feed")]
    public async Task A_feed_on_a_private_or_local_address_is_refused_unless_allow_listed(string url)
    {
        await using var app = await TestApp.StartAsync(allowLoopback: false);
        var workspace = await app.CreateWorkspaceAsync("Privada");

        var response = await app.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("private or local address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_allow_listed_loopback_feed_is_read()
    {
        await using var feeds = await FeedServer.StartAsync();
        await using var app = await TestApp.StartAsync(allowLoopback: true);
        var workspace = await app.CreateWorkspaceAsync("Permitida");

        var response = await app.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url = feeds.ServeFile("/feed", "feeds/broken-items.xml") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

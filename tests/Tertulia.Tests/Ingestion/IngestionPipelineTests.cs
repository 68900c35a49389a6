using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Ingestion;

public class IngestionPipelineTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Feeding_the_same_items_twice_adds_nothing()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Dedupe"));
        var items = new[] { Item("a", "uno"), Item("b", "dos"), Item("a", "uno repetido en el mismo lote") };

        var first = await App.IngestAsync(channel, items);
        var second = await App.IngestAsync(channel, items);

        Assert.Equal(2, first.Added);
        Assert.Equal(0, second.Added);
        await using var db = App.Db();
        Assert.Equal(2, await db.Mentions.CountAsync(m => m.ChannelId == channel));
        Assert.Equal(2, (await db.Channels.SingleAsync(c => c.Id == channel)).MentionCount);
    }

    [Fact]
    public async Task The_workspace_page_counts_mentions_and_comments_once_each_from_the_channels_counters()
    {
        var workspace = await App.CreateWorkspaceAsync("Counted");
        var blog = await App.AddChannelAsync(workspace, "https://blog.example/feed");
        var other = await App.AddChannelAsync(workspace, "https://otro.example/feed");
        var items = new[] { Item("p1", "entrada"), Item("c1", "un comentario", parent: "p1"), Item("c2", "otro comentario", parent: "p1") };

        await App.IngestAsync(blog, items);
        await App.IngestAsync(blog, items);
        await App.IngestAsync(other, Item("p9", "otra entrada"), Item("c9", "comentario que llega antes que su entrada", parent: "p8"));

        await using var db = App.Db();
        foreach (var channel in await db.Channels.Where(c => c.WorkspaceId == workspace).ToListAsync())
        {
            Assert.Equal(await db.Mentions.CountAsync(m => m.ChannelId == channel.Id), channel.MentionCount);
            Assert.Equal(await db.Mentions.CountAsync(m => m.ChannelId == channel.Id && m.Kind == MentionKind.Comment), channel.CommentCount);
        }
        var html = await App.Http.GetStringAsync($"/w/{workspace}?culture=en&ui-culture=en");
        Assert.Matches(@"<dt>Mentions</dt><dd>5</dd>", html);
        Assert.Matches(@"<dt>Comments</dt><dd>3</dd>", html);
    }

    [Fact]
    public async Task The_same_external_id_on_two_channels_is_two_mentions()
    {
        var workspace = await App.CreateWorkspaceAsync("Two channels");
        var one = await App.AddChannelAsync(workspace, "https://uno.example/feed");
        var two = await App.AddChannelAsync(workspace, "https://dos.example/feed");

        await App.IngestAsync(one, Item("same", "hola"));
        await App.IngestAsync(two, Item("same", "hola"));

        await using var db = App.Db();
        Assert.Equal(2, await db.Mentions.CountAsync(m => m.WorkspaceId == workspace));
    }

    [Fact]
    public async Task A_reply_that_comes_before_the_reply_it_answers_is_linked_when_that_one_comes()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Out of order"));

        await App.IngestAsync(channel, Item("question", "¿Hacéis envíos?"));
        await App.IngestAsync(channel, Item("third", "¿Y a Canarias?", parent: "second"));
        await App.IngestAsync(channel, Item("second", "Sí, a toda la península.", parent: "question"));

        await using var db = App.Db();
        var byId = await db.Mentions.Where(m => m.ChannelId == channel).ToDictionaryAsync(m => m.ExternalId);
        Assert.Equal(byId["question"].Id, byId["second"].ParentId);
        Assert.Equal(byId["second"].Id, byId["third"].ParentId);
    }

    [Fact]
    public async Task Comments_link_to_their_post_whether_it_comes_before_with_or_after_them()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Threads"));

        await App.IngestAsync(channel, Item("p1", "post uno"));
        await App.IngestAsync(channel, Item("c1", "comentario a un post anterior", parent: "p1"));
        await App.IngestAsync(channel, Item("c2", "comentario en el mismo lote", parent: "p2"), Item("p2", "post dos"));
        await App.IngestAsync(channel, Item("c3", "comentario que llega antes que su post", parent: "p3"));
        await App.IngestAsync(channel, Item("p3", "post tres"));

        await using var db = App.Db();
        var byId = await db.Mentions.Where(m => m.ChannelId == channel).ToDictionaryAsync(m => m.ExternalId);
        Assert.Equal(byId["p1"].Id, byId["c1"].ParentId);
        Assert.Equal(byId["p2"].Id, byId["c2"].ParentId);
        Assert.Equal(byId["p3"].Id, byId["c3"].ParentId);
        Assert.Equal(MentionKind.Comment, byId["c1"].Kind);
        Assert.Null(byId["p1"].ParentId);
    }

    [Fact]
    public async Task Html_from_a_channel_is_sanitized_before_it_is_stored()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Hostile"));
        var hostile = Item("x", "") with
        {
            Html = "<p onclick=\"steal()\">Hola <script>alert(1)</script><img src=x onerror=alert(1)>" +
                   "<a href=\"javascript:alert(2)\">malo</a> <a href=\"https://ok.example/\">bueno</a></p><iframe src=\"https://evil.example\"></iframe><style>p{}</style>",
            Url = "javascript:alert(3)",
        };

        await App.IngestAsync(channel, hostile);

        await using var db = App.Db();
        var stored = await db.Mentions.SingleAsync(m => m.ChannelId == channel);
        Assert.DoesNotContain("<script", stored.Html);
        Assert.DoesNotContain("onclick", stored.Html);
        Assert.DoesNotContain("onerror", stored.Html);
        Assert.DoesNotContain("javascript:", stored.Html);
        Assert.DoesNotContain("<iframe", stored.Html);
        Assert.DoesNotContain("<style", stored.Html);
        Assert.Contains("href=\"https://ok.example/\"", stored.Html);
        Assert.Contains("nofollow", stored.Html);
        Assert.Null(stored.Url);
        Assert.Equal("Hola malo bueno", stored.Text);
    }

    [Fact]
    public async Task Sizes_are_bounded_whatever_the_channel_sends()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Huge"));
        var huge = Item(new string('i', 5000), "") with
        {
            Html = "<p>" + string.Concat(Enumerable.Repeat("palabra ", 100_000)) + "</p>",
            Author = new string('A', 10_000),
            Title = new string('T', 10_000),
        };

        await App.IngestAsync(channel, huge);

        await using var db = App.Db();
        var stored = await db.Mentions.SingleAsync(m => m.ChannelId == channel);
        Assert.True(stored.ExternalId.Length <= MentionLimits.ExternalId);
        Assert.True(stored.Text.Length <= MentionLimits.Text);
        Assert.True(stored.Html is null || stored.Html.Length <= MentionLimits.Html);
        Assert.True(stored.Author!.Length <= MentionLimits.Author);
        Assert.True(stored.Title!.Length <= MentionLimits.Title);
    }

    [Fact]
    public async Task Every_new_mention_is_tagged_with_the_listening_queries_it_matches()
    {
        var workspace = await App.CreateWorkspaceAsync("Queries");
        var channel = await App.AddChannelAsync(workspace);
        await using (var db = App.Db())
        {
            db.ListeningQueries.AddRange(
                new ListeningQuery { WorkspaceId = workspace, Name = "Marca", Expression = "\"Bicis Ruiz\" OR #bicisruiz" },
                new ListeningQuery { WorkspaceId = workspace, Name = "Taller", Expression = "revisión OR \"pastillas de freno\"" });
            await db.SaveChangesAsync();
        }

        await App.IngestAsync(channel,
            Item("1", "Me encanta BICIS RUIZ"),
            Item("2", "La revision fue rápida y cambiaron las pastillas de freno"),
            Item("3", "Hoy llueve en la sierra"),
            Item("4", "Gracias #BicisRuiz por la revisión"));

        await using var check = App.Db();
        var tags = await check.QueryMatches
            .Join(check.Mentions, q => q.MentionId, m => m.Id, (q, m) => new { m.ExternalId, q.QueryId, m.ChannelId })
            .Where(x => x.ChannelId == channel)
            .Join(check.ListeningQueries, x => x.QueryId, q => q.Id, (x, q) => x.ExternalId + ":" + q.Name)
            .ToListAsync();
        Assert.Equal(["1:Marca", "2:Taller", "4:Marca", "4:Taller"], tags.Order());
    }

    [Fact]
    public async Task A_large_delivery_is_stored_in_batches_exactly_once()
    {
        var channel = await App.AddChannelAsync(await App.CreateWorkspaceAsync("Large"));
        var items = Enumerable.Range(0, IngestionPipeline.BatchSize * 2 + 37).Select(i => Item($"n{i}", $"mención número {i}")).ToArray();

        var result = await App.IngestAsync(channel, items);
        await App.IngestAsync(channel, items.Reverse().ToArray());

        Assert.Equal(items.Length, result.Added);
        await using var db = App.Db();
        Assert.Equal(items.Length, await db.Mentions.CountAsync(m => m.ChannelId == channel));
    }
}

using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The five real Spanish blog posts with their comments in ../shared/seeds, published as a WordPress blog
/// with per-post comment feeds and read through the real feed adapter.
/// </summary>
public class SeedPostsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int CommentsPerPost = 5;

    private sealed record Seed(string Slug, string Title, string[] Body, string[] Comments);

    private static List<Seed>? LoadSeeds()
    {
        var folder = SharedData.Find("seeds");
        if (folder is null)
        {
            return null;
        }
        return Directory.GetFiles(folder, "*.txt").Order().Select(file =>
        {
            var lines = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            // The files are plain text: the first line is the title; the last lines stand in for comments.
            var comments = lines.Skip(1).TakeLast(CommentsPerPost).ToArray();
            var body = lines.Skip(1).Take(lines.Length - 1 - comments.Length).ToArray();
            return new Seed(Path.GetFileNameWithoutExtension(file), lines[0], body, comments);
        }).ToList();
    }

    private static string PostsFeed(string baseUrl, List<Seed> seeds)
    {
        var sb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Semillas</title><link>https://seeds.example/</link><description>Posts reales</description>""");
        for (var i = 0; i < seeds.Count; i++)
        {
            var s = seeds[i];
            var html = string.Concat(s.Body.Select(p => $"<p>{SecurityElement.Escape(p)}</p>"));
            sb.Append($"""<item><title>{SecurityElement.Escape(s.Title)}</title><link>https://seeds.example/{s.Slug}/</link><dc:creator>Autor {i}</dc:creator><pubDate>{new DateTimeOffset(2011, 6, 1 + i, 10, 0, 0, TimeSpan.Zero):R}</pubDate><guid isPermaLink="false">https://seeds.example/?p={s.Slug}</guid><content:encoded><![CDATA[{html}]]></content:encoded><wfw:commentRss>{baseUrl}/seeds/{s.Slug}/feed/</wfw:commentRss></item>""");
        }
        return sb.Append("</channel></rss>").ToString();
    }

    private static string CommentsFeed(Seed s) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comentarios en: {SecurityElement.Escape(s.Title)}</title><link>https://seeds.example/{s.Slug}/</link><description>c</description>"""
        + string.Concat(s.Comments.Select((c, j) => $"""<item><title>Por: Lector {j}</title><link>https://seeds.example/{s.Slug}/#comment-{j}</link><dc:creator>Lector {j}</dc:creator><pubDate>{new DateTimeOffset(2011, 7, 1, 10, j, 0, TimeSpan.Zero):R}</pubDate><guid isPermaLink="false">https://seeds.example/?p={s.Slug}#comment-{j}</guid><description>{SecurityElement.Escape(c)}</description></item>"""))
        + "</channel></rss>";

    [Fact]
    public async Task The_seed_posts_and_their_comments_are_ingested_threaded_and_searchable_without_accents()
    {
        var seeds = LoadSeeds();
        if (seeds is null)
        {
            return; // ../shared is not beside this clone (never the case in CI, where SharedData fails instead)
        }
        var app = fixture.App;
        var feeds = fixture.Feeds;
        foreach (var seed in seeds)
        {
            feeds.Serve($"/seeds/{seed.Slug}/feed/", CommentsFeed(seed));
        }
        var url = feeds.Serve("/seeds/feed/", PostsFeed(feeds.BaseUrl, seeds));
        var workspace = await app.CreateWorkspaceAsync("Semillas");
        (await app.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/channels", new { url })).EnsureSuccessStatusCode();

        var expected = seeds.Count + seeds.Sum(s => s.Comments.Length);
        await TestApp.Eventually(async () =>
        {
            await using var db = app.Db();
            return await db.Mentions.CountAsync(m => m.WorkspaceId == workspace) == expected;
        }, $"{expected} seed mentions stored");

        await using var check = app.Db();
        var posts = await check.Mentions.Where(m => m.WorkspaceId == workspace && m.ParentId == null).ToListAsync();
        Assert.Equal(seeds.Count, posts.Count);
        foreach (var post in posts)
        {
            var seed = seeds.Single(s => post.Url!.Contains(s.Slug));
            Assert.Equal(seed.Comments.Length, await check.Mentions.CountAsync(m => m.ParentId == post.Id));

            // An accented word of the post, searched without its accent, finds the post.
            var accented = post.Text.Split(' ').Select(w => w.Trim('.', ',', ';', ':', '!', '?', '¿', '¡', '"', '(', ')'))
                .First(w => w.Length >= 6 && w.Any(c => "áéíóú".Contains(c)) && w.All(char.IsLetter));
            var plain = TextFolding.Fold(accented);
            using var found = JsonDocument.Parse(await app.Http.GetStringAsync($"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(plain)}&pageSize=100"));
            Assert.Contains(found.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == post.Id);
        }
    }
}

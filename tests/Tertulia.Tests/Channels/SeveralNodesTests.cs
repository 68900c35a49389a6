using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Cli;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using Tertulia.Workspaces;
using Xunit;
using Xunit.Abstractions;

namespace Tertulia.Tests.Channels;

/// <summary>Three real Tertulia processes on one PostgreSQL share the channels; one dies mid-poll.</summary>
public class SeveralNodesTests(ITestOutputHelper output)
{
    private const int Feeds = 9;
    private const int ItemsPerFeed = 700; // more than one pipeline batch (500): a poll commits in steps

    [SkippableFact]
    public async Task Nodes_share_the_channels_and_a_killed_node_loses_and_doubles_nothing()
    {
        TestStore.RequirePostgres();
        using var folder = new TempFolder();
        await using var database = await TestStore.CreateAsync(StoreKind.Postgres, folder.Path);
        var (migrated, migrateOutput) = await CliTests.RunTertuliaAsync("migrate", "--database", database.ConnectionString);
        Assert.True(migrated == 0, migrateOutput);

        await using var feeds = await FeedServer.StartAsync();
        feeds.Delay = TimeSpan.FromMilliseconds(400);
        var paths = Enumerable.Range(0, Feeds).Select(f => $"/blog{f}/feed/").ToList();
        foreach (var (path, f) in paths.Select((p, i) => (p, i)))
        {
            feeds.Serve(path, Rss(f));
        }

        var environment = new Dictionary<string, string>
        {
            ["Tertulia__Network__AllowedPrivateAddresses__0"] = "127.0.0.1",
            ["Tertulia__Polling__Tick"] = "00:00:00.200",
            ["Tertulia__Polling__Concurrency"] = "2",
            ["Tertulia__Polling__LeaseDuration"] = "00:00:03",
        };
        var nodes = new List<TertuliaNode>();
        try
        {
            foreach (var _ in Enumerable.Range(0, 3))
            {
                nodes.Add(await TertuliaNode.StartAsync(database.ConnectionString, environment));
            }
            await using var store = StoreServices.Build(database.ConnectionString);
            var dbs = store.GetRequiredService<IDbContextFactory<TertuliaDb>>();
            await AddChannelsAsync(dbs, paths.Select(feeds.Url));

            // Mid-poll: a node holds a channel whose first batch is stored and whose second is not.
            var (victim, leased, state) = await LeaseHolderMidPollAsync(dbs, nodes);
            output.WriteLine($"Killing node {victim.Pid} holding channels {string.Join(", ", leased)}: {state}");
            victim.Kill();

            await TestApp.Eventually(async () => await CountAsync(dbs) == Feeds * ItemsPerFeed,
                $"all {Feeds * ItemsPerFeed} items stored", seconds: 240);
            await using var db = await dbs.CreateDbContextAsync();
            var stored = await db.Mentions.Select(m => new { m.ChannelId, m.ExternalId }).ToListAsync();
            var channels = await db.Channels.OrderBy(c => c.Id).ToListAsync();
            var expected = channels.SelectMany((c, f) => Enumerable.Range(0, ItemsPerFeed).Select(i => (c.Id, $"tag:blog{f}.example,2026:{i}")));
            Assert.Equal(expected.Order(), stored.Select(m => (m.ChannelId, m.ExternalId)).Order());
            Assert.All(channels, c => Assert.Equal(ItemsPerFeed, c.MentionCount));
            Assert.All(paths, p => Assert.Equal(1, feeds.MostAtOnce(p)));
            Assert.All(channels.Where(c => leased.Contains(c.Id)), c => Assert.NotNull(c.LastSuccessAt));
            Assert.Equal(2, nodes.Count(n => n.Running));
        }
        finally
        {
            foreach (var node in nodes)
            {
                output.WriteLine($"--- node {node.Pid}\n{node.Output}");
                node.Dispose();
            }
        }
    }

    private static async Task AddChannelsAsync(IDbContextFactory<TertuliaDb> dbs, IEnumerable<string> urls)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var workspace = new Workspace { Name = "Agencia", Slug = "agencia", CreatedAt = DateTimeOffset.UtcNow };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        db.Channels.AddRange(urls.Select((url, f) => new Channel
        {
            WorkspaceId = workspace.Id,
            Kind = ChannelKind.Feed,
            Name = $"Blog {f}",
            Source = url,
            PollInterval = TimeSpan.FromHours(1),
            NextPollAt = DateTimeOffset.UtcNow,
            CreatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
    }

    private static async Task<(TertuliaNode Node, List<int> Leased, string State)> LeaseHolderMidPollAsync(IDbContextFactory<TertuliaDb> dbs, List<TertuliaNode> nodes)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var held = await db.Channels.Where(c => c.LeasedBy != null)
                .Select(c => new { c.Id, c.LeasedBy, c.MentionCount }).ToListAsync();
            var pick = held.FirstOrDefault(c => c.MentionCount > 0 && c.MentionCount < ItemsPerFeed)
                ?? (DateTime.UtcNow > until ? held.FirstOrDefault() : null);
            if (pick is not null && nodes.FirstOrDefault(n => n.Pid == int.Parse(pick.LeasedBy!.Split('/')[1])) is { } node)
            {
                var mine = held.Where(c => c.LeasedBy == pick.LeasedBy).ToList();
                return (node, mine.Select(c => c.Id).ToList(), string.Join(", ", mine.Select(c => $"channel {c.Id} has {c.MentionCount} of {ItemsPerFeed}")));
            }
            Assert.True(DateTime.UtcNow < until.AddSeconds(60), "No node ever held a channel");
            await Task.Delay(10);
        }
    }

    private static async Task<int> CountAsync(IDbContextFactory<TertuliaDb> dbs)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Mentions.CountAsync();
    }

    /// <summary>A WordPress-shaped RSS feed of a Spanish blog, every item with its own guid.</summary>
    private static string Rss(int feed)
    {
        var sb = new StringBuilder($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Blog {feed}</title><link>https://blog{feed}.example/</link><description>Pan y opiniones</description>
            """);
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < ItemsPerFeed; i++)
        {
            sb.Append($"""
                <item><title>Entrada {i} del blog {feed}</title><link>https://blog{feed}.example/{i}/</link>
                <guid isPermaLink="false">tag:blog{feed}.example,2026:{i}</guid><dc:creator>Autora {feed}</dc:creator>
                <pubDate>{start.AddMinutes(i):R}</pubDate>
                <content:encoded><![CDATA[<p>Opinión número {i}: el pan de masa madre de la panadería {feed} está <strong>riquísimo</strong>.</p>]]></content:encoded></item>
                """);
        }
        return sb.Append("</channel></rss>").ToString();
    }
}

using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Storage;

/// <summary>
/// Two Tertulia apps (two nodes, each with its own in-process write gate) on one real PostgreSQL database: what one
/// node serializes in memory, the nodes serialize through the database.
/// </summary>
public sealed class SeveralNodesWritesTests
{
    [SkippableFact]
    public async Task Two_nodes_storing_the_same_items_of_a_channel_at_once_store_and_count_each_once()
    {
        TestStore.RequirePostgres();
        await using var a = await TestApp.StartAsync(store: StoreKind.Postgres);
        await using var b = await TestApp.StartAsync(sharedDatabase: a.Database);
        var workspace = await a.CreateWorkspaceAsync("Webhooks a dos nodos");
        var channel = await a.AddChannelAsync(workspace);
        // The same event reaching both nodes, as a retried webhook or a re-run import behind a load balancer does.
        var items = Enumerable.Range(0, 3000).Select(i => Item($"evt-{i}", $"Pedido número {i}")).ToArray();

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => a.IngestAsync(channel, items)),
                Task.Run(() => b.IngestAsync(channel, items.Reverse().ToArray())));
            Assert.Equal(round == 0 ? items.Length : 0, results.Sum(r => r.Added));
        }

        await using var db = a.Db();
        Assert.Equal(items.Length, await db.Mentions.CountAsync(m => m.ChannelId == channel));
        Assert.Equal(items.Length, (await db.Channels.SingleAsync(c => c.Id == channel)).MentionCount);
    }

    [SkippableFact]
    public async Task A_query_edited_on_one_node_while_another_stores_mentions_ends_tagging_exactly_what_it_matches()
    {
        TestStore.RequirePostgres();
        var small = new Dictionary<string, string?> { ["Tertulia:Retag:BatchSize"] = "300" };
        await using var a = await TestApp.StartAsync(store: StoreKind.Postgres, settings: small);
        await using var b = await TestApp.StartAsync(sharedDatabase: a.Database, settings: small);
        // The workspace is the first node\'s owner\'s: on the second node they call with the same token.
        using var bHttp = b.ClientAs(a.Owner);
        var workspace = await a.CreateWorkspaceAsync("Crisis a dos nodos");
        var channel = await a.AddChannelAsync(workspace);
        var expressions = new[] { "alergi*", "\"frutos secos\"", "gluten" };
        var query = (await (await bHttp.PostAsJsonAsync($"/api/workspaces/{workspace}/queries",
            new { name = "Crisis", expression = expressions[0] })).Content.ReadFromJsonAsync<QueriesApi.QueryDto>())!;

        // Node A stores batch after batch while node B edits the query again and again.
        var storing = Task.Run(async () =>
        {
            for (var batch = 0; batch < 30; batch++)
            {
                await a.IngestAsync(channel, Enumerable.Range(0, 400).Select(i => Item($"{batch}-{i}", Text(batch * 400 + i))).ToArray());
            }
        });
        var edits = 0;
        while (!storing.IsCompleted)
        {
            var expression = expressions[++edits % expressions.Length];
            (await bHttp.PutAsJsonAsync($"/api/workspaces/{workspace}/queries/{query.Id}", new { name = "Crisis", expression }))
                .EnsureSuccessStatusCode();
            await Task.Delay(Random.Shared.Next(20, 150));
        }
        await storing;
        var final = expressions[edits % expressions.Length];
        await TestApp.Eventually(async () =>
            (await bHttp.GetFromJsonAsync<QueriesApi.QueryDto>($"/api/workspaces/{workspace}/queries/{query.Id}"))!.Retag?.State == "done",
            "the last re-tag to finish", seconds: 120);

        await using var db = a.Db();
        var node = QueryParser.Parse(final);
        var mentions = await db.Mentions.Where(m => m.WorkspaceId == workspace).ToListAsync();
        var expected = mentions.Where(m => QuerySet.Matches(node, MentionDocument.From(m))).Select(m => m.Id).Order().ToList();
        var tagged = await db.QueryMatches.Where(q => q.QueryId == query.Id).Select(q => q.MentionId).OrderBy(id => id).ToListAsync();
        Assert.True(edits >= 3, $"only {edits} edits happened while storing");
        Assert.Equal(12_000, mentions.Count);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, tagged);
    }

    [SkippableFact]
    public async Task A_query_save_waits_for_the_batch_another_node_is_committing_for_the_workspace()
    {
        TestStore.RequirePostgres();
        await using var a = await TestApp.StartAsync(store: StoreKind.Postgres);
        await using var b = await TestApp.StartAsync(sharedDatabase: a.Database);
        // The workspace is the first node\'s owner\'s: on the second node they call with the same token.
        using var bHttp = b.ClientAs(a.Owner);
        var workspace = await a.CreateWorkspaceAsync("Lote en curso");
        var other = await a.CreateWorkspaceAsync("Otro cliente");

        // Node A in the middle of a pipeline batch: its transaction holds what the pipeline holds from matching to commit.
        await using var batch = a.Db();
        await using var tx = await batch.Database.BeginTransactionAsync();
        await StoreLocks.ChannelWritesAsync(batch, await a.AddChannelAsync(workspace), default);
        await StoreLocks.ListeningAsync(batch, workspace, shared: true, default);

        var save = bHttp.PostAsJsonAsync($"/api/workspaces/{workspace}/queries", new { name = "Crisis", expression = "alergi*" });
        var elsewhere = await bHttp.PostAsJsonAsync($"/api/workspaces/{other}/queries", new { name = "Crisis", expression = "alergi*" });
        Assert.Equal(System.Net.HttpStatusCode.Created, elsewhere.StatusCode); // another workspace is not held up
        Assert.NotSame(save, await Task.WhenAny(save, Task.Delay(1500)));
        await using (var check = b.Db())
        {
            Assert.False(await check.ListeningQueries.AnyAsync(q => q.WorkspaceId == workspace));
        }

        await tx.CommitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Created, (await save.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
    }

    private static string Text(int n) => (n % 4) switch
    {
        0 => $"Mi hija es alérgica y nadie avisó (pedido {n})",
        1 => $"La tarta llevaba frutos secos sin avisar (pedido {n})",
        2 => $"¿Tenéis pan sin gluten? (pedido {n})",
        _ => $"Todo perfecto, gracias (pedido {n})",
    };
}

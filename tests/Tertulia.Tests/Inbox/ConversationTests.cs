using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Inbox;
using Tertulia.Tests.Support;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Inbox;

/// <summary>Mentions become conversations a team works on: grouping, status, assignment, labels, notes, history, list and SLA.</summary>
public sealed class ConversationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private async Task<(int Workspace, int Channel, InboxClient Inbox)> WorkspaceAsync()
    {
        var workspace = await App.CreateWorkspaceAsync("Horno El Candeal " + Guid.NewGuid().ToString("N")[..6]);
        var channel = await App.AddChannelAsync(workspace, $"https://blog.example/{Guid.NewGuid():N}/feed/");
        return (workspace, channel, new InboxClient(App.Http, workspace));
    }

    private static DateTimeOffset Ago(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes);

    [Fact]
    public async Task A_post_and_its_comment_thread_are_one_conversation_and_another_post_is_another()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        // The reply to a comment comes first in the batch: threading does not depend on order.
        await App.IngestAsync(channel,
            Item("c2", "Y la de centeno también.", parent: "c1", published: Ago(10)),
            Item("p1", "Nuestra hogaza de masa madre", published: Ago(30)),
            Item("c1", "¿Tenéis hogaza sin sal?", parent: "p1", published: Ago(20)),
            Item("p2", "Horario de Navidad", published: Ago(5)));

        var list = await inbox.ListAsync();
        Assert.Equal(["Post p2", "Post p1"], list.Select(c => c.GetProperty("subject").GetString()).ToList());
        var thread = await inbox.ConversationAsync(InboxClient.Id(list[1]));
        var texts = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Nuestra hogaza de masa madre", "¿Tenéis hogaza sin sal?", "Y la de centeno también."], texts);
        Assert.Equal(3, thread.GetProperty("conversation").GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task A_new_customer_message_reopens_a_resolved_conversation_and_the_history_says_so()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "¿Hacéis roscón por encargo?", published: Ago(60)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));
        await inbox.PostAsync($"conversations/{id}/status", new { status = "resolved" });
        Assert.Empty(await inbox.ListAsync());
        Assert.Single(await inbox.ListAsync("status=resolved"));

        await App.IngestAsync(channel, Item("c1", "¿Y para el día 6?", parent: "p1", published: Ago(1)));

        var reopened = Assert.Single(await inbox.ListAsync());
        Assert.Equal(id, InboxClient.Id(reopened));
        var history = (await inbox.ConversationAsync(id)).GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "status", "reopened"], history);
    }

    [Fact]
    public async Task Assignment_priority_labels_and_notes_are_kept_and_written_to_the_history()
    {
        var (workspace, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "El pan de ayer estaba duro.", published: Ago(15)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));
        var team = await (await inbox.PostAsync("teams", new { name = "Tienda" }, HttpStatusCode.Created)).Content.ReadFromJsonAsync<JsonElement>();
        var lucia = await App.UserForAsync(WorkspaceRole.Agent, workspace);

        await inbox.PostAsync($"conversations/{id}/assign", new { assigneeId = lucia.Id, teamId = InboxClient.Id(team) });
        await inbox.PostAsync($"conversations/{id}/priority", new { priority = "high" });
        await inbox.PostAsync($"conversations/{id}/labels", new { label = "Reclamación" });
        await inbox.PostAsync($"conversations/{id}/labels", new { label = "pan" });
        await inbox.PostAsync($"conversations/{id}/notes", new { text = "Es clienta habitual: ofrecerle una barra." });
        var removed = await App.Http.DeleteAsync($"{inbox.Base}/conversations/{id}/labels/pan");
        await InboxClient.ExpectAsync(removed, HttpStatusCode.NoContent);

        var detail = await inbox.ConversationAsync(id);
        var c = detail.GetProperty("conversation");
        Assert.Equal(lucia.Id, c.GetProperty("assigneeId").GetString());
        Assert.Equal(InboxClient.Id(team), c.GetProperty("teamId").GetInt32());
        Assert.Equal("High", c.GetProperty("priority").GetString());
        Assert.Equal(["reclamación"], detail.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList());
        Assert.Equal("Es clienta habitual: ofrecerle una barra.", Assert.Single(detail.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
        var history = detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "assigned", "priority", "label-added", "label-added", "note", "label-removed"], history);
    }

    [Fact]
    public async Task A_long_subject_cut_at_an_emoji_is_stored_whole_characters_on_either_store()
    {
        // PostgreSQL refused the half emoji the cut used to leave at character 199, and with it the whole batch.
        var (_, channel, inbox) = await WorkspaceAsync();
        var angry = new string('a', 198) + "😡😡 no vuelvo";

        await App.IngestAsync(channel, Item("p1", angry, published: Ago(5)) with { Title = angry });

        var subject = Assert.Single(await inbox.ListAsync()).GetProperty("subject").GetString()!;
        Assert.Equal(new string('a', 198) + "…", subject);
    }

    [Fact]
    public async Task A_conversation_is_given_only_to_a_member_of_its_workspace_who_can_answer()
    {
        var (workspace, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "¿Tenéis pan sin gluten?", published: Ago(5)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));
        var viewer = await App.UserForAsync(WorkspaceRole.Viewer, workspace);
        var elsewhere = await App.UserForAsync(WorkspaceRole.Agent, await App.CreateWorkspaceAsync("Otra panadería " + Guid.NewGuid().ToString("N")[..6]));

        await inbox.PostAsync($"conversations/{id}/assign", new { assigneeId = viewer.Id }, HttpStatusCode.BadRequest);
        await inbox.PostAsync($"conversations/{id}/assign", new { assigneeId = elsewhere.Id }, HttpStatusCode.BadRequest);
        await inbox.PostAsync($"conversations/{id}/assign", new { assigneeId = "nobody-at-all" }, HttpStatusCode.BadRequest);

        var c = (await inbox.ConversationAsync(id)).GetProperty("conversation");
        Assert.Equal(JsonValueKind.Null, c.GetProperty("assigneeId").ValueKind);
    }

    [Fact]
    public async Task The_list_filters_by_assignee_label_priority_and_status_and_pages_newest_activity_first()
    {
        var (workspace, channel, inbox) = await WorkspaceAsync();
        var agentA = await App.UserForAsync(WorkspaceRole.Agent, workspace);
        var agentB = await App.UserForAsync(WorkspaceRole.Admin, workspace);
        for (var i = 1; i <= 5; i++)
        {
            await App.IngestAsync(channel, Item($"p{i}", $"Mensaje {i}", published: Ago(100 - i)));
        }
        var all = await inbox.ListAsync();
        Assert.Equal(["Post p5", "Post p4", "Post p3", "Post p2", "Post p1"], all.Select(c => c.GetProperty("subject").GetString()).ToList());
        long IdOf(int n) => InboxClient.Id(all[5 - n]);
        await inbox.PostAsync($"conversations/{IdOf(1)}/assign", new { assigneeId = agentA.Id });
        await inbox.PostAsync($"conversations/{IdOf(2)}/assign", new { assigneeId = agentB.Id });
        await inbox.PostAsync($"conversations/{IdOf(3)}/labels", new { label = "pedido" });
        await inbox.PostAsync($"conversations/{IdOf(4)}/priority", new { priority = "urgent" });
        await inbox.PostAsync($"conversations/{IdOf(5)}/status", new { status = "pending" });

        static List<string?> Subjects(List<JsonElement> items) => items.Select(c => c.GetProperty("subject").GetString()).ToList();
        Assert.Equal(["Post p4", "Post p3"], Subjects(await inbox.ListAsync("view=unassigned")));
        Assert.Equal(["Post p1"], Subjects(await inbox.ListAsync($"assignee={agentA.Id}")));
        Assert.Equal(["Post p3"], Subjects(await inbox.ListAsync("label=pedido")));
        Assert.Equal(["Post p4"], Subjects(await inbox.ListAsync("priority=urgent")));
        Assert.Equal(["Post p5"], Subjects(await inbox.ListAsync("status=pending")));
        Assert.Equal(5, (await inbox.ListAsync("status=all")).Count);
        // Nobody signed in has nothing of their own.
        Assert.Empty(await inbox.ListAsync("view=mine"));

        var paged = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await inbox.GetAsync($"{inbox.Base}/conversations?status=all&pageSize=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            paged.AddRange(Subjects(page.GetProperty("items").EnumerateArray().ToList()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(["Post p5", "Post p4", "Post p3", "Post p2", "Post p1"], paged);

        var bad = await App.Http.GetAsync($"{inbox.Base}/conversations?status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_snoozed_conversation_opens_again_when_its_time_comes()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "¿Cuándo vuelve el panettone?", published: Ago(5)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));

        await inbox.PostAsync($"conversations/{id}/status", new { status = "snoozed", snoozeUntil = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.BadRequest);
        await inbox.PostAsync($"conversations/{id}/status", new { status = "snoozed", snoozeUntil = DateTimeOffset.UtcNow.AddSeconds(1) });
        Assert.Empty(await inbox.ListAsync());

        await TestApp.Eventually(async () => (await inbox.ListAsync()).Count == 1, "the snoozed conversation is open again");
        var history = (await inbox.ConversationAsync(id)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("snooze-ended", history[^1]);
    }

    [Fact]
    public async Task Conversations_of_another_workspace_cannot_be_read_or_changed()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        var (_, _, other) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "Privado", published: Ago(5)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"{other.Base}/conversations/{id}")).StatusCode);
        await other.PostAsync($"conversations/{id}/status", new { status = "resolved" }, HttpStatusCode.NotFound);
        await other.PostAsync($"conversations/{id}/replies", new { text = "hola" }, HttpStatusCode.NotFound);
        Assert.Empty(await other.ListAsync("status=all"));
        Assert.Equal("Open", (await inbox.ConversationAsync(id)).GetProperty("conversation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Canned_responses_fill_the_customers_name_and_the_brand()
    {
        var (workspace, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "¿Hacéis envíos?", published: Ago(5)) with { Author = "Lucía Pérez <lucia@cliente.example>" });
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));
        var canned = await (await inbox.PostAsync("canned", new { shortcut = "envios", text = "¡Hola, {nombre}! En {marca} enviamos a toda España. {desconocida}" }, HttpStatusCode.Created))
            .Content.ReadFromJsonAsync<JsonElement>();
        await inbox.PostAsync("canned", new { shortcut = "envios", text = "otra" }, HttpStatusCode.BadRequest);

        var filled = await inbox.GetAsync($"{inbox.Base}/conversations/{id}/canned/{InboxClient.Id(canned)}");

        await using var db = App.Db();
        var brand = await db.Workspaces.Where(w => w.Id == workspace).Select(w => w.Name).SingleAsync();
        Assert.Equal($"¡Hola, Lucía! En {brand} enviamos a toda España. {{desconocida}}", filled.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_feed_conversation_cannot_be_answered_and_says_why()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel, Item("p1", "Reseña del blog", published: Ago(5)));
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync()));

        var refused = await inbox.PostAsync($"conversations/{id}/replies", new { text = "Gracias" }, HttpStatusCode.BadRequest);
        Assert.Contains("cannot be answered", await refused.Content.ReadAsStringAsync());
        await inbox.PostAsync($"conversations/{id}/replies", new { text = "   " }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_inbox_shows_time_left_and_breaches_of_the_workspace_targets()
    {
        var (_, channel, inbox) = await WorkspaceAsync();
        var saved = await App.Http.PutAsJsonAsync($"{inbox.Base}/settings", new { firstResponseMinutes = 60, resolutionMinutes = 1440 });
        await InboxClient.ExpectAsync(saved, HttpStatusCode.OK);
        var late = Ago(120);
        await App.IngestAsync(channel, Item("old", "Nadie me contesta", published: late), Item("new", "Acabo de escribir", published: Ago(1)));

        var list = (await inbox.ListAsync()).ToDictionary(c => c.GetProperty("subject").GetString()!);
        var breached = list["Post old"].GetProperty("sla");
        Assert.True(breached.GetProperty("firstResponseBreached").GetBoolean());
        Assert.False(breached.GetProperty("resolutionBreached").GetBoolean());
        var running = list["Post new"].GetProperty("sla");
        Assert.False(running.GetProperty("firstResponseBreached").GetBoolean());
        Assert.True(running.GetProperty("nextDueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(55));

        var metrics = await inbox.GetAsync($"{inbox.Base}/metrics");
        Assert.Equal(2, metrics.GetProperty("conversations").GetInt32());
        Assert.Equal(1, metrics.GetProperty("firstResponseBreaches").GetInt32());
        Assert.Equal(0, metrics.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task Mentions_stored_before_the_inbox_existed_are_grouped_by_the_backfill()
    {
        var (workspace, channel, inbox) = await WorkspaceAsync();
        await App.IngestAsync(channel,
            Item("p1", "Post", published: Ago(30)), Item("c1", "Comentario", parent: "p1", published: Ago(20)),
            Item("p2", "Otro post", published: Ago(10)));
        await using (var db = App.Db())
        {
            // As an upgraded store has them: mentions, no conversations.
            await db.Conversations.Where(c => c.WorkspaceId == workspace).ExecuteDeleteAsync();
        }
        Assert.Empty(await inbox.ListAsync("status=all"));

        var grouped = await App.Services.GetRequiredService<ConversationBackfill>().RunAsync(CancellationToken.None);

        Assert.True(grouped >= 3);
        var list = await inbox.ListAsync();
        Assert.Equal(["Post p2", "Post p1"], list.Select(c => c.GetProperty("subject").GetString()).ToList());
        Assert.Equal(2, list[1].GetProperty("messageCount").GetInt32());
        // Each mention is grouped once: a second run finds nothing left.
        Assert.Equal(0, await App.Services.GetRequiredService<ConversationBackfill>().RunAsync(CancellationToken.None));
    }
}

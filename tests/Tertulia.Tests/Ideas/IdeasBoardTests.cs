using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Ideas;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Ideas;

/// <summary>
/// Customers' suggestions on a channel become ideas in the pipeline, with who asked, how they feel and when; people
/// rename, merge and split them; earlier suggestions are placed by the backfill. Real store (SQLite or PostgreSQL).
/// </summary>
public sealed class IdeasBoardTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _workspace;
    private int _channel;

    private const string GlutenA = "Estaría bien que tuvierais pan sin gluten, mi hija es celíaca y nunca podemos comprar nada";
    private const string GlutenB = "Deberíais hacer pan sin gluten los sábados, por favor 🙏";
    private const string GlutenEn = "It would be great if you had gluten-free bread, my partner is coeliac";
    private const string SundayA = "Me gustaría que abrierais los domingos por la mañana, aunque sea hasta las dos";
    private const string SundayB = "You should open on Sundays, the whole street is closed";
    private const string Terrace = "Ojalá pusierais un par de mesas fuera, en la plaza se está de maravilla";

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Tertulia:Ideas:BackfillEnabled"] = "false" });
        _workspace = await _app.CreateWorkspaceAsync("Horno de Prueba");
        _channel = await _app.AddChannelAsync(_workspace);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task SuggestAsync(params (string Author, string Text)[] comments) =>
        await _app.IngestAsync(_channel, comments.Select(c => IdeasWorld.Comment(c.Author, c.Text)).ToArray());

    [Fact]
    public async Task Suggestions_on_a_channel_are_grouped_into_ideas_with_who_asked_their_feeling_and_when()
    {
        await SuggestAsync(("Marta", GlutenA), ("Quique", SundayA), ("Luis", GlutenB), ("Emma", GlutenEn), ("Tom", SundayB),
            ("Pilar", "¿A qué hora abrís mañana?"), ("Nuria", "El pan de centeno está buenísimo, gracias"));

        var ideas = await _app.Http.IdeasAsync(_workspace);
        Assert.Equal(2, ideas.Count);
        var gluten = ideas[0];
        Assert.Equal(3, gluten.Customers);
        Assert.Equal(gluten.Id, await _app.IdeaOfAsync(_workspace, GlutenEn));
        Assert.Equal(2, ideas[1].Customers);
        Assert.Equal(ideas[1].Id, await _app.IdeaOfAsync(_workspace, SundayB));
        Assert.Equal(IdeaStatus.New, gluten.Status);
        Assert.True(gluten.FirstAsked <= gluten.LastAsked);
        Assert.Equal(3, gluten.Positive + gluten.Neutral + gluten.Negative);

        var view = await _app.Http.IdeaAsync(_workspace, gluten.Id);
        Assert.Equal(["Emma", "Luis", "Marta"], view.Suggestions.Select(s => s.Customer!).Order());
        Assert.All(view.Suggestions, s => Assert.Equal("Test channel", s.Channel));
        Assert.Equal(view.Suggestions.Max(s => s.At), gluten.LastAsked);
    }

    [Fact]
    public async Task A_new_suggestion_joins_the_idea_it_asks_for_and_a_new_wish_starts_one()
    {
        await SuggestAsync(("Marta", GlutenA), ("Quique", SundayA));
        var gluten = await _app.IdeaOfAsync(_workspace, GlutenA);

        await SuggestAsync(("Luis", GlutenB));
        Assert.Equal(gluten, await _app.IdeaOfAsync(_workspace, GlutenB));

        await SuggestAsync(("Ana", Terrace));
        var terrace = await _app.IdeaOfAsync(_workspace, Terrace);
        Assert.NotEqual(gluten, terrace);
        Assert.Equal(3, (await _app.Http.IdeasAsync(_workspace)).Count);
    }

    [Fact]
    public async Task People_rename_merge_and_split_ideas_and_later_suggestions_follow_the_new_grouping()
    {
        await SuggestAsync(("Marta", GlutenA), ("Luis", GlutenB), ("Quique", SundayA), ("Ana", Terrace));
        var gluten = await _app.IdeaOfAsync(_workspace, GlutenA);
        var sunday = await _app.IdeaOfAsync(_workspace, SundayA);
        var terrace = await _app.IdeaOfAsync(_workspace, Terrace);

        var renamed = await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/title", new { title = "Pan sin gluten" });
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/title", new { title = "  " })).StatusCode);

        // Terrace and Sunday are "what to do at the weekend" for this team.
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{sunday}/merge", new { otherIdeaId = terrace })).StatusCode);
        Assert.Equal(sunday, await _app.IdeaOfAsync(_workspace, Terrace));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Http.GetAsync($"/api/workspaces/{_workspace}/ideas/{terrace}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{sunday}/merge", new { otherIdeaId = sunday })).StatusCode);

        // …and then changes its mind: the terrace goes back to an idea of its own.
        var view = await _app.Http.IdeaAsync(_workspace, sunday);
        var terraceSuggestion = view.Suggestions.Single(s => s.Text == Terrace).Id;
        var split = await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{sunday}/split", new { suggestionIds = new[] { terraceSuggestion }, title = "Terraza" });
        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        var fresh = (await split.Content.ReadFromJsonAsync<IdeasApi.Split>())!.IdeaId;
        var all = await _app.Http.IdeasAsync(_workspace);
        Assert.Equal(["Pan sin gluten", "Terraza"], all.Where(i => i.Id != sunday).Select(i => i.Title).Order());
        Assert.Equal(fresh, await _app.IdeaOfAsync(_workspace, Terrace));
        // All of an idea's suggestions cannot leave it.
        var onlyOne = (await _app.Http.IdeaAsync(_workspace, fresh)).Suggestions.Single().Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{fresh}/split", new { suggestionIds = new[] { onlyOne } })).StatusCode);

        await SuggestAsync(("Rosa", "Deberíais poner terraza en verano, con mesitas en la acera"));
        Assert.Equal(fresh, await _app.IdeaOfAsync(_workspace, "Deberíais poner terraza en verano, con mesitas en la acera"));
        Assert.Equal("Pan sin gluten", (await _app.Http.IdeaAsync(_workspace, gluten)).Idea.Title);
    }

    [Fact]
    public async Task Declining_needs_a_public_explanation()
    {
        await SuggestAsync(("Marta", GlutenA));
        var gluten = await _app.IdeaOfAsync(_workspace, GlutenA);
        var refused = await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/status", new { status = "Declined" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("explanation", await refused.Content.ReadAsStringAsync());
        Assert.Equal(IdeaStatus.New, (await _app.Http.IdeaAsync(_workspace, gluten)).Idea.Status);

        var declined = await _app.Http.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/status",
            new { status = "Declined", answer = "Nuestro obrador es pequeño y la harina vuela: no podemos garantizar que no haya trazas." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var view = await _app.Http.IdeaAsync(_workspace, gluten);
        Assert.Equal(IdeaStatus.Declined, view.Idea.Status);
        Assert.StartsWith("Nuestro obrador", view.Idea.Answer);
        // A blog comment cannot be answered from Tertulia: recorded as told by the public page, not as a reply.
        var answer = Assert.Single(view.Suggestions).Answer!;
        Assert.Null(answer.ReplyId);
    }

    [Fact]
    public async Task A_viewer_reads_the_board_but_cannot_change_it_and_other_workspaces_see_nothing()
    {
        await SuggestAsync(("Marta", GlutenA));
        var gluten = await _app.IdeaOfAsync(_workspace, GlutenA);
        using var viewer = await _app.ClientForAsync(WorkspaceRole.Viewer, _workspace);
        Assert.Single(await viewer.IdeasAsync(_workspace));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/title", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/workspaces/{_workspace}/ideas/{gluten}/status", new { status = "Planned" })).StatusCode);

        var other = await _app.CreateWorkspaceAsync("Otra panadería");
        using var stranger = await _app.ClientForAsync(WorkspaceRole.Owner, other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/workspaces/{_workspace}/ideas/{gluten}")).StatusCode);
        // Its own id does not reach another workspace's idea either.
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Http.PostAsJsonAsync($"/api/workspaces/{other}/ideas/{gluten}/title", new { title = "x" })).StatusCode);
    }

    [Fact]
    public async Task Suggestions_stored_before_ideas_existed_are_placed_by_the_backfill_and_only_once()
    {
        await SuggestAsync(("Marta", GlutenA), ("Luis", GlutenB), ("Quique", SundayA));
        await using (var db = _app.Db())
        {
            // As a store upgraded from before the ideas board: the mentions are there, their suggestions are not.
            await db.Ideas.Where(i => i.WorkspaceId == _workspace).ExecuteDeleteAsync();
            Assert.Equal(0, await db.Suggestions.CountAsync(s => s.WorkspaceId == _workspace));
        }
        var backfill = _app.Services.GetRequiredService<SuggestionBackfill>();
        Assert.Equal(3, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
        var ideas = await _app.Http.IdeasAsync(_workspace);
        Assert.Equal([1, 2], ideas.Select(i => i.Customers).Order());
        Assert.Equal(await _app.IdeaOfAsync(_workspace, GlutenA), await _app.IdeaOfAsync(_workspace, GlutenB));
    }

    [Fact]
    public async Task A_new_suggestion_is_compared_with_the_latest_suggestions_so_placing_it_costs_the_same_in_a_large_workspace()
    {
        await SuggestAsync(("Marta", GlutenA));
        var gluten = await _app.IdeaOfAsync(_workspace, GlutenA);
        await SuggestAsync(("Luis", GlutenB));
        Assert.Equal(gluten, await _app.IdeaOfAsync(_workspace, GlutenB));

        // A whole window of later suggestions about something else: the gluten idea falls out of it.
        var terraces = Enumerable.Range(0, SuggestionIntake.Window)
            .Select(i => IdeasWorld.Comment("Cliente " + i, $"Ojalá pusierais un par de mesas fuera, en la plaza {i}", DateTimeOffset.UtcNow.AddMinutes(-10)))
            .ToArray();
        foreach (var batch in terraces.Chunk(500))
        {
            await _app.IngestAsync(_channel, batch);
        }
        await using (var db = _app.Db())
        {
            Assert.Equal(SuggestionIntake.Window + 2, await db.Suggestions.CountAsync(s => s.WorkspaceId == _workspace));
        }

        await SuggestAsync(("Emma", GlutenEn));
        Assert.NotEqual(gluten, await _app.IdeaOfAsync(_workspace, GlutenEn));
        await SuggestAsync(("Carla", "Pan sin gluten para celíacos, por favor, estaría genial"));
        Assert.Equal(await _app.IdeaOfAsync(_workspace, GlutenEn), await _app.IdeaOfAsync(_workspace, "Pan sin gluten para celíacos, por favor, estaría genial"));
    }
}

using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

public class SearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private async Task<(int Workspace, int Channel)> WorkspaceWithAsync(string name, params IncomingItemSpec[] items)
    {
        var workspace = await App.CreateWorkspaceAsync(name);
        var channel = await App.AddChannelAsync(workspace);
        await App.IngestAsync(channel, items.Select(i => Item(i.Id, i.Text, published: i.Published)).ToArray());
        return (workspace, channel);
    }

    public sealed record IncomingItemSpec(string Id, string Text, DateTimeOffset? Published = null);

    private static IncomingItemSpec S(string id, string text) => new(id, text);

    private async Task<MentionsApi.MentionPageDto> SearchAsync(int workspace, string q, int page = 1, int pageSize = 20) =>
        (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>($"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}&page={page}&pageSize={pageSize}"))!;

    [Theory]
    [InlineData("opinion")]
    [InlineData("opinión")]
    [InlineData("OPINIÓN")]
    [InlineData("Opinion")]
    public async Task Search_ignores_accents_and_case(string q)
    {
        var (workspace, _) = await WorkspaceWithAsync("Acentos " + q,
            S("1", "Mi opinión sincera: el pan está riquísimo"),
            S("2", "Nada que ver con esto"));

        var page = await SearchAsync(workspace, q);

        Assert.Equal(1, page.Total);
        Assert.Contains("opinión", page.Items.Single().Text);
    }

    [Fact]
    public async Task Upper_case_finds_lower_case()
    {
        var (workspace, _) = await WorkspaceWithAsync("Mayúsculas", S("1", "hablamos de redes sociales"), S("2", "otra cosa"));

        Assert.Equal(1, (await SearchAsync(workspace, "REDES")).Total);
    }

    [Fact]
    public async Task Every_word_must_appear_and_a_star_makes_a_prefix()
    {
        var (workspace, _) = await WorkspaceWithAsync("Palabras",
            S("1", "La atención fue excelente"),
            S("2", "Atender bien es lo primero"),
            S("3", "Excelente café"));

        Assert.Equal(1, (await SearchAsync(workspace, "atencion excelente")).Total);
        Assert.Equal(2, (await SearchAsync(workspace, "aten*")).Total);
    }

    [Fact]
    public async Task Results_come_newest_first_and_paged()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (workspace, _) = await WorkspaceWithAsync("Páginas",
            Enumerable.Range(0, 45).Select(i => new IncomingItemSpec($"m{i}", $"croissant número {i}", start.AddHours(i))).ToArray());

        var first = await SearchAsync(workspace, "croissant", page: 1, pageSize: 20);
        var third = await SearchAsync(workspace, "croissant", page: 3, pageSize: 20);

        Assert.Equal(45, first.Total);
        Assert.Equal(20, first.Items.Count);
        Assert.Equal("croissant número 44", first.Items[0].Text);
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(p => p.First.Published >= p.Second.Published));
        Assert.Equal(5, third.Items.Count);
        Assert.Equal("croissant número 0", third.Items[^1].Text);
    }

    [Fact]
    public async Task Search_never_crosses_workspaces()
    {
        var (mine, _) = await WorkspaceWithAsync("Mío", S("1", "tarta de queso"));
        await WorkspaceWithAsync("Ajeno", S("1", "tarta de queso ajena"));

        Assert.Equal(1, (await SearchAsync(mine, "tarta")).Total);
    }

    [Theory]
    [InlineData("\"", 1, "unclosed quote at 1")]
    [InlineData("NEAR(", 1, "NEAR needs a number: NEAR/5 at 1")]
    [InlineData("a OR", 3, "OR needs something to search on both sides at 3")]
    [InlineData("*", 1, "\"*\" has no letters or digits to search for at 1")]
    [InlineData("col:umn", 1, "unknown field col: (author, lang, site, url, channel, title, sentiment, raw) at 1")]
    public async Task Invalid_query_syntax_in_the_search_box_is_rejected_with_the_position_and_the_reason(string q, int position, string detail)
    {
        var (workspace, _) = await WorkspaceWithAsync("Raro " + Guid.NewGuid(), S("1", "a column near"));

        var response = await App.Http.GetAsync($"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_search_box_speaks_the_listening_query_language()
    {
        var (workspace, _) = await WorkspaceWithAsync("Lenguaje",
            S("1", "El pan de masa madre del Candeal"),
            S("2", "Masa de pizza, madre mía"),
            S("3", "Madre de Dios, qué masa"),
            S("4", "#MasaMadre todos los días"));

        Assert.Equal(["1"], await IdsAsync(workspace, "\"masa madre\""));
        Assert.Equal(["1", "3"], await IdsAsync(workspace, "masa NEAR/3 madre -pizza"));
        Assert.Equal(["3"], await IdsAsync(workspace, "madre NEAR/3f masa"));
        Assert.Equal(["4"], await IdsAsync(workspace, "#masamadre"));
        Assert.Equal(["2", "3"], await IdsAsync(workspace, "masa madre -candeal"));
        Assert.Equal(["1", "2", "3"], await IdsAsync(workspace, "(pizza OR candeal OR dios) OR raw:Madre"));
    }

    private async Task<List<string>> IdsAsync(int workspace, string q)
    {
        var page = await SearchAsync(workspace, q, page: 1, pageSize: 100);
        var ids = new List<string>();
        await using var db = App.Db();
        foreach (var item in page.Items)
        {
            ids.Add((await db.Mentions.SingleAsync(m => m.Id == item.Id)).ExternalId);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}

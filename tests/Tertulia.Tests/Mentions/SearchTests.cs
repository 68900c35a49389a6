using System.Net.Http.Json;
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
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("a OR")]
    [InlineData("*")]
    [InlineData("col:umn")]
    public async Task Odd_input_in_the_search_box_is_taken_as_words_not_as_errors(string q)
    {
        var (workspace, _) = await WorkspaceWithAsync("Raro " + Guid.NewGuid(), S("1", "a column near"));

        var response = await App.Http.GetAsync($"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}");

        response.EnsureSuccessStatusCode();
    }
}

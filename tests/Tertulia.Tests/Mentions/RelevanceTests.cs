using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>"Most relevant first": the same mentions as "newest first", the best matches on top, on either store.</summary>
public class RelevanceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private async Task<int> BakeryAsync(string name)
    {
        var workspace = await App.CreateWorkspaceAsync(name);
        var channel = await App.AddChannelAsync(workspace);
        await App.IngestAsync(channel,
        [
            Item("best", "Recién hecho: croissant de mantequilla y croissant de chocolate", published: Start) with { Title = "El croissant del Candeal" },
            Item("passing", "Hoy también hay croissant", published: Start.AddHours(1)),
            Item("unrelated", "Pan de pueblo, nada más", published: Start.AddHours(2)),
        ]);
        return workspace;
    }

    private async Task<MentionsApi.MentionPageDto> SearchAsync(int workspace, string q, string? sort) =>
        (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>(
            $"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}" + (sort is null ? "" : $"&sort={sort}")))!;

    [Fact]
    public async Task Best_matches_first_puts_the_mention_that_says_it_in_its_title_and_twice_above_a_newer_passing_one()
    {
        var workspace = await BakeryAsync("Relevancia");

        var newest = await SearchAsync(workspace, "croissant", sort: null);
        var relevant = await SearchAsync(workspace, "croissant", sort: "relevance");

        Assert.Equal(["Hoy también hay croissant", "Recién hecho: croissant de mantequilla y croissant de chocolate"], newest.Items.Select(m => m.Text));
        Assert.Equal(["Recién hecho: croissant de mantequilla y croissant de chocolate", "Hoy también hay croissant"], relevant.Items.Select(m => m.Text));
        Assert.Equal(2, relevant.Total);
    }

    [Fact]
    public async Task The_workspace_page_offers_best_matches_first_once_something_is_searched_and_keeps_it_in_its_links()
    {
        var workspace = await BakeryAsync("Relevancia en la página");

        var plain = await App.Http.GetStringAsync($"/w/{workspace}");
        var html = await App.Http.GetStringAsync($"/w/{workspace}?q=croissant&sort=relevance");

        Assert.DoesNotContain("name=\"sort\"", plain);
        Assert.Contains("<option value=\"relevance\" selected=\"selected\">", html);
        Assert.True(html.IndexOf("mantequilla", StringComparison.Ordinal) < html.IndexOf("Hoy también hay", StringComparison.Ordinal));
        Assert.Contains("sort=relevance", html);
    }

    [Fact]
    public async Task An_unknown_sort_is_refused_and_a_query_without_words_to_rank_by_comes_newest_first()
    {
        var workspace = await BakeryAsync("Orden raro");

        var refused = await App.Http.GetAsync($"/api/workspaces/{workspace}/mentions?q=croissant&sort=popular");
        var byAuthor = await SearchAsync(workspace, "author:ana", sort: "relevance");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("relevance", await refused.Content.ReadAsStringAsync());
        Assert.Equal(["Pan de pueblo, nada más", "Hoy también hay croissant", "Recién hecho: croissant de mantequilla y croissant de chocolate"], byAuthor.Items.Select(m => m.Text));
    }

    [Theory]
    [InlineData("croissant OR pan")]
    [InlineData("croissant -chocolate")]
    [InlineData("croiss*")]
    [InlineData("\"croissant de\"~2")]
    [InlineData("title:croissant OR pueblo")]
    public async Task Best_matches_first_finds_exactly_what_newest_first_finds(string q)
    {
        var workspace = await BakeryAsync("Mismo conjunto " + q);
        var search = App.Services.GetService(typeof(IMentionSearch)) as IMentionSearch;
        var query = QueryParser.Parse(q);

        var newest = await search!.SearchAsync(new MentionFilter(workspace, query), CancellationToken.None);
        var relevant = await search.SearchAsync(new MentionFilter(workspace, query) { Order = MentionOrder.Relevance }, CancellationToken.None);

        Assert.NotEmpty(newest.Items);
        Assert.Equal(newest.Total, relevant.Total);
        Assert.Equal(newest.Items.Select(m => m.Id).Order(), relevant.Items.Select(m => m.Id).Order());
    }
}

/// <summary>
/// PostgreSQL's own machinery behind "most relevant first": the tertulia_spanish configuration (unaccent, then the
/// Spanish stemmer, Spanish stop words) in the generated "StemVector" column.
/// </summary>
public sealed class SpanishRelevanceOnPostgresTests
{
    [SkippableFact]
    public async Task The_Spanish_configuration_folds_accents_and_word_forms_into_one_lexeme_and_drops_stop_words()
    {
        TestStore.RequirePostgres();
        await using var app = await TestApp.StartAsync(store: StoreKind.Postgres);
        await using var db = app.Db();

        var vector = await db.Database.SqlQuery<string>(
            $"SELECT to_tsvector('public.tertulia_spanish', 'Los PEDIDOS de Ángela y el pedido de Angela, pedídos')::text AS \"Value\"").SingleAsync();

        Assert.Equal("'angel':4,9 'ped':2,7,10", vector);
    }

    [SkippableFact]
    public async Task A_mention_that_says_the_word_in_several_forms_ranks_above_a_newer_one_that_says_it_once()
    {
        TestStore.RequirePostgres();
        await using var app = await TestApp.StartAsync(store: StoreKind.Postgres);
        var workspace = await app.CreateWorkspaceAsync("Pedidos");
        var channel = await app.AddChannelAsync(workspace);
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        await app.IngestAsync(channel,
        [
            Item("forms", "Mi pedido y los pedidos de mis vecinas: todos los pedidos llegaron tarde", published: start),
            Item("once", "El pedido llegó a tiempo", published: start.AddHours(1)),
            Item("other", "Pedidos sin el singular", published: start.AddHours(2)),
        ]);
        var search = (IMentionSearch)app.Services.GetService(typeof(IMentionSearch))!;

        var page = await search.SearchAsync(new MentionFilter(workspace, QueryParser.Parse("pedido")) { Order = MentionOrder.Relevance }, CancellationToken.None);

        // Matching stays exact ("pedidos" alone is not "pedido"); ranking counts every form of the word.
        Assert.Equal(["forms", "once"], page.Items.Select(m => m.ExternalId));
        await using var db = app.Db();
        var stems = await db.Database.SqlQuery<string>(
            $"SELECT \"StemVector\"::text AS \"Value\" FROM \"Mentions\" WHERE \"ExternalId\" = 'forms'").SingleAsync();
        Assert.Matches(@"'ped':\d+B,\d+B,\d+B", stems);
    }
}

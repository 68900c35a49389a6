using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Web;

public class ApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Health_check_answers()
    {
        var response = await App.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/workspaces", out _));
        Assert.True(paths.TryGetProperty("/api/workspaces/{workspaceId}/mentions", out var mentions));
        Assert.True(paths.TryGetProperty("/api/workspaces/{workspaceId}/channels", out var channels));
        Assert.True(mentions.TryGetProperty("get", out var search));
        Assert.True(channels.TryGetProperty("post", out _));
        Assert.Contains(search.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "sort");
        // How to call it: a personal token as a Bearer header, for every operation.
        var scheme = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("personalToken");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(Assert.Single(doc.RootElement.GetProperty("security").EnumerateArray()).TryGetProperty("personalToken", out _));
    }

    [Fact]
    public async Task Workspaces_are_listed_with_their_id()
    {
        var id = await App.CreateWorkspaceAsync("Listado");

        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/api/workspaces"));

        Assert.Contains(doc.RootElement.EnumerateArray(), w => w.GetProperty("id").GetInt32() == id && w.GetProperty("name").GetString() == "Listado");
    }

    [Fact]
    public async Task A_feed_added_through_the_api_is_polled_and_its_mentions_found_by_search()
    {
        var id = await App.CreateWorkspaceAsync("De punta a punta");
        var url = fixture.Feeds.ServeFile("/e2e/feed/", "feeds/wordpress-posts.xml");
        fixture.Feeds.ServeFile("/2026/11/revision-otono/feed/", "feeds/wordpress-comments-revision.xml");
        fixture.Feeds.ServeFile("/2026/11/ruta-pantanos/feed/", "feeds/wordpress-comments-ruta.xml");

        var added = await App.Http.PostAsJsonAsync($"/api/workspaces/{id}/channels", new { url });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        JsonElement found = default;
        await TestApp.Eventually(async () =>
        {
            found = JsonDocument.Parse(await App.Http.GetStringAsync($"/api/workspaces/{id}/mentions?q=atencion")).RootElement;
            return found.GetProperty("total").GetInt32() > 0;
        }, "the comment about 'atención' is searchable");

        var item = found.GetProperty("items")[0];
        Assert.Equal("Pedro Alonso", item.GetProperty("author").GetString());
        Assert.Contains("atención", item.GetProperty("text").GetString());
        Assert.StartsWith("https://bicisruiz.example/", item.GetProperty("url").GetString());
        Assert.True(item.TryGetProperty("id", out _));
        Assert.True(item.TryGetProperty("published", out _));
        Assert.True(item.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task A_mention_comes_with_its_comments()
    {
        var id = await App.CreateWorkspaceAsync("Detalle");
        var channel = await App.AddChannelAsync(id);
        await App.IngestAsync(channel, Pipeline.Item("post", "el post"), Pipeline.Item("c", "un comentario", parent: "post"));
        var list = JsonDocument.Parse(await App.Http.GetStringAsync($"/api/workspaces/{id}/mentions?q=post")).RootElement;
        var postId = list.GetProperty("items")[0].GetProperty("id").GetInt64();

        var detail = JsonDocument.Parse(await App.Http.GetStringAsync($"/api/workspaces/{id}/mentions/{postId}")).RootElement;

        Assert.Equal("un comentario", detail.GetProperty("comments")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Unknown_workspaces_and_mentions_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("/api/workspaces/999999/mentions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("/api/workspaces/999999/channels")).StatusCode);
        var id = await App.CreateWorkspaceAsync("Vacío");
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/api/workspaces/{id}/mentions/999999")).StatusCode);
    }

    [Fact]
    public async Task A_mention_of_another_workspace_is_not_found_through_mine()
    {
        var mine = await App.CreateWorkspaceAsync("A");
        var theirs = await App.CreateWorkspaceAsync("B");
        var channel = await App.AddChannelAsync(theirs);
        await App.IngestAsync(channel, Pipeline.Item("secreto", "dato privado"));
        var theirMention = JsonDocument.Parse(await App.Http.GetStringAsync($"/api/workspaces/{theirs}/mentions")).RootElement
            .GetProperty("items")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/api/workspaces/{mine}/mentions/{theirMention}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/w/{mine}/m/{theirMention}")).StatusCode);
    }
}

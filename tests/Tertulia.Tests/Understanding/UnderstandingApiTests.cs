using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Tests.Support;
using Tertulia.Understanding;
using Xunit;

namespace Tertulia.Tests.Understanding;

/// <summary>Every stored mention is understood, and the API returns and filters by what was understood.</summary>
public sealed class UnderstandingApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Ingested_mentions_carry_language_sentiment_score_and_intent()
    {
        var id = await App.CreateWorkspaceAsync("Entender");
        var channel = await App.AddChannelAsync(id);
        await App.IngestAsync(channel,
            Pipeline.Item("queja", "Qué vergüenza, el pedido llegó tarde y frío. No me gusta nada."),
            Pipeline.Item("pregunta", "¿Abrís el domingo por la tarde?"),
            Pipeline.Item("elogio", "Thanks! The best croissants in town, amazing"));

        var all = await ItemsAsync($"/api/workspaces/{id}/mentions");
        var complaint = all.Single(m => m.GetProperty("text").GetString()!.StartsWith("Qué vergüenza"));
        Assert.Equal("negative", complaint.GetProperty("sentiment").GetString());
        Assert.Equal("complaint", complaint.GetProperty("intent").GetString());
        Assert.Equal("es", complaint.GetProperty("language").GetString());
        Assert.InRange(complaint.GetProperty("sentimentScore").GetDouble(), -1, -0.1);
        Assert.False(complaint.GetProperty("isSpam").GetBoolean());

        var negative = await ItemsAsync($"/api/workspaces/{id}/mentions?sentiment=negative");
        Assert.Single(negative);
        var questions = await ItemsAsync($"/api/workspaces/{id}/mentions?intent=question");
        Assert.Equal("¿Abrís el domingo por la tarde?", Assert.Single(questions).GetProperty("text").GetString());
        var english = await ItemsAsync($"/api/workspaces/{id}/mentions?lang=en&intent=praise&sentiment=positive");
        Assert.Single(english);
    }

    [Fact]
    public async Task A_listening_query_can_ask_for_a_sentiment_as_it_is_ingested()
    {
        var id = await App.CreateWorkspaceAsync("Escucha sentimiento");
        var channel = await App.AddChannelAsync(id);
        await using (var db = App.Db())
        {
            db.ListeningQueries.Add(new Tertulia.Listening.ListeningQuery { WorkspaceId = id, Name = "Quejas del pan", Expression = "pan sentimiento:negativo" });
            await db.SaveChangesAsync();
        }

        await App.IngestAsync(channel,
            Pipeline.Item("bien", "El pan de hoy, buenísimo. ¡Gracias!"),
            Pipeline.Item("mal", "Qué asco de pan, duro y quemado. Una vergüenza."));

        await using var check = App.Db();
        var tagged = await check.QueryMatches.Join(check.Mentions, q => q.MentionId, m => m.Id, (q, m) => m)
            .Where(m => m.WorkspaceId == id).Select(m => m.ExternalId).ToListAsync();
        Assert.Equal(["mal"], tagged);
    }

    [Fact]
    public async Task Stored_mentions_are_found_and_previewed_by_sentiment_in_the_query_language()
    {
        var id = await App.CreateWorkspaceAsync("Buscar sentimiento");
        var channel = await App.AddChannelAsync(id);
        await App.IngestAsync(channel,
            Pipeline.Item("bien", "El pan de hoy, buenísimo. ¡Gracias!"),
            Pipeline.Item("mal", "Qué asco de pan, duro y quemado. Una vergüenza."));

        var found = await ItemsAsync($"/api/workspaces/{id}/mentions?q={Uri.EscapeDataString("pan sentimiento:negativo")}");
        Assert.StartsWith("Qué asco", Assert.Single(found).GetProperty("text").GetString());

        var preview = await App.Http.PostAsJsonAsync($"/api/workspaces/{id}/queries/preview", new { expression = "pan sentiment:positive" });
        preview.EnsureSuccessStatusCode();
        Assert.Equal(1, JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement.GetProperty("matched").GetInt32());
    }

    [Theory]
    [InlineData("sentiment=angry")]
    [InlineData("intent=rant")]
    [InlineData("sentiment=7")]
    public async Task Unknown_filter_values_are_a_bad_request(string query)
    {
        var id = await App.CreateWorkspaceAsync("Filtros");
        var response = await App.Http.GetAsync($"/api/workspaces/{id}/mentions?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Mentions_stored_before_understanding_existed_are_understood_by_the_backfill()
    {
        var id = await App.CreateWorkspaceAsync("Antiguas");
        var channel = await App.AddChannelAsync(id);
        await App.IngestAsync(channel, Pipeline.Item("vieja", "Deberían abrir antes los sábados"));
        await using (var db = App.Db())
        {
            await db.Mentions.Where(m => m.WorkspaceId == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Sentiment, (Sentiment?)null).SetProperty(m => m.Intent, (Intent?)null));
        }

        await App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnderstandingBackfill>().Single()
            .RunAsync(CancellationToken.None);

        await using var check = App.Db();
        var mention = await check.Mentions.SingleAsync(m => m.WorkspaceId == id);
        Assert.Equal(Intent.Suggestion, mention.Intent);
        Assert.NotNull(mention.Sentiment);
    }

    [Fact]
    public async Task After_a_model_change_the_backfill_reads_mentions_again_and_retags_sentiment_queries()
    {
        var id = await App.CreateWorkspaceAsync("Modelo nuevo");
        var channel = await App.AddChannelAsync(id);
        var query = (await (await App.Http.PostAsJsonAsync($"/api/workspaces/{id}/queries",
            new { name = "Quejas", expression = "sentimiento:negativo" })).Content.ReadFromJsonAsync<Tertulia.Listening.QueriesApi.QueryDto>())!;
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            return await db.RetagJobs.AnyAsync(j => j.QueryId == query.Id && j.FinishedAt != null);
        }, "the new query's first retagging");
        await App.IngestAsync(channel,
            Pipeline.Item("queja", "Qué vergüenza de servicio, horrible, no vuelvo nunca"),
            Pipeline.Item("elogio", "Me encanta, buenísimo, gracias"));
        long complaint, praise;
        await using (var db = App.Db())
        {
            var stored = await db.Mentions.Where(m => m.WorkspaceId == id).ToListAsync();
            complaint = stored.Single(m => m.ExternalId == "queja").Id;
            praise = stored.Single(m => m.ExternalId == "elogio").Id;
            // As an older model left them: the complaint read as positive (untagged), the praise as negative (tagged).
            await db.Mentions.Where(m => m.Id == complaint).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Sentiment, Sentiment.Positive).SetProperty(m => m.UnderstoodWith, "r0-older-model"));
            await db.Mentions.Where(m => m.Id == praise).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Sentiment, Sentiment.Negative).SetProperty(m => m.UnderstoodWith, "r0-older-model"));
            await db.QueryMatches.Where(q => q.QueryId == query.Id).ExecuteDeleteAsync();
            db.QueryMatches.Add(new Tertulia.Listening.QueryMatch { QueryId = query.Id, MentionId = praise });
            await db.SaveChangesAsync();
        }

        var backfill = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnderstandingBackfill>().Single();
        Assert.Equal(2, await backfill.RunAsync(CancellationToken.None));

        await using var check = App.Db();
        var version = App.Services.GetRequiredService<Understander>().Version;
        var reread = await check.Mentions.Where(m => m.WorkspaceId == id).ToDictionaryAsync(m => m.Id);
        Assert.Equal(Sentiment.Negative, reread[complaint].Sentiment);
        Assert.Equal(Sentiment.Positive, reread[praise].Sentiment);
        Assert.All(reread.Values, m => Assert.Equal(version, m.UnderstoodWith));
        var tagged = await check.QueryMatches.Where(q => q.QueryId == query.Id).Select(q => q.MentionId).ToListAsync();
        Assert.Equal([complaint], tagged);
        // Once read with the current models, a start has nothing more to do.
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_workspace_page_has_a_spam_filter_that_shows_only_spam_or_hides_it()
    {
        var id = await App.CreateWorkspaceAsync("Con spam");
        var channel = await App.AddChannelAsync(id);
        await App.IngestAsync(channel,
            Pipeline.Item("spam", "Sígueme y te sigo, followers gratis #follow #f4f #like #sigueme #tbt #love"),
            Pipeline.Item("real", "¿Abrís el domingo por la tarde?"));

        var all = await App.Http.GetStringAsync($"/w/{id}");
        Assert.Contains("href=\"?spam=true\"", all);
        Assert.Contains("href=\"?spam=false\"", all);
        Assert.Contains("followers gratis", all);
        Assert.Contains("el domingo por la tarde", all);

        var onlySpam = await App.Http.GetStringAsync($"/w/{id}?spam=true");
        Assert.Contains("followers gratis", onlySpam);
        Assert.DoesNotContain("el domingo por la tarde", onlySpam);
        Assert.Matches("class=\"chip spam on\"", onlySpam);

        var noSpam = await App.Http.GetStringAsync($"/w/{id}?spam=false&sentiment=neutral");
        Assert.DoesNotContain("followers gratis", noSpam);
        // The other filters keep the spam choice in their links.
        Assert.Contains("spam=false", noSpam[noSpam.IndexOf("chips-label", StringComparison.Ordinal)..]);
    }

    private async Task<List<JsonElement>> ItemsAsync(string url)
    {
        var page = JsonDocument.Parse(await App.Http.GetStringAsync(url)).RootElement;
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}

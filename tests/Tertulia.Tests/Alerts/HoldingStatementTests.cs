using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Alerts.Incidents;
using Tertulia.Channels;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Mastodon;
using Tertulia.Ingestion;
using Tertulia.Publishing;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Channels.Bluesky;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>
/// The crisis room's holding statement goes out on the brand's own Mastodon (real snac2) and Bluesky (a real PDS)
/// through the publishing outbox: once per channel even when the button is pressed twice at the same moment, and it
/// becomes the brand's first public answer of the incident.
/// </summary>
public sealed class HoldingStatementTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        var settings = BlueskyServer.Settings;
        foreach (var (key, value) in AlertsFixture.Settings)
        {
            settings[key] = value;
        }
        settings["Tertulia:Publishing:Tick"] = "00:00:01";
        _app = await ChannelTestApp.StartAsync(settings);
        _workspaceId = (await _app.CreateWorkspaceAsync("Horno El Candeal")).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_holding_statement_is_posted_once_on_mastodon_and_bluesky_and_is_the_first_public_answer()
    {
        var mastodon = await ConnectMastodonAsync();
        var brand = await BlueskyServer.CreateAccountAsync("candeal");
        var bluesky = await ConnectBlueskyAsync(brand);
        var incident = await RiskIncidentAsync();
        using var http = _app.NewHttpClient();
        var here = $"/api/workspaces/{_workspaceId}/incidents/{incident}";

        // Nothing to post before the team has written it.
        var early = await http.PostAsJsonAsync($"{here}/statement/post", new { channelIds = (int[]?)null });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);

        var marker = Guid.NewGuid().ToString("N")[..8];
        var statement = $"Sabemos que algunas tartas de ayer llevaban frutos secos sin avisarlo. Lo sentimos mucho: estamos llamando a cada familia y os contamos aquí lo que hemos cambiado. {marker}";
        (await http.PutAsJsonAsync($"{here}/statement", new { text = statement })).EnsureSuccessStatusCode();

        // Two presses at once (two tabs, an impatient double click): one publication.
        var presses = await Task.WhenAll(
            http.PostAsJsonAsync($"{here}/statement/post", new { channelIds = new[] { mastodon, bluesky } }),
            http.PostAsJsonAsync($"{here}/statement/post", new { channelIds = new[] { mastodon, bluesky } }));
        var answers = new List<JsonElement>();
        foreach (var press in presses)
        {
            Assert.True(press.IsSuccessStatusCode, await press.Content.ReadAsStringAsync());
            answers.Add(await press.Content.ReadFromJsonAsync<JsonElement>());
        }
        Assert.Single(answers.Select(a => a.GetProperty("publicationId").GetInt64()).Distinct());
        Assert.Single(answers, a => a.GetProperty("alreadyPosted").GetBoolean());

        // The outbox posts it on both channels; the crisis room shows where it went.
        JsonElement room = default;
        await TestApp.Eventually(async () =>
        {
            room = await http.GetFromJsonAsync<JsonElement>(here);
            var deliveries = room.GetProperty("statementPosts").EnumerateArray().SelectMany(p => p.GetProperty("deliveries").EnumerateArray()).ToList();
            return deliveries.Count == 2 && deliveries.All(d => d.GetProperty("state").GetString() == "published");
        }, "the statement published on both channels", seconds: 60);

        Assert.Single(await BrandTootsAsync(marker));
        Assert.Single(await BrandBlueskyPostsAsync(brand, marker));

        // A third press after it went out still posts nothing new.
        var again = await (await http.PostAsJsonAsync($"{here}/statement/post", new { channelIds = new[] { mastodon, bluesky } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("alreadyPosted").GetBoolean());
        Assert.Single(await BrandTootsAsync(marker));

        // Posting it is the playbook's public acknowledgement, recorded with who; and it is the first public answer.
        var step = room.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == CrisisSteps.AcknowledgePublicly);
        Assert.True(step.GetProperty("done").GetBoolean());
        Assert.Single(room.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == IncidentEvents.StatementPosted);
        Assert.Equal(JsonValueKind.String, room.GetProperty("summary").GetProperty("firstPublicAnswer").ValueKind);
        await using var db = await _app.DbAsync();
        Assert.Equal(2, await db.Mentions.CountAsync(m => m.WorkspaceId == _workspaceId && m.Text.Contains(marker)));
    }

    [Fact]
    public async Task A_channel_that_is_not_the_workspaces_is_refused_and_nothing_is_posted()
    {
        await ConnectMastodonAsync();
        var incident = await RiskIncidentAsync();
        var other = (await _app.CreateWorkspaceAsync("Otra panadería")).Id;
        var foreign = await _app.ConnectMastodonAsync(other);
        using var http = _app.NewHttpClient();
        var here = $"/api/workspaces/{_workspaceId}/incidents/{incident}";
        (await http.PutAsJsonAsync($"{here}/statement", new { text = "Estamos en ello, os contamos pronto." })).EnsureSuccessStatusCode();

        var refused = await http.PostAsJsonAsync($"{here}/statement/post", new { channelIds = new[] { foreign } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        await using var db = await _app.DbAsync();
        Assert.False(await db.Publications.AnyAsync(p => p.Origin == PostStatement.Origin(incident)));
    }

    /// <summary>A customer's allergy complaint on a hand-fed channel: the default risk rule opens an incident.</summary>
    private async Task<long> RiskIncidentAsync()
    {
        int channel;
        await using (var db = await _app.DbAsync())
        {
            var feed = new Channel
            {
                WorkspaceId = _workspaceId, Kind = ChannelKind.Feed, Name = "Blog", Source = $"https://blog.example/{Guid.NewGuid():N}/feed/",
                Enabled = false, NextPollAt = DateTimeOffset.MaxValue,
            };
            db.Channels.Add(feed);
            await db.SaveChangesAsync();
            channel = feed.Id;
        }
        var item = Pipeline.Item(Guid.NewGuid().ToString("N")[..12], "Mi hija tuvo una reacción de alergia: la tarta llevaba nueces y nadie lo avisó.",
            published: DateTimeOffset.UtcNow.AddMinutes(-5))
            with { Author = "madre_preocupada" };
        await _app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(channel, [item], null, CancellationToken.None);
        long id = 0;
        await TestApp.Eventually(async () =>
        {
            await using var db = await _app.DbAsync();
            id = await db.Incidents.Where(i => i.WorkspaceId == _workspaceId).Select(i => i.Id).FirstOrDefaultAsync();
            return id != 0;
        }, "the risk mention's incident", seconds: 20);
        return id;
    }

    private Task<int> ConnectMastodonAsync() => _app.ConnectMastodonAsync(_workspaceId);

    private Task<int> ConnectBlueskyAsync(BlueskyServer.Account brand) => _app.ConnectBlueskyAsync(_workspaceId, brand);

    private static async Task<List<JsonElement>> BrandTootsAsync(string marker)
    {
        using var http = new HttpClient { BaseAddress = new Uri(MastodonServer.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MastodonServer.BrandToken);
        var me = (await http.GetFromJsonAsync<JsonElement>("/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        var statuses = await http.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{me}/statuses?limit=40");
        return statuses.EnumerateArray().Where(s => s.GetProperty("content").GetString()!.Contains(marker)).ToList();
    }

    private static async Task<List<JsonNode>> BrandBlueskyPostsAsync(BlueskyServer.Account account, string marker)
    {
        using var http = new HttpClient();
        var page = await http.GetFromJsonAsync<JsonObject>(
            $"{BlueskyServer.Url}/xrpc/com.atproto.repo.listRecords?repo={account.Did}&collection=app.bsky.feed.post&limit=100");
        return page!["records"]!.AsArray().Select(r => r!).Where(r => r["value"]!["text"]!.GetValue<string>().Contains(marker)).ToList();
    }
}

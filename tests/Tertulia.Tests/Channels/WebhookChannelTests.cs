using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Channels.Webhooks;
using Tertulia.Mentions;

namespace Tertulia.Tests.Channels;

/// <summary>Signed JSON events pushed by other tools, over real HTTP to the running app.</summary>
public sealed class WebhookChannelTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private HttpClient _http = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync();
        _http = _app.NewHttpClient();
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_event_becomes_mentions_and_a_retried_delivery_adds_nothing()
    {
        var (endpoint, secret, channelId) = await CreateChannelAsync();
        const string body = """
            {"id":"evt_7f3a","mentions":[
              {"id":"form-101","author":"Elena Ruiz","text":"La tarta de queso llegó aplastada.","url":"https://formularios.example/r/101","published":"2026-11-20T10:15:00Z"},
              {"id":"form-102","author":"Panadería La Espiga","text":"Lo sentimos, Elena: te la reponemos hoy.","parent_id":"form-101"}
            ]}
            """;

        var first = await PostAsync(endpoint, body, secret);
        var retry = await PostAsync(endpoint, body, secret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<ReceiveWebhook.Accepted>())!.Added);
        var again = (await retry.Content.ReadFromJsonAsync<ReceiveWebhook.Accepted>())!;
        Assert.Equal((0, 2), (again.Added, again.Duplicates));
        await using var db = await _app.DbAsync();
        var mentions = await db.Mentions.Where(m => m.ChannelId == channelId).OrderBy(m => m.ExternalId).ToListAsync();
        Assert.Equal(2, mentions.Count);
        Assert.Equal("Elena Ruiz", mentions[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.Zero), mentions[0].Published);
        Assert.Equal(mentions[0].Id, mentions[1].ParentId);
        Assert.Equal(MentionKind.Comment, mentions[1].Kind);
        var channel = await db.Channels.SingleAsync(c => c.Id == channelId);
        Assert.NotNull(channel.LastSuccessAt);
        Assert.Equal("ok", ChannelsApi.StateOf(channel));
    }

    [Fact]
    public async Task A_mention_without_its_own_id_is_deduplicated_on_the_event_id()
    {
        var (endpoint, secret, channelId) = await CreateChannelAsync();
        const string body = """{"id":"zap-991","mention":{"text":"¿Hacéis envíos a Getafe?","author":"@getafeño"}}""";

        await PostAsync(endpoint, body, secret);
        await PostAsync(endpoint, body, secret);

        await using var db = await _app.DbAsync();
        var mention = Assert.Single(await db.Mentions.Where(m => m.ChannelId == channelId).ToListAsync());
        Assert.Equal("zap-991", mention.ExternalId);
    }

    [Fact]
    public async Task A_bad_or_missing_signature_is_refused_with_401_and_stores_nothing()
    {
        var (endpoint, secret, channelId) = await CreateChannelAsync();
        const string body = """{"id":"evt_1","mention":{"text":"hola"}}""";

        var wrongSecret = await PostAsync(endpoint, body, "not-the-secret");
        var tampered = await PostAsync(endpoint, body.Replace("hola", "adiós"), secret, signatureOf: body);
        var unsigned = await _http.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        await using var db = await _app.DbAsync();
        Assert.False(await db.Mentions.AnyAsync(m => m.ChannelId == channelId));
        // The person who set the sender up sees why on the channel's page; the next good event clears it.
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
        Assert.Equal("failing", ChannelsApi.StateOf(channel));
        Assert.Contains("signature", channel.LastError);
        await PostAsync(endpoint, body, secret);
        var recovered = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
        Assert.Equal("ok", ChannelsApi.StateOf(recovered));
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var (endpoint, secret, _) = await CreateChannelAsync();

        var response = await PostAsync(endpoint, """{"id":"evt_2","mention":{"text":"sin cerrar"}""", secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.Equal("The event is not valid JSON", problem!.Title);
    }

    [Fact]
    public async Task An_event_missing_its_id_or_text_gets_400_saying_what_is_missing()
    {
        var (endpoint, secret, _) = await CreateChannelAsync();

        var noId = await PostAsync(endpoint, """{"mention":{"text":"hola"}}""", secret);
        var noText = await PostAsync(endpoint, """{"id":"evt_3","mentions":[{"id":"a","text":"bien"},{"id":"b","author":"x"}]}""", secret);

        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Contains("\"id\"", (await noId.Content.ReadFromJsonAsync<Problem>())!.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Contains("mentions[1]", (await noText.Content.ReadFromJsonAsync<Problem>())!.Detail);
    }

    [Fact]
    public async Task Unknown_channels_and_other_kinds_of_channel_have_no_webhook()
    {
        var response = await PostAsync("/api/webhooks/999999", """{"id":"x","mention":{"text":"hola"}}""", "s");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_signing_secret_is_shown_once_and_stored_encrypted()
    {
        var (_, secret, channelId) = await CreateChannelAsync();

        await using var db = await _app.DbAsync();
        var channel = await db.Channels.SingleAsync(c => c.Id == channelId);
        Assert.DoesNotContain(secret, channel.Credentials);
        Assert.DoesNotContain(secret, await _http.GetStringAsync($"/api/workspaces/{_workspaceId}/channels/{channelId}"));
        Assert.Equal(secret, _app.Get<ChannelSecrets>().Unprotect<WebhookCredentials>(channel).Secret);
    }

    private async Task<(string Endpoint, string Secret, int ChannelId)> CreateChannelAsync()
    {
        var response = await _http.PostAsJsonAsync($"/api/workspaces/{_workspaceId}/channels/webhook", new { name = "Formulario de la web" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WebhookChannelApi.Created>())!;
        Assert.Equal(WebhookSignature.Header, created.SignatureHeader);
        return (new Uri(created.Endpoint).PathAndQuery, created.Secret, created.Channel.Id);
    }

    private async Task<HttpResponseMessage> PostAsync(string endpoint, string body, string secret, string? signatureOf = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new("application/json");
        content.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, Encoding.UTF8.GetBytes(signatureOf ?? body)));
        return await _http.PostAsync(endpoint, content);
    }

    private sealed record Problem(string? Title, string? Detail, int? Status);
}

using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Channels.Mastodon;
using Tertulia.Mentions;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels;

/// <summary>The Mastodon channel against a real snac2 (Mastodon client API) on 127.0.0.1.</summary>
public sealed class MastodonChannelTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync();
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_toot_mentioning_the_brand_is_heard_and_answered_in_its_thread()
    {
        var channel = await ConnectAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var question = await MastodonServer.PostAsCustomerAsync($"@laespiga ¿abrís el domingo? {marker}");

        // snac delivers mention notifications a few seconds late: poll as the scheduler would.
        var mention = await HeardAsync(channel, question);
        Assert.Contains(marker, mention.Text);
        Assert.Equal($"@cliente@localhost:{new Uri(MastodonServer.Url).Port}", mention.Author);
        Assert.Equal(MentionKind.Post, mention.Kind);

        var outcome = await _app.Scoped<ReplyToMention>().HandleAsync(_workspaceId, mention.Id,
            new ReplyToMention.Request("¡Sí! De 9:00 a 14:00."), CancellationToken.None);

        Assert.Null(outcome.Error);
        // The customer's server shows the answer under their toot once it is delivered (seconds, on snac).
        System.Text.Json.JsonElement reply = default;
        await TestApp.Eventually(async () =>
        {
            var replies = await MastodonServer.RepliesToAsync(question);
            reply = replies.FirstOrDefault(r => r.GetProperty("id").GetString() == outcome.ReplyExternalId);
            return reply.ValueKind != System.Text.Json.JsonValueKind.Undefined;
        }, "the customer sees the answer in the thread", seconds: 40);
        Assert.Equal(question, reply.GetProperty("in_reply_to_id").GetString());
        Assert.Contains("De 9:00 a 14:00", reply.GetProperty("content").GetString());
        await using var db = await _app.DbAsync();
        var stored = await db.Mentions.SingleAsync(m => m.Id == outcome.ReplyMentionId);
        Assert.Equal(mention.Id, stored.ParentId);

        // The customer answers the brand: the thread continues under the brand's answer.
        var thanks = await MastodonServer.PostAsCustomerAsync($"@laespiga ¡gracias! {marker}", outcome.ReplyExternalId);
        var followUp = await HeardAsync(channel, thanks);
        Assert.Equal(outcome.ReplyMentionId, followUp.ParentId);
        Assert.Equal(MentionKind.Comment, followUp.Kind);
    }

    [Fact]
    public async Task Toots_with_a_followed_hashtag_are_heard_without_mentioning_the_brand()
    {
        var tag = "roscon" + Guid.NewGuid().ToString("N")[..6];
        var channel = await ConnectAsync(tag);
        var status = await MastodonServer.PostAsCustomerAsync($"El mejor de Madrid, sin duda #{tag}");

        var mention = await HeardAsync(channel, status);
        var again = await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);

        Assert.Contains("El mejor de Madrid", mention.Text);
        Assert.Equal(0, again.Added);
    }

    [Fact]
    public async Task What_the_listening_queries_look_for_is_searched_and_followed_on_the_instance()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var (word, tag) = ("espelta" + unique, "hornazo" + unique);
        var saved = await _app.Scoped<Tertulia.Listening.SaveListeningQuery>().HandleAsync(_workspaceId, null,
            new("Producto", $"{word} OR #{tag}", true), CancellationToken.None);
        Assert.NotNull(saved.Query);
        await MastodonServer.BrandFollowsCustomerAsync();
        var channel = await ConnectAsync(); // no hashtag of its own: all it hears beyond mentions comes from the query

        var byWord = await MastodonServer.PostAsCustomerAsync($"El pan de {word} de ayer estaba riquísimo");
        var byTag = await MastodonServer.PostAsCustomerAsync($"Ya huele a feria #{tag}");

        var found = await HeardAsync(channel, byWord);
        var tagged = await HeardAsync(channel, byTag);
        Assert.Contains(word, found.Text);
        Assert.Contains("Ya huele a feria", tagged.Text);
        await using var db = await _app.DbAsync();
        Assert.Equal(2, await db.QueryMatches.CountAsync(m => m.QueryId == saved.Query!.Id && (m.MentionId == found.Id || m.MentionId == tagged.Id)));
        var channelState = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channel);
        Assert.Contains(word, channelState.Cursor); // the search has its own place in the cursor
    }

    [Fact]
    public async Task An_account_is_connected_by_logging_in_on_its_instance_and_its_token_is_stored_encrypted()
    {
        // A browser: it keeps cookies and we follow each redirect by hand to see where it goes.
        var cookies = new System.Net.CookieContainer();
        // Signed in to Tertulia (the owner's token, sent to Tertulia only), not to the instance.
        using var browser = new HttpClient(new SignedInToTertulia(_app.BaseAddress, _app.Owner.Token,
            new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })) { Timeout = TimeSpan.FromSeconds(30) };
        // snac closes idle connections without saying so: a POST on a reused one is reset, so each request gets its own.
        browser.DefaultRequestHeaders.ConnectionClose = true;
        var tag = "pestinos" + Guid.NewGuid().ToString("N")[..4];

        var start = await browser.PostAsJsonAsync(new Uri(_app.BaseAddress, $"/api/workspaces/{_workspaceId}/channels/mastodon/authorize"),
            new { instance = MastodonServer.Url, hashtags = new[] { "#" + tag } });
        start.EnsureSuccessStatusCode();
        var authorize = new Uri((await start.Content.ReadFromJsonAsync<Tertulia.Channels.Mastodon.MastodonAuthorizationApi.AuthorizeResponse>())!.AuthorizeUrl);
        Assert.Equal(new Uri(MastodonServer.Url).Authority, authorize.Authority);
        Assert.Contains("response_type=code", authorize.Query);

        // The instance's login page; the user logs in and approves, as they would in the browser.
        var loginPage = await browser.GetStringAsync(authorize);
        var action = System.Text.RegularExpressions.Regex.Match(loginPage, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value;
        var form = System.Text.RegularExpressions.Regex.Matches(loginPage, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        form["login"] = MastodonServer.BrandLogin;
        form["passwd"] = MastodonServer.BrandPassword;
        // snac writes its public host (localhost) in the form's action: post to the same path on the address we reached.
        // snac still resets a POST now and then (seen in a fresh-clone CI run): the person would press the button again.
        var loginUrl = new Uri(authorize, new Uri(action).PathAndQuery);
        HttpResponseMessage login;
        try
        {
            login = await browser.PostAsync(loginUrl, new FormUrlEncodedContent(form));
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            login = await browser.PostAsync(loginUrl, new FormUrlEncodedContent(form));
        }
        Assert.True(login.Headers.Location is not null, $"the instance did not send the browser back ({(int)login.StatusCode})");
        Assert.StartsWith(new Uri(_app.BaseAddress, Tertulia.Channels.Mastodon.MastodonAuthorization.CallbackPath).ToString(), login.Headers.Location!.ToString());

        var back = await browser.GetAsync(login.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, back.StatusCode);
        var channelId = int.Parse(back.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal($"/w/{_workspaceId}/c/{channelId}", back.Headers.Location.ToString());

        await using var db = await _app.DbAsync();
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
        var account = _app.Get<ChannelSecrets>().Unprotect<MastodonAccount>(channel);
        Assert.DoesNotContain(account.AccessToken, channel.Credentials);
        Assert.Equal([tag], account.Hashtags);
        Assert.StartsWith("@laespiga@", channel.Name);
        // The token the instance gave works: the channel hears a toot with its hashtag.
        var status = await MastodonServer.PostAsCustomerAsync($"Ya hay pestiños #{tag}");
        Assert.Contains("pestiños", (await HeardAsync(channelId, status)).Text);

        // The same callback again (a reload, or someone else replaying it) connects nothing.
        using var other = new HttpClient(new SignedInToTertulia(_app.BaseAddress, _app.Owner.Token, new HttpClientHandler { AllowAutoRedirect = false }));
        var replay = await other.GetAsync(login.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_when_the_account_is_connected()
    {
        var outcome = await _app.Scoped<AddMastodonChannel>().HandleAsync(_workspaceId,
            new AddMastodonChannel.Request(MastodonServer.Url, "not-a-token"), CancellationToken.None);

        Assert.Null(outcome.Channel);
        Assert.Contains("refused the access token", outcome.Error);
    }

    private async Task<int> ConnectAsync(params string[] hashtags)
    {
        var outcome = await _app.Scoped<AddMastodonChannel>().HandleAsync(_workspaceId,
            new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken, hashtags), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<Mention> HeardAsync(int channelId, string statusId)
    {
        Mention? found = null;
        await TestApp.Eventually(async () =>
        {
            await _app.Scoped<ChannelPoller>().PollAsync(channelId, CancellationToken.None);
            await using var db = await _app.DbAsync();
            var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
            Assert.True(channel.ErrorCount == 0, channel.LastError);
            found = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.ChannelId == channelId && m.ExternalId == statusId);
            return found is not null;
        }, $"status {statusId} is heard", seconds: 40);
        return found!;
    }
}

/// <summary>A browser session signed in to Tertulia: the user's credentials go to Tertulia's address and nowhere else.</summary>
internal sealed class SignedInToTertulia(Uri tertulia, string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri && uri.Authority == tertulia.Authority)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return base.SendAsync(request, ct);
    }
}

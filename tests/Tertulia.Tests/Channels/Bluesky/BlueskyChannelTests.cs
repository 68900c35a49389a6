using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Channels.Bluesky;
using Tertulia.Mentions;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>The Bluesky channel against a real @atproto/pds with a local PLC directory on 127.0.0.1.</summary>
public sealed class BlueskyChannelTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;
    private BlueskyServer.Account _brand = null!;
    private BlueskyServer.Account _customer = null!;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(BlueskyServer.Settings, polling: true);
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
        _brand = await BlueskyServer.CreateAccountAsync("espiga");
        _customer = await BlueskyServer.CreateAccountAsync("lucia");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_post_mentioning_the_brand_is_heard_from_the_firehose_and_answered_in_its_thread()
    {
        var channel = await ConnectAsync();
        var question = await BlueskyServer.PostAsync(_customer, $"¿Tenéis roscón sin gluten, @{_brand.Handle}? 🥐", [_brand]);

        var mention = await HeardAsync(question.Uri);
        Assert.Equal($"¿Tenéis roscón sin gluten, @{_brand.Handle}? 🥐", mention.Text);
        Assert.Equal("@" + _customer.Handle, mention.Author);
        Assert.Equal(MentionKind.Post, mention.Kind);
        Assert.Equal(channel, mention.ChannelId);

        // The brand answers from Tertulia, through the same endpoint the inbox uses.
        using var http = _app.NewHttpClient();
        var response = await http.PostAsJsonAsync($"/api/workspaces/{_workspaceId}/mentions/{mention.Id}/replies",
            new { text = "¡Sí! Los viernes, por encargo. Ñam 😋" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var sent = await response.Content.ReadFromJsonAsync<ReplyToMentionApi.ReplyDto>();

        // In the PDS: a reply whose root and parent are the customer's post (URI and CID), mentioning its author.
        var record = (await BlueskyServer.GetRecordAsync(sent!.ExternalId))["value"]!;
        Assert.Equal(question.Uri, record["reply"]!["root"]!["uri"]!.GetValue<string>());
        Assert.Equal(question.Cid, record["reply"]!["root"]!["cid"]!.GetValue<string>());
        Assert.Equal(question.Uri, record["reply"]!["parent"]!["uri"]!.GetValue<string>());
        Assert.Equal(question.Cid, record["reply"]!["parent"]!["cid"]!.GetValue<string>());
        var text = record["text"]!.GetValue<string>();
        Assert.Equal($"@{_customer.Handle} ¡Sí! Los viernes, por encargo. Ñam 😋", text);
        var facet = record["facets"]!.AsArray().Single()!;
        var bytes = Encoding.UTF8.GetBytes(text);
        var start = facet["index"]!["byteStart"]!.GetValue<int>();
        var end = facet["index"]!["byteEnd"]!.GetValue<int>();
        Assert.Equal("@" + _customer.Handle, Encoding.UTF8.GetString(bytes[start..end]));
        Assert.Equal(_customer.Did, facet["features"]![0]!["did"]!.GetValue<string>());
        Assert.Equal("app.bsky.richtext.facet#mention", facet["features"]![0]!["$type"]!.GetValue<string>());

        // Stored as the mention's child; the firehose echo of the answer adds nothing.
        await using (var db = await _app.DbAsync())
        {
            var answer = await db.Mentions.SingleAsync(m => m.Id == sent.MentionId);
            Assert.Equal(mention.Id, answer.ParentId);
            Assert.Equal("@" + _brand.Handle, answer.Author);
        }

        // The customer answers the brand without mentioning it: a reply in the brand's thread, a child of its answer.
        var thanks = await BlueskyServer.PostAsync(_customer, "¡Genial, gracias! Pasaré el viernes",
            root: question, parent: (sent.ExternalId, (await BlueskyServer.GetRecordAsync(sent.ExternalId))["cid"]!.GetValue<string>()));
        var followUp = await HeardAsync(thanks.Uri);
        Assert.Equal(sent.MentionId, followUp.ParentId);
        Assert.Equal(MentionKind.Comment, followUp.Kind);
        await using (var db = await _app.DbAsync())
        {
            Assert.Equal(1, await db.Mentions.CountAsync(m => m.ChannelId == channel && m.ExternalId == sent.ExternalId));
        }
    }

    [Fact]
    public async Task Posts_of_strangers_are_not_kept_unless_a_listening_query_matches()
    {
        var marker = "torrija" + Guid.NewGuid().ToString("N")[..6];
        using var http = _app.NewHttpClient();
        (await http.PostAsJsonAsync($"/api/workspaces/{_workspaceId}/queries", new { name = "Torrijas", expression = marker })).EnsureSuccessStatusCode();
        var channel = await ConnectAsync();
        var stranger = await BlueskyServer.PostAsync(_customer, "Hoy llueve en Madrid");
        var matching = await BlueskyServer.PostAsync(_customer, $"Las mejores {marker} de Lavapiés");

        var heard = await HeardAsync(matching.Uri);
        Assert.Contains(marker, heard.Text);
        await using var db = await _app.DbAsync();
        Assert.False(await db.Mentions.AnyAsync(m => m.ChannelId == channel && m.ExternalId == stranger.Uri));
        Assert.True(await db.QueryMatches.AnyAsync(q => q.MentionId == heard.Id));
    }

    [Fact]
    public async Task A_wrong_app_password_is_refused_when_the_account_is_connected()
    {
        var outcome = await _app.Scoped<AddBlueskyChannel>().HandleAsync(_workspaceId,
            new AddBlueskyChannel.Request(_brand.Handle, "aaaa-bbbb-cccc-dddd", BlueskyServer.Url), CancellationToken.None);

        Assert.Null(outcome.Channel);
        Assert.Contains("refused", outcome.Error);
    }

    [Fact]
    public async Task Credentials_and_tokens_are_stored_encrypted()
    {
        await ConnectAsync();

        var stored = await ChannelTestApp.StoredTextAsync(_app.Database, _app.Folder);
        Assert.DoesNotContain(_brand.AppPassword, stored);
        Assert.DoesNotContain("eyJ", stored); // no JWT in clear
    }

    [Fact]
    public async Task After_a_restart_the_firehose_resumes_from_the_stored_cursor_and_nothing_is_stored_twice()
    {
        var channel = await ConnectAsync();
        var first = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} ¿a qué hora abrís?", [_brand]);
        await HeardAsync(first.Uri);
        var before = await CursorAsync(channel);

        // Tertulia is down while the customer goes on posting.
        var database = await _app.StopKeepingDatabaseAsync();
        var second = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} ¿y los domingos?", [_brand]);
        var third = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} vale, ya lo he visto 👍", [_brand]);
        _app = await ChannelTestApp.StartAsync(BlueskyServer.Settings, _app.Folder, polling: true, database);

        // Only a stream resumed with ?cursor= can hear what was posted while nobody listened.
        await HeardAsync(second.Uri);
        await HeardAsync(third.Uri);
        await using var db = await _app.DbAsync();
        var stored = await db.Mentions.Where(m => m.ChannelId == channel).Select(m => m.ExternalId).ToListAsync();
        Assert.Equal(new[] { first.Uri, second.Uri, third.Uri }.Order(), stored.Order());
        Assert.True(await CursorAsync(channel) > before);
    }

    [Fact]
    public async Task Poll_now_catches_up_from_the_cursor_when_nothing_streams()
    {
        var channel = await ConnectAsync();
        var first = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} hola", [_brand]);
        await HeardAsync(first.Uri);
        var database = await _app.StopKeepingDatabaseAsync();
        var missed = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} ¿hacéis envíos?", [_brand]);
        // No live stream this time: only the scheduler's poll reads the firehose.
        _app = await ChannelTestApp.StartAsync(BlueskyServer.Settings, _app.Folder, polling: false, database);

        var caughtUp = await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        var again = await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);

        Assert.Equal(1, caughtUp.Added);
        Assert.Equal(0, again.Added);
        await HeardAsync(missed.Uri);
        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.Equal(0, state.ErrorCount);
        Assert.NotNull(state.LastSuccessAt);
    }

    [Fact]
    public async Task A_malformed_frame_is_reported_on_the_channel_and_skipped()
    {
        await using var proxy = await FirehoseProxy.StartAsync(BlueskyServer.Url);
        var channel = await ConnectAsync(proxy.Url);

        proxy.DamageNextFrame();
        var post = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} ¡qué buena la napolitana!", [_brand]);

        await HeardAsync(post.Uri);
        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.Equal(1, state.LastSkippedCount);
        Assert.Contains("1 item(s) skipped: Firehose frame after seq", state.LastError);
        Assert.Equal("warning", ChannelsApi.StateOf(state));
        Assert.Equal(1, await db.Mentions.CountAsync(m => m.ChannelId == channel));
    }

    [Fact]
    public async Task An_access_token_the_PDS_refuses_is_renewed_through_the_session_and_saved_encrypted()
    {
        var channel = await ConnectAsync();
        var question = await BlueskyServer.PostAsync(_customer, $"@{_brand.Handle} ¿tenéis mesas fuera?", [_brand]);
        var mention = await HeardAsync(question.Uri);
        var secrets = _app.Get<ChannelSecrets>();
        string refreshBefore;
        await using (var db = await _app.DbAsync())
        {
            var row = await db.Channels.SingleAsync(c => c.Id == channel);
            var account = secrets.Unprotect<BlueskyAccount>(row);
            refreshBefore = account.RefreshJwt!;
            row.Credentials = secrets.Protect(account with { AccessJwt = "expired-or-revoked" });
            await db.SaveChangesAsync();
        }

        var outcome = await _app.Scoped<ReplyToMention>().HandleAsync(_workspaceId, mention.Id,
            new ReplyToMention.Request("Sí, cuatro mesas en la terraza."), CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.Equal(question.Uri, (await BlueskyServer.GetRecordAsync(outcome.ReplyExternalId!))["value"]!["reply"]!["parent"]!["uri"]!.GetValue<string>());
        await using (var db = await _app.DbAsync())
        {
            var renewed = secrets.Unprotect<BlueskyAccount>(await db.Channels.SingleAsync(c => c.Id == channel));
            Assert.NotEqual("expired-or-revoked", renewed.AccessJwt);
            Assert.NotEqual(refreshBefore, renewed.RefreshJwt); // refreshSession rotates the refresh token
        }
    }

    private async Task<long> CursorAsync(int channel)
    {
        await using var db = await _app.DbAsync();
        return BlueskyCursor.Parse((await db.Channels.SingleAsync(c => c.Id == channel)).Cursor).Seq ?? -1;
    }

    private async Task<int> ConnectAsync(string? firehose = null)
    {
        var outcome = await _app.Scoped<AddBlueskyChannel>().HandleAsync(_workspaceId,
            new AddBlueskyChannel.Request("@" + _brand.Handle, _brand.AppPassword, BlueskyServer.Url, firehose), CancellationToken.None);
        Assert.Null(outcome.Error);
        var id = outcome.Channel!.Id;
        var watcher = _app.Get<BlueskyFirehoseWatcher>();
        await TestApp.Eventually(() => Task.FromResult(watcher.IsStreaming(id)), "the channel listens to the firehose");
        return id;
    }

    private async Task<Mention> HeardAsync(string uri)
    {
        Mention? mention = null;
        await TestApp.Eventually(async () =>
        {
            await using var db = await _app.DbAsync();
            mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.WorkspaceId == _workspaceId && m.ExternalId == uri);
            return mention is not null;
        }, $"{uri} is stored", seconds: 20);
        return mention!;
    }
}

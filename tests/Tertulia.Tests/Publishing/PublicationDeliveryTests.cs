using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Mastodon;
using Tertulia.Publishing;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Channels.Bluesky;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Publishing;

/// <summary>
/// The brand's own posts leave through its channels — real snac2 and a real Bluesky PDS — exactly once, even when the
/// worker dies between posting and recording, and come back as the brand's mentions through the pipeline. The outbox
/// worker is off: each test drives it step by step.
/// </summary>
public sealed class PublicationDeliveryTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        var settings = BlueskyServer.Settings;
        settings["Tertulia:Publishing:Enabled"] = "false";
        settings["Tertulia:Publishing:Lease"] = "00:00:01";
        settings["Tertulia:Publishing:FirstRetry"] = "00:00:00.200";
        settings["Tertulia:Publishing:MaxAttempts"] = "3";
        _app = await ChannelTestApp.StartAsync(settings);
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private PublicationOutbox Outbox => _app.Get<PublicationOutbox>();

    [Fact]
    public async Task A_toot_with_an_image_and_its_description_goes_out_once_and_is_the_brands_mention_that_customers_answer()
    {
        var channel = await ConnectMastodonAsync();
        var marker = Marker();
        var published = await _app.Get<PublishNow>().HandleAsync(_workspaceId,
            new PublishNow.Request($"Hoy sale la primera hornada de pan de centeno a las 8:00 ☀️ #PanDeCenteno {marker}", [channel], Language: "es",
                Image: new PostImage(TestImages.Png(), "image/png", "Dos hogazas de centeno recién salidas del horno")),
            "user-lucia", Publication.Origins.Composer, CancellationToken.None);
        Assert.Null(published.Error);

        var sent = await Outbox.PublishDueAsync(CancellationToken.None);
        Assert.True(sent == 1, (await DeliveryAsync(published.PublicationId!.Value)).LastError);
        Assert.Equal(0, await Outbox.PublishDueAsync(CancellationToken.None));

        var delivery = await DeliveryAsync(published.PublicationId!.Value);
        Assert.True(delivery.State == DeliveryState.Published, delivery.LastError);
        var status = await MastodonStatusAsync(delivery.ExternalId!);
        Assert.Contains(marker, status.GetProperty("content").GetString());
        var media = Assert.Single(status.GetProperty("media_attachments").EnumerateArray().ToList());
        Assert.Equal("Dos hogazas de centeno recién salidas del horno", media.GetProperty("description").GetString());
        Assert.Equal(PublicationState.Published, (await PublicationAsync(published.PublicationId.Value)).State);

        // Stored through the pipeline as the brand's own message, the start of a conversation.
        await using (var db = await _app.DbAsync())
        {
            var mention = await db.Mentions.AsNoTracking().SingleAsync(m => m.Id == delivery.MentionId);
            Assert.Equal(delivery.ExternalId, mention.ExternalId);
            Assert.Contains(marker, mention.Text);
            Assert.True(await db.ConversationMessages.AnyAsync(m => m.MentionId == mention.Id && m.FromBrand));
        }

        // A customer answers the toot: heard, and in the same conversation as the brand's post.
        var answer = await MastodonServer.PostAsCustomerAsync($"@laespiga ¡Me guardáis una! {marker}", delivery.ExternalId);
        await TestApp.Eventually(async () =>
        {
            await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
            await using var db = await _app.DbAsync();
            var heard = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.ChannelId == channel && m.ExternalId == answer);
            if (heard is null)
            {
                return false;
            }
            Assert.Equal(delivery.MentionId, heard.ParentId);
            var conversationOfPost = await db.ConversationMessages.Where(m => m.MentionId == delivery.MentionId).Select(m => m.ConversationId).SingleAsync();
            var message = await db.ConversationMessages.SingleAsync(m => m.MentionId == heard.Id);
            Assert.Equal(conversationOfPost, message.ConversationId);
            Assert.False(message.FromBrand);
            return true;
        }, "the customer's answer is heard", seconds: 40);
    }

    [Fact]
    public async Task A_worker_that_dies_after_tooting_before_recording_it_does_not_toot_it_twice()
    {
        var channel = await ConnectMastodonAsync();
        var marker = Marker();
        var published = await _app.Get<PublishNow>().HandleAsync(_workspaceId,
            new PublishNow.Request($"¿Qué bollo os recuerda a vuestra infancia? Contádnoslo {marker}", [channel]), null, "alert:1", CancellationToken.None);

        // The worker claims it and toots… and dies before recording anything.
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(CancellationToken.None));
        var attempt = (await Outbox.PrepareAsync(claimed, CancellationToken.None))!;
        var part = attempt.Parts.Single();
        var posted = await attempt.Publisher.PublishAsync(attempt.Channel,
            new PostToPublish(part.Text, part.IdempotencyKey, part.RecordedAt), CancellationToken.None);
        Assert.Null((await DeliveryAsync(published.PublicationId!.Value)).ExternalId);

        // Another worker takes it up once the lease lapses, and finds the toot instead of tooting again.
        Assert.Empty(await Outbox.ClaimDueAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, await Outbox.PublishDueAsync(CancellationToken.None));

        var delivery = await DeliveryAsync(published.PublicationId.Value);
        Assert.Equal(DeliveryState.Published, delivery.State);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(posted.ExternalId, delivery.ExternalId);
        var own = await BrandStatusesAsync();
        Assert.Single(own, s => s.GetProperty("content").GetString()!.Contains(marker));
    }

    [Fact]
    public async Task A_long_bluesky_post_goes_out_as_a_thread_with_facets_and_an_image_with_alt_text()
    {
        var brand = await BlueskyServer.CreateAccountAsync("candeal");
        var friend = await BlueskyServer.CreateAccountAsync("marta");
        var channel = await ConnectBlueskyAsync(brand);
        var text = $"Cómo reavivar el pan del día anterior, paso a paso 🍞 #TrucosDePan\n\n"
            + "Mójalo un poco bajo el grifo, solo la corteza. Mételo en el horno ya caliente a 180 °C durante 6 u 8 minutos, sin papel ni trapo. "
            + "Déjalo reposar dos minutos antes de cortarlo, que la miga termine de asentarse.\n\n"
            + $"Si os sobra mucho, mejor congelarlo en rebanadas el mismo día. La receta completa en https://horno-candeal.example/trucos/pan-duro y gracias a @{friend.Handle} por la idea. ¿Cuál es vuestro truco?";
        var published = await _app.Get<PublishNow>().HandleAsync(_workspaceId,
            new PublishNow.Request(text, [channel], Language: "es", Image: new PostImage(TestImages.Png(), "image/png", "Una hogaza cortada con la miga esponjosa")),
            null, Publication.Origins.Composer, CancellationToken.None);
        Assert.Null(published.Error);

        Assert.Equal(1, await Outbox.PublishDueAsync(CancellationToken.None));

        await using var db = await _app.DbAsync();
        var delivery = await db.PublicationDeliveries.AsNoTracking().SingleAsync(d => d.PublicationId == published.PublicationId);
        var parts = await db.PublicationParts.AsNoTracking().Where(p => p.DeliveryId == delivery.Id).OrderBy(p => p.Index).ToListAsync();
        Assert.True(parts.Count >= 2, $"a thread, not {parts.Count} post");
        var records = new List<JsonNode>();
        foreach (var part in parts)
        {
            var record = (await BlueskyServer.GetRecordAsync(part.ExternalId!))["value"]!;
            records.Add(record);
            Assert.True(new System.Globalization.StringInfo(record["text"]!.GetValue<string>()).LengthInTextElements <= 300);
            Assert.EndsWith($"{part.Index + 1}/{parts.Count}", record["text"]!.GetValue<string>());
        }
        // The first part has the image and its alt text; the others answer the part before, under the first.
        var image = records[0]["embed"]!["images"]![0]!;
        Assert.Equal("app.bsky.embed.images", records[0]["embed"]!["$type"]!.GetValue<string>());
        Assert.Equal("Una hogaza cortada con la miga esponjosa", image["alt"]!.GetValue<string>());
        Assert.Equal("image/png", image["image"]!["mimeType"]!.GetValue<string>());
        for (var i = 1; i < parts.Count; i++)
        {
            Assert.Equal(parts[0].ExternalId, records[i]["reply"]!["root"]!["uri"]!.GetValue<string>());
            Assert.Equal(parts[i - 1].ExternalId, records[i]["reply"]!["parent"]!["uri"]!.GetValue<string>());
        }
        // Hashtag, link and mention facets, each over exactly its bytes.
        var features = new List<(string Type, string Covered)>();
        foreach (var record in records)
        {
            var bytes = Encoding.UTF8.GetBytes(record["text"]!.GetValue<string>());
            foreach (var facet in record["facets"]?.AsArray() ?? [])
            {
                var covered = Encoding.UTF8.GetString(bytes[facet!["index"]!["byteStart"]!.GetValue<int>()..facet["index"]!["byteEnd"]!.GetValue<int>()]);
                features.Add((facet["features"]![0]!["$type"]!.GetValue<string>(), covered));
            }
        }
        Assert.Contains(("app.bsky.richtext.facet#tag", "#TrucosDePan"), features);
        Assert.Contains(("app.bsky.richtext.facet#link", "https://horno-candeal.example/trucos/pan-duro"), features);
        Assert.Contains(("app.bsky.richtext.facet#mention", "@" + friend.Handle), features);

        // Every part is the brand's mention; the later parts hang under the first in one conversation.
        var mentions = await db.Mentions.AsNoTracking().Where(m => m.ChannelId == channel).ToListAsync();
        Assert.Equal(parts.Count, mentions.Count);
        Assert.All(parts, p => Assert.NotNull(p.MentionId));
        Assert.Single(await db.ConversationMessages.Where(m => parts.Select(p => p.MentionId).Contains(m.MentionId)).Select(m => m.ConversationId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task A_worker_that_dies_after_posting_to_bluesky_before_recording_it_does_not_post_it_twice()
    {
        var brand = await BlueskyServer.CreateAccountAsync("candeal");
        var channel = await ConnectBlueskyAsync(brand);
        var marker = Marker();
        var published = await _app.Get<PublishNow>().HandleAsync(_workspaceId,
            new PublishNow.Request($"Mañana cerramos por inventario; el sábado, como siempre. {marker}", [channel]), null, "alert:7", CancellationToken.None);

        var claimed = Assert.Single(await Outbox.ClaimDueAsync(CancellationToken.None));
        var attempt = (await Outbox.PrepareAsync(claimed, CancellationToken.None))!;
        var part = attempt.Parts.Single();
        var posted = await attempt.Publisher.PublishAsync(attempt.Channel, new PostToPublish(part.Text, part.IdempotencyKey, part.RecordedAt), CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, await Outbox.PublishDueAsync(CancellationToken.None));

        var delivery = await DeliveryAsync(published.PublicationId!.Value);
        Assert.Equal(DeliveryState.Published, delivery.State);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(posted.ExternalId, delivery.ExternalId);
        var posts = await ListPostsAsync(brand);
        Assert.Single(posts, p => p["value"]!["text"]!.GetValue<string>().Contains(marker));
    }

    [Fact]
    public async Task A_post_the_channel_keeps_refusing_is_retried_with_back_off_then_failed_with_the_reason_never_dropped()
    {
        var channel = await ConnectMastodonAsync();
        // The brand revoked Tertulia's token on its instance.
        await using (var db = await _app.DbAsync())
        {
            var row = await db.Channels.SingleAsync(c => c.Id == channel);
            var secrets = _app.Get<ChannelSecrets>();
            row.Credentials = secrets.Protect(secrets.Unprotect<MastodonAccount>(row) with { AccessToken = "revoked" });
            await db.SaveChangesAsync();
        }
        var published = await _app.Get<PublishNow>().HandleAsync(_workspaceId,
            new PublishNow.Request("Este sábado, taller de masa madre para peques.", [channel]), null, Publication.Origins.Composer, CancellationToken.None);

        Assert.Equal(0, await Outbox.PublishDueAsync(CancellationToken.None));
        var first = await DeliveryAsync(published.PublicationId!.Value);
        Assert.Equal(DeliveryState.Due, first.State);
        Assert.Contains("refused the access token", first.LastError);
        Assert.True(first.NextAttemptAt > DateTimeOffset.UtcNow.AddMilliseconds(50), "waits before the next attempt");

        await TestApp.Eventually(async () =>
        {
            await Outbox.PublishDueAsync(CancellationToken.None);
            return (await DeliveryAsync(published.PublicationId.Value)).State == DeliveryState.Failed;
        }, "the delivery fails after its attempts", seconds: 20);
        var failed = await DeliveryAsync(published.PublicationId.Value);
        Assert.Equal(3, failed.Attempts);
        var publication = await PublicationAsync(published.PublicationId.Value);
        Assert.Equal(PublicationState.Failed, publication.State);
        Assert.Contains("refused the access token", publication.FailureReason);
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    private async Task<PublicationDelivery> DeliveryAsync(long publicationId)
    {
        await using var db = await _app.DbAsync();
        return await db.PublicationDeliveries.AsNoTracking().SingleAsync(d => d.PublicationId == publicationId);
    }

    private async Task<Publication> PublicationAsync(long id)
    {
        await using var db = await _app.DbAsync();
        return await db.Publications.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private Task<int> ConnectMastodonAsync() => _app.ConnectMastodonAsync(_workspaceId);

    private Task<int> ConnectBlueskyAsync(BlueskyServer.Account brand) => _app.ConnectBlueskyAsync(_workspaceId, brand);

    private static async Task<JsonElement> MastodonStatusAsync(string id)
    {
        using var http = BrandClient();
        return await http.GetFromJsonAsync<JsonElement>($"/api/v1/statuses/{id}");
    }

    private static async Task<List<JsonElement>> BrandStatusesAsync()
    {
        using var http = BrandClient();
        var me = (await http.GetFromJsonAsync<JsonElement>("/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        return (await http.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{me}/statuses?limit=40")).EnumerateArray().ToList();
    }

    private static HttpClient BrandClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(MastodonServer.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MastodonServer.BrandToken);
        return http;
    }

    private static async Task<List<JsonNode>> ListPostsAsync(BlueskyServer.Account account)
    {
        using var http = new HttpClient();
        var page = await http.GetFromJsonAsync<JsonObject>(
            $"{BlueskyServer.Url}/xrpc/com.atproto.repo.listRecords?repo={account.Did}&collection=app.bsky.feed.post&limit=100");
        return page!["records"]!.AsArray().Select(r => r!).ToList();
    }
}

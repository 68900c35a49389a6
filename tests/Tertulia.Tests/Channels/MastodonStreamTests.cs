using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tertulia.Channels;
using Tertulia.Channels.Mastodon;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels;

/// <summary>
/// Mastodon's streaming API (server-sent events). snac2 has none, so the client is tested on a stream in
/// Mastodon's wire format (testdata/mastodon/streaming-user.txt), replayed over real HTTP.
/// </summary>
public sealed class MastodonStreamTests
{
    private static string Recorded => Path.Combine(AppContext.BaseDirectory, "testdata", "mastodon", "streaming-user.txt");

    [Fact]
    public async Task The_stream_reader_yields_mentions_and_hashtag_posts_and_ignores_the_rest()
    {
        await using var file = File.OpenRead(Recorded);

        var events = new List<StreamEvent>();
        await foreach (var e in MastodonStream.ReadAsync(file, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal(["notification", "update", "notification", "notification", "delete", "filters_changed"], events.Select(e => e.Event));
        var items = events.Select(e => e.ToItem()).OfType<Tertulia.Ingestion.IncomingItem>().ToList();
        Assert.Equal(["113521234567890001", "113521234567890003", "113521234567890002"], items.Select(i => i.ExternalId));
        var reply = items[2];
        Assert.Equal("Ana García (@anagarcia@masto.es)", reply.Author);
        Assert.Equal("113521234567890777", reply.ParentExternalId);
        Assert.True(reply.IsComment);
        Assert.Equal("https://masto.es/@anagarcia/113521234567890002", reply.Url);
    }

    [Fact]
    public async Task Mentions_streamed_by_the_server_are_stored_as_they_arrive()
    {
        await using var replay = await ReplayServer.StartAsync(await File.ReadAllTextAsync(Recorded));
        await using var app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Polling:Tick"] = "00:10:00" }, polling: true);
        var channelId = await AddChannelAsync(app, replay.BaseUrl);

        app.Get<MastodonStreamWatcher>().RefreshChannels();

        await TestApp.Eventually(async () =>
        {
            await using var db = await app.DbAsync();
            return await db.Mentions.CountAsync(m => m.ChannelId == channelId) == 3;
        }, "the three statuses of the stream are stored");
        Assert.Contains(replay.Requests, r => r.StartsWith("/api/v1/streaming/user/notification", StringComparison.Ordinal));
        await using var check = await app.DbAsync();
        var first = await check.Mentions.SingleAsync(m => m.ChannelId == channelId && m.ExternalId == "113521234567890001");
        Assert.Contains("¿El roscón de nata lleva sorpresa?", first.Text);
    }

    [Fact]
    public async Task Where_the_server_has_no_streaming_api_the_account_is_polled()
    {
        await using var app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Polling:Tick"] = "00:00:00.500" }, polling: true);
        var workspace = await app.CreateWorkspaceAsync();
        var outcome = await app.Scoped<AddMastodonChannel>().HandleAsync(workspace.Id,
            new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken), CancellationToken.None);
        var watcher = app.Get<MastodonStreamWatcher>();

        await TestApp.Eventually(() => Task.FromResult(watcher.StateOf(outcome.Channel!.Id) == "polling"), "snac's missing streaming API is noticed");
        await TestApp.Eventually(async () =>
        {
            await using var db = await app.DbAsync();
            return (await db.Channels.SingleAsync(c => c.Id == outcome.Channel!.Id)).LastSuccessAt is not null;
        }, "the account is polled instead");
    }

    private static async Task<int> AddChannelAsync(ChannelTestApp app, string instance)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await using var db = await app.DbAsync();
        var channel = new Channel
        {
            WorkspaceId = workspace.Id,
            Kind = ChannelKind.Mastodon,
            Name = "@laespiga@masto.es",
            Source = instance + "/@laespiga",
            Credentials = app.Get<ChannelSecrets>().Protect(new MastodonAccount { Instance = instance, AccessToken = "token", AccountId = "109312345678901234" }),
            // Not due: only the stream can bring these mentions in.
            NextPollAt = DateTimeOffset.MaxValue,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    /// <summary>Serves a recorded event stream as text/event-stream, then keeps the connection open like Mastodon.</summary>
    private sealed class ReplayServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ReplayServer(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }
        public System.Collections.Concurrent.ConcurrentBag<string> Requests { get; } = [];

        public static async Task<ReplayServer> StartAsync(string recorded)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            ReplayServer? server = null;
            app.Run(async context =>
            {
                server!.Requests.Add(context.Request.Path + context.Request.QueryString);
                if (!context.Request.Path.StartsWithSegments("/api/v1/streaming/user/notification"))
                {
                    context.Response.StatusCode = 404;
                    return;
                }
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(recorded, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
            });
            await app.StartAsync();
            server = new ReplayServer(app, app.Urls.First());
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tertulia.Channels;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Email;
using Tertulia.Channels.Mastodon;
using Tertulia.Channels.Webhooks;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The fetch time rule (total time and idle-read limit, Tertulia:Network) for the channel kinds other than feeds:
/// a Mastodon API server, a Bluesky PDS and an IMAP server on 127.0.0.1 that take the connection and then trickle or
/// stall, and a webhook sender that trickles its body, each beside a healthy feed polled by the real poll loop.
/// </summary>
public sealed class StalledServersTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Horno de prueba</title><link>http://horno.example/</link>
        <item><title>Hogaza de centeno</title><link>http://horno.example/hogaza</link><guid>hogaza</guid><description>Ya está aquí</description></item>
        </channel></rss>
        """;

    private ChannelTestApp _app = null!;
    private FeedServer _healthy = null!;
    private WebApplication _slow = null!;
    private string _slowBase = "";
    private TcpListener _imap = null!;
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tertulia:Network:FetchTimeout"] = "00:00:08",
            ["Tertulia:Network:IdleReadTimeout"] = "00:00:02",
            ["Tertulia:Network:RequestTimeout"] = "00:00:02",
            ["Tertulia:Polling:Tick"] = "00:00:00.200",
            ["Tertulia:Polling:Concurrency"] = "3",
            ["Tertulia:Polling:PerHost"] = "2",
        }, polling: true);
        _healthy = await FeedServer.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _slow = builder.Build();
        // A Mastodon API that answers 200 at once and then sends "[" and a space every half second, for ever.
        _slow.MapGet("/trickling/{**path}", (HttpContext http) => JsonSlowlyAsync(http, TimeSpan.FromMilliseconds(500)));
        // One that answers 200 and then nothing.
        _slow.MapGet("/hanging/{**path}", (HttpContext http) => JsonSlowlyAsync(http, Timeout.InfiniteTimeSpan));
        // A PDS whose firehose takes the WebSocket upgrade request and never answers it.
        _slow.MapGet("/xrpc/com.atproto.sync.subscribeRepos", async (HttpContext http) =>
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await _slow.StartAsync();
        _slowBase = _slow.Urls.First();

        // An IMAP server that greets and then says nothing more.
        _imap = new TcpListener(IPAddress.Loopback, 0);
        _imap.Start();
        _ = GreetAndStallAsync();
    }

    private static async Task JsonSlowlyAsync(HttpContext http, TimeSpan every)
    {
        try
        {
            http.Response.ContentType = "application/json";
            await http.Response.StartAsync(http.RequestAborted);
            await http.Response.Body.WriteAsync("["u8.ToArray(), http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            while (true)
            {
                await Task.Delay(every, http.RequestAborted);
                await http.Response.Body.WriteAsync(" "u8.ToArray(), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task GreetAndStallAsync()
    {
        var held = new List<TcpClient>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _imap.AcceptTcpClientAsync(_stop.Token);
                held.Add(client);
                await client.GetStream().WriteAsync("* OK [CAPABILITY IMAP4rev1] Tahona IMAP ready\r\n"u8.ToArray(), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stop.CancelAsync();
        _imap.Stop();
        await _slow.DisposeAsync();
        await _healthy.DisposeAsync();
    }

    [Fact]
    public async Task A_stalled_Mastodon_server_is_cut_off_by_the_total_and_idle_limits_while_a_healthy_feed_is_polled()
    {
        var workspace = (await _app.CreateWorkspaceAsync("Mastodon lento")).Id;
        var trickling = await AddAsync(workspace, ChannelKind.Mastodon, _slowBase + "/trickling/@laespiga",
            new MastodonAccount { Instance = _slowBase + "/trickling", AccessToken = "token", AccountId = "109312345678901234" });
        var hanging = await AddAsync(workspace, ChannelKind.Mastodon, _slowBase + "/hanging/@laespiga",
            new MastodonAccount { Instance = _slowBase + "/hanging", AccessToken = "token", AccountId = "109312345678901234" });
        var healthy = await AddFeedAsync(workspace, _healthy.Serve("/mastodon-vecino/feed", Rss));

        await TestApp.Eventually(async () => (await StateAsync(healthy)).LastSuccessAt is not null, "the healthy feed is polled");
        await TestApp.Eventually(async () => (await StateAsync(trickling)).LastError is not null && (await StateAsync(hanging)).LastError is not null,
            "the stalled Mastodon channels are cut off", seconds: 60);

        Assert.Contains("did not finish sending within 8 s", (await StateAsync(trickling)).LastError);
        Assert.Contains("nothing arrived for 2 s", (await StateAsync(hanging)).LastError);
        Assert.Null((await StateAsync(healthy)).LastError);
    }

    [Fact]
    public async Task A_Bluesky_PDS_that_never_answers_the_firehose_handshake_is_an_error_on_the_channel_not_an_empty_poll()
    {
        var workspace = (await _app.CreateWorkspaceAsync("Bluesky lento")).Id;
        var stalled = await AddAsync(workspace, ChannelKind.Bluesky, "at://laespiga.test",
            new BlueskyAccount { Service = _slowBase, Handle = "laespiga.test", AppPassword = "x", Did = "did:plc:3hewanxr674yufsrw4fqx5by" });
        var healthy = await AddFeedAsync(workspace, _healthy.Serve("/bluesky-vecino/feed", Rss));

        await TestApp.Eventually(async () => (await StateAsync(healthy)).LastSuccessAt is not null, "the healthy feed is polled");
        await TestApp.Eventually(async () => (await StateAsync(stalled)).LastPolledAt is not null, "the stalled PDS is polled", seconds: 60);

        var state = await StateAsync(stalled);
        Assert.Null(state.LastSuccessAt);
        Assert.Contains("nothing arrived for 2 s", state.LastError);
        // Counted as a failed poll; on a slow machine the retry may have failed too before this read.
        Assert.True(state.ErrorCount >= 1, $"error count {state.ErrorCount}");
    }

    [Fact]
    public async Task An_IMAP_server_that_greets_and_then_stalls_is_cut_off_by_the_idle_limit()
    {
        var workspace = (await _app.CreateWorkspaceAsync("Correo lento")).Id;
        var port = ((IPEndPoint)_imap.LocalEndpoint).Port;
        var account = new EmailAccount
        {
            Address = "hola@tahona.test", UserName = "hola", Password = "x",
            ImapHost = "127.0.0.1", ImapPort = port, ImapSecurity = MailSecurity.None,
            SmtpHost = "127.0.0.1", SmtpPort = 9, SmtpSecurity = MailSecurity.None,
        };
        var stalled = await AddAsync(workspace, ChannelKind.Email, account.Source, account);
        var healthy = await AddFeedAsync(workspace, _healthy.Serve("/correo-vecino/feed", Rss));

        await TestApp.Eventually(async () => (await StateAsync(healthy)).LastSuccessAt is not null, "the healthy feed is polled");
        await TestApp.Eventually(async () => (await StateAsync(stalled)).LastError is not null, "the stalled mailbox is cut off", seconds: 60);

        Assert.Contains("nothing arrived for 2 s", (await StateAsync(stalled)).LastError);
    }

    [Theory]
    // 200 bytes every half second: above Kestrel's minimum rate, never idle for 2 s, never done within 8 s.
    [InlineData(200, "did not finish sending within 8 s")]
    // A byte every half second: never idle for 2 s, but below the minimum data rate Kestrel holds every body to.
    [InlineData(1, "sent its event too slowly")]
    public async Task A_webhook_sender_that_trickles_its_body_is_answered_408_with_a_clear_error_on_the_channel(int bytesPerHalfSecond, string error)
    {
        var workspace = (await _app.CreateWorkspaceAsync("Formulario lento")).Id;
        var webhook = (await _app.Scoped<AddWebhookChannel>().HandleAsync(workspace, new("Formulario"), CancellationToken.None)).Channel!.Id;

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_app.BaseAddress.Host, _app.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/webhooks/{webhook} HTTP/1.1\r\nHost: {_app.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 500000\r\n\r\n{{\"id\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        using var sending = new CancellationTokenSource();
        var spaces = Enumerable.Repeat((byte)' ', bytesPerHalfSecond).ToArray();
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(500, sending.Token);
                    await stream.WriteAsync(spaces, sending.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        });
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await sending.CancelAsync();
        await trickle;

        Assert.StartsWith("HTTP/1.1 408", status);
        await using var db = await _app.DbAsync();
        var channel = await db.Channels.SingleAsync(c => c.Id == webhook);
        Assert.Contains(error, channel.LastError);
    }

    private async Task<int> AddAsync<T>(int workspace, ChannelKind kind, string source, T credentials)
    {
        await using var db = await _app.DbAsync();
        var channel = new Channel
        {
            WorkspaceId = workspace,
            Kind = kind,
            Name = source,
            Source = source,
            Credentials = _app.Get<ChannelSecrets>().Protect(credentials),
            CreatedAt = DateTimeOffset.UtcNow,
            NextPollAt = DateTimeOffset.UtcNow,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    private async Task<int> AddFeedAsync(int workspace, string url)
    {
        var outcome = await _app.Scoped<AddFeedChannel>().HandleAsync(workspace, new AddFeedChannel.Request(url), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<Channel> StateAsync(int id)
    {
        await using var db = await _app.DbAsync();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}

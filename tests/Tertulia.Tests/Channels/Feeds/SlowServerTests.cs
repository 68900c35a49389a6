using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tertulia.Channels;
using Tertulia.Channels.Webhooks;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Channels.Feeds;

/// <summary>
/// A server on 127.0.0.1 that sends its headers and then trickles the body a byte at a time, or never sends it,
/// beside healthy blogs in two workspaces, with the real poll loop running.
/// </summary>
public sealed class SlowServerTests : IAsyncLifetime
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
    private int _slowInFlight;

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
        // Headers at once, then one byte every half second for as long as the client stays.
        _slow.MapGet("/trickle/{n:int}", async (HttpContext http) => await SlowlyAsync(http, TimeSpan.FromMilliseconds(500)));
        // Headers at once, then nothing at all.
        _slow.MapGet("/hang", async (HttpContext http) => await SlowlyAsync(http, Timeout.InfiniteTimeSpan));
        _slow.MapGet("/moved/file", () => Results.Redirect("file:///etc/passwd"));
        _slow.MapGet("/moved/ftp", () => Results.Redirect("ftp://files.example/feed.xml", permanent: true));
        _slow.MapGet("/moved/javascript", () => Results.Redirect("javascript:alert(1)"));
        await _slow.StartAsync();
        _slowBase = _slow.Urls.First();
    }

    private async Task SlowlyAsync(HttpContext http, TimeSpan every)
    {
        Interlocked.Increment(ref _slowInFlight);
        try
        {
            http.Response.ContentType = "application/rss+xml";
            await http.Response.StartAsync(http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            var body = Encoding.UTF8.GetBytes(Rss);
            for (var i = 0; ; i = (i + 1) % body.Length)
            {
                await Task.Delay(every, http.RequestAborted);
                await http.Response.Body.WriteAsync(body.AsMemory(i, 1), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _slowInFlight);
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slow.DisposeAsync();
        await _healthy.DisposeAsync();
    }

    [Fact]
    public async Task A_trickling_server_is_cut_off_with_a_clear_error_and_never_holds_up_the_healthy_feeds()
    {
        var bakery = (await _app.CreateWorkspaceAsync("Horno")).Id;
        var cafe = (await _app.CreateWorkspaceAsync("Cafetería")).Id;
        var trickling = await AddFeedAsync(bakery, _slowBase + "/trickle/1");
        var trickling2 = await AddFeedAsync(cafe, _slowBase + "/trickle/2");
        var hanging = await AddFeedAsync(bakery, _slowBase + "/hang");
        await TestApp.Eventually(() => Task.FromResult(Volatile.Read(ref _slowInFlight) >= 2), "the slow server holds two fetches");

        // Healthy blogs of both workspaces, added while the slow server holds every fetch it was given.
        var healthy = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            healthy.Add(await AddFeedAsync(bakery, _healthy.Serve($"/horno/{i}/feed", Rss)));
            healthy.Add(await AddFeedAsync(cafe, _healthy.Serve($"/cafe/{i}/feed", Rss)));
        }
        await TestApp.Eventually(async () => (await StatesAsync(healthy)).All(c => c.LastSuccessAt is not null), "every healthy feed is polled");
        Assert.True(Volatile.Read(ref _slowInFlight) > 0, "the healthy feeds were all polled while the slow server was still trickling");
        Assert.All(await StatesAsync([trickling, trickling2]), c => Assert.Null(c.LastPolledAt));

        // "Poll now" is answered too, while the trickle goes on.
        var before = _healthy.Hits("/horno/0/feed");
        await _app.Scoped<PollChannelNow>().HandleAsync(bakery, healthy[0], CancellationToken.None);
        await TestApp.Eventually(() => Task.FromResult(_healthy.Hits("/horno/0/feed") > before), "poll now reaches the healthy blog");
        Assert.True(Volatile.Read(ref _slowInFlight) > 0, "poll now was answered while the slow server was still trickling");

        await TestApp.Eventually(async () => (await StatesAsync([trickling, trickling2, hanging])).All(c => c.LastError is not null),
            "the slow channels are cut off", seconds: 60);
        var states = await StatesAsync([trickling, trickling2, hanging]);
        Assert.All(states.Where(c => c.Id != hanging), c => Assert.Contains("did not finish sending within 8 s", c.LastError));
        Assert.Contains("nothing arrived for 2 s", states.Single(c => c.Id == hanging).LastError);
        Assert.All(states, c => Assert.Equal(1, c.ErrorCount));
        Assert.All(states, c => Assert.True(c.NextPollAt > c.LastPolledAt, "a cut-off channel backs off instead of being retried at once"));
        Assert.All(await StatesAsync(healthy), c => Assert.Null(c.LastError));
    }

    [Fact]
    public async Task A_webhook_sender_that_trickles_its_body_is_cut_off_by_the_same_rule()
    {
        var workspace = (await _app.CreateWorkspaceAsync("Formularios")).Id;
        var webhook = (await _app.Scoped<AddWebhookChannel>().HandleAsync(workspace, new("Formulario"), CancellationToken.None)).Channel!.Id;

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_app.BaseAddress.Host, _app.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/webhooks/{webhook} HTTP/1.1\r\nHost: {_app.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{{\"id\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        // ... and then nothing more: the idle-read limit (2 s) answers.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", status);
        await using var db = await _app.DbAsync();
        var channel = await db.Channels.SingleAsync(c => c.Id == webhook);
        Assert.Contains("nothing arrived for 2 s", channel.LastError);
    }

    [Theory]
    [InlineData("/moved/file", "redirected to a file: address (\"file:///etc/passwd\")")]
    [InlineData("/moved/ftp", "redirected to a ftp: address")]
    [InlineData("/moved/javascript", "redirected to a javascript: address")]
    public async Task A_redirect_to_a_non_http_scheme_is_a_clear_error_on_the_channel(string path, string message)
    {
        var workspace = (await _app.CreateWorkspaceAsync("Redirecciones")).Id;
        var channel = await AddFeedAsync(workspace, _slowBase + path);

        await TestApp.Eventually(async () => (await StatesAsync([channel]))[0].LastError is not null, "the channel is polled");

        var error = (await StatesAsync([channel]))[0].LastError!;
        Assert.Contains(message, error);
        Assert.Contains("channels only follow redirects to http and https addresses", error);
        Assert.DoesNotContain("Invalid URI", error);
    }

    private async Task<int> AddFeedAsync(int workspace, string url)
    {
        var outcome = await _app.Scoped<AddFeedChannel>().HandleAsync(workspace, new AddFeedChannel.Request(url), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<List<Channel>> StatesAsync(List<int> ids)
    {
        await using var db = await _app.DbAsync();
        return await db.Channels.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync();
    }
}

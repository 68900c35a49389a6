using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tertulia.Channels;

namespace Tertulia.Tests.Channels;

/// <summary>The one scheduler every polled channel runs under, against a real HTTP server that throttles.</summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Blog</title><link>http://blog.example/</link>
        <item><title>Entrada</title><link>http://blog.example/1</link><guid>1</guid><description>Hola</description></item>
        </channel></rss>
        """;

    private ChannelTestApp _app = null!;
    private WebApplication _server = null!;
    private string _base = "";
    private int _workspaceId;
    private int _inFlight;
    private int _maxInFlight;
    private int _throttledHits;
    private readonly TaskCompletionSource _gateReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gateOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tertulia:Polling:Concurrency"] = "6",
            ["Tertulia:Polling:PerHost"] = "2",
        });
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/throttled", (HttpContext http) =>
        {
            Interlocked.Increment(ref _throttledHits);
            http.Response.Headers.RetryAfter = "3600";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        });
        _server.MapGet("/slow/{n:int}", async (int n) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, now);
            // Long enough for the other polls to pile up if nothing held them back.
            await Task.Delay(300);
            Interlocked.Decrement(ref _inFlight);
            return Results.Text(Rss, "application/rss+xml");
        });
        _server.MapGet("/gate", async () =>
        {
            _gateReached.TrySetResult();
            await _gateOpen.Task;
            return Results.Text(Rss, "application/rss+xml");
        });
        await _server.StartAsync();
        _base = _server.Urls.First();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_429_with_retry_after_is_honoured_by_the_schedule_not_retried_on_the_spot()
    {
        var channel = await AddFeedAsync("/throttled");
        var before = DateTimeOffset.UtcNow;

        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);

        Assert.Equal(1, _throttledHits);
        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.Equal(1, state.ErrorCount);
        Assert.Contains("429", state.LastError);
        Assert.InRange(state.NextPollAt, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Channels_on_one_host_are_polled_at_most_two_at_a_time()
    {
        var channels = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            channels.Add(await AddFeedAsync($"/slow/{i}"));
        }

        await _app.Get<ChannelPollingService>().PollDueAsync(CancellationToken.None);

        Assert.InRange(_maxInFlight, 1, 2);
        await using var db = await _app.DbAsync();
        Assert.All(await db.Channels.Where(c => channels.Contains(c.Id)).ToListAsync(), c => Assert.NotNull(c.LastSuccessAt));
    }

    [Fact]
    public async Task Poll_now_pressed_while_the_channel_is_being_read_is_not_pushed_back_by_a_whole_interval()
    {
        var channel = await AddFeedAsync("/gate");
        var polling = _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        await _gateReached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The person (or new mail announced by IMAP IDLE) asks for a poll after this one has already read the server.
        Assert.True(await _app.Scoped<PollChannelNow>().HandleAsync(_workspaceId, channel, CancellationToken.None));
        _gateOpen.SetResult();
        await polling;

        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.NotNull(state.LastSuccessAt);
        Assert.True(state.NextPollAt <= DateTimeOffset.UtcNow, $"next poll at {state.NextPollAt:O}: the request made during the poll was lost");
    }

    [Fact]
    public async Task A_poll_nobody_interrupted_waits_for_its_interval()
    {
        _gateOpen.SetResult();
        var channel = await AddFeedAsync("/gate");

        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);

        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.True(state.NextPollAt > DateTimeOffset.UtcNow.AddMinutes(14), $"next poll at {state.NextPollAt:O}");
    }

    [Fact]
    public async Task Webhook_and_import_channels_are_never_polled()
    {
        var webhook = (await _app.Scoped<Tertulia.Channels.Webhooks.AddWebhookChannel>()
            .HandleAsync(_workspaceId, new("Formulario"), CancellationToken.None)).Channel!.Id;
        await _app.Scoped<PollChannelNow>().HandleAsync(_workspaceId, webhook, CancellationToken.None);

        await _app.Get<ChannelPollingService>().PollDueAsync(CancellationToken.None);

        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == webhook);
        Assert.Null(state.LastPolledAt);
        Assert.Equal(0, state.ErrorCount);
    }

    private async Task<int> AddFeedAsync(string path)
    {
        var outcome = await _app.Scoped<AddFeedChannel>().HandleAsync(_workspaceId, new AddFeedChannel.Request(_base + path), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Channels.Network;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Where the server has Mastodon's streaming API, follows the account's notifications and its hashtags as they
/// happen and hands each mention to the pipeline at once. Where it has none (404, as on snac), or while it is
/// down, the channel is simply polled: the poller's cursor and the pipeline's dedupe make the two paths agree.
/// </summary>
public sealed class MastodonStreamWatcher(
    IDbContextFactory<TertuliaDb> dbs,
    IHttpClientFactory http,
    ChannelSecrets secrets,
    IngestionPipeline pipeline,
    IOptions<PollingOptions> pollingOptions,
    ILogger<MastodonStreamWatcher> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, CancellationTokenSource> _watching = new();
    private readonly ConcurrentDictionary<int, string> _state = new();
    private readonly SemaphoreSlim _refresh = new(0);

    /// <summary>"streaming", "polling" (the server has no streaming API) or "connecting".</summary>
    public string StateOf(int channelId) => _state.GetValueOrDefault(channelId, "connecting");

    public void RefreshChannels()
    {
        if (_refresh.CurrentCount == 0)
        {
            _refresh.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!pollingOptions.Value.Enabled)
        {
            return;
        }
        var tasks = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                var accounts = await db.Channels.AsNoTracking()
                    .Where(c => c.Kind == ChannelKind.Mastodon && c.Enabled)
                    .ToListAsync(stoppingToken);
                foreach (var gone in _watching.Keys.Except(accounts.Select(c => c.Id)))
                {
                    if (_watching.TryRemove(gone, out var cts))
                    {
                        await cts.CancelAsync();
                    }
                }
                foreach (var channel in accounts.Where(c => !_watching.ContainsKey(c.Id)))
                {
                    var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    _watching[channel.Id] = cts;
                    var account = secrets.Unprotect<MastodonAccount>(channel);
                    tasks.Add(FollowAsync(channel.Id, account, "/api/v1/streaming/user/notification", cts.Token));
                    tasks.AddRange(account.Hashtags.Select(tag =>
                        FollowAsync(channel.Id, account, "/api/v1/streaming/hashtag?tag=" + Uri.EscapeDataString(tag), cts.Token)));
                }
                tasks.RemoveAll(t => t.IsCompleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Could not list the Mastodon accounts to stream");
            }
            try
            {
                await _refresh.WaitAsync(Refresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(tasks);
    }

    private async Task FollowAsync(int channelId, MastodonAccount account, string path, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, account.Instance.TrimEnd('/') + path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var response = await http.CreateClient(ChannelHttp.StreamingClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NotImplemented)
                {
                    _state[channelId] = "polling";
                    log.LogInformation("{Instance} has no streaming API: channel {ChannelId} is polled", account.Instance, channelId);
                    return;
                }
                response.EnsureSuccessStatusCode();
                _state[channelId] = "streaming";
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                await foreach (var streamed in MastodonStream.ReadAsync(body, ct))
                {
                    if (streamed.ToItem() is { } item)
                    {
                        await pipeline.IngestAsync(channelId, [item], null, ct);
                    }
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogDebug(ex, "Stream {Path} of channel {ChannelId} dropped", path, channelId);
            }
            _state.TryUpdate(channelId, "connecting", "streaming");
            try
            {
                await Task.Delay(Reconnect, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

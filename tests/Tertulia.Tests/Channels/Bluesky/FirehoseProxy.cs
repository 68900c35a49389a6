using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>
/// Relays the real PDS firehose frame by frame and, when asked, slips one damaged frame in before the next real one:
/// a firehose that sends a bad frame, with everything else real.
/// </summary>
public sealed class FirehoseProxy : IAsyncDisposable
{
    /// <summary>A #commit header followed by a body cut short: what a broken relay or a truncated message looks like.</summary>
    public static readonly byte[] DamagedFrame =
        [0xa2, 0x62, 0x6f, 0x70, 0x01, 0x61, 0x74, 0x67, 0x23, 0x63, 0x6f, 0x6d, 0x6d, 0x69, 0x74, 0xa3, 0x63, 0x73, 0x65, 0x71];

    private readonly WebApplication _app;
    private int _inject;

    private FirehoseProxy(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>The next frame relayed is preceded by <see cref="DamagedFrame"/>.</summary>
    public void DamageNextFrame() => Interlocked.Exchange(ref _inject, 1);

    public static async Task<FirehoseProxy> StartAsync(string upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FirehoseProxy(app);
        app.UseWebSockets();
        app.Map("/xrpc/com.atproto.sync.subscribeRepos", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }
            var ct = context.RequestAborted;
            using var down = await context.WebSockets.AcceptWebSocketAsync();
            using var up = new ClientWebSocket();
            await up.ConnectAsync(new Uri(upstream.Replace("http://", "ws://") + "/xrpc/com.atproto.sync.subscribeRepos" + context.Request.QueryString), ct);
            var buffer = new byte[1 << 20];
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult received;
                    do
                    {
                        received = await up.ReceiveAsync(buffer, ct);
                        message.Write(buffer, 0, received.Count);
                    }
                    while (!received.EndOfMessage);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }
                    if (Interlocked.Exchange(ref proxy._inject, 0) == 1)
                    {
                        await down.SendAsync(DamagedFrame, WebSocketMessageType.Binary, true, ct);
                    }
                    await down.SendAsync(message.ToArray(), WebSocketMessageType.Binary, true, ct);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The listener or the PDS went away.
            }
        });
        await app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

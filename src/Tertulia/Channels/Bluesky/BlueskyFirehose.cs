using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Tertulia.Channels.Network;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Opens <c>com.atproto.sync.subscribeRepos</c> over WebSocket (through the channels' address policy) and yields each
/// binary message whole. A message over <see cref="FirehoseFrame.MaxBytes"/> drops the connection rather than
/// being buffered. The WebSocket handshake runs under the channels' time rule (<see cref="FetchLimits"/>): a server
/// that takes the connection and never answers the upgrade is cut off with a clear error, never taken for a quiet
/// firehose.
/// </summary>
public sealed class BlueskyFirehose(AddressPolicy addresses, FetchLimits limits)
{
    private readonly HttpMessageInvoker _invoker = new(ChannelHttp.SafeHandler(addresses), disposeHandler: true);

    public async IAsyncEnumerable<byte[]> ReadAsync(Uri firehose, [EnumeratorCancellation] CancellationToken ct, Action? connected = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        // The handshake is one short answer: it must come within the idle-read limit (and the fetch's total time).
        using (var handshake = limits.Start(firehose.Host, ct))
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(handshake.Token))
        {
            idle.CancelAfter(limits.IdleRead);
            try
            {
                await socket.ConnectAsync(firehose, _invoker, idle.Token);
            }
            catch (Exception ex) when (idle.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw handshake.Expired ? handshake.TotalExceeded(ex) : handshake.IdleExceeded(ex);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                throw ChannelHttpErrors.Find(ex) ?? new ChannelException($"Could not open the firehose at {firehose.Host}: {ex.Message}", ex);
            }
        }
        connected?.Invoke();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                ValueWebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                }
                catch (WebSocketException ex)
                {
                    throw new ChannelException($"The firehose at {firehose.Host} dropped the connection: {ex.Message}", ex);
                }
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    yield break;
                }
                message.Write(buffer, 0, received.Count);
                if (message.Length > FirehoseFrame.MaxBytes)
                {
                    throw new ChannelException($"The firehose at {firehose.Host} sent a message larger than {FirehoseFrame.MaxBytes / 1024 / 1024} MB.");
                }
                if (received.EndOfMessage)
                {
                    if (received.MessageType == WebSocketMessageType.Binary)
                    {
                        yield return message.ToArray();
                    }
                    message.SetLength(0);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
                }
                catch (Exception)
                {
                    // Closing politely is best effort.
                }
            }
        }
    }
}

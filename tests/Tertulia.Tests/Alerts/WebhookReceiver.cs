using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tertulia.Tests.Alerts;

/// <summary>A team's alert endpoint on loopback that fails its first <see cref="FailFirst"/> calls with 503, like a chat tool restarting.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    public int FailFirst { get; set; }
    public ConcurrentQueue<(string EventId, string? Signature, byte[] Body, HttpStatusCode Answer, DateTimeOffset At)> Calls { get; } = new();
    public string Url { get; }

    public WebhookReceiver()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/tertulia/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var answer = Calls.Count < FailFirst ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            Calls.Enqueue((context.Request.Headers["X-Tertulia-Event"] ?? "", context.Request.Headers["X-Tertulia-Signature"], body.ToArray(), answer, DateTimeOffset.UtcNow));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await Task.WhenAny(_loop, Task.Delay(1000));
    }
}

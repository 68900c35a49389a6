using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tertulia.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving feed documents the way blogs do: with ETag and Last-Modified,
/// answering 304 to conditional requests. Documents can be replaced while it runs; every request is counted.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType, string ETag, DateTimeOffset Modified)> _documents = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, int> _notModified = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _mostInFlight = new();
    private readonly WebApplication _app;

    private FeedServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; {base} in the body becomes this server's address.</summary>
    public string Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8")
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body.Replace("{base}", BaseUrl));
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"";
        _documents[path] = (bytes, contentType, etag, DateTimeOffset.UtcNow);
        return Url(path);
    }

    public string ServeFile(string path, string testdataFile, string contentType = "application/rss+xml; charset=utf-8") =>
        Serve(path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", testdataFile)), contentType);

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public int NotModified(string path) => _notModified.GetValueOrDefault(path);

    /// <summary>A slow blog: every answer waits this long, so overlapping polls of one feed would be seen.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The most requests for <paramref name="path"/> that were being answered at the same time.</summary>
    public int MostAtOnce(string path) => _mostInFlight.GetValueOrDefault(path);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var now = _inFlight.AddOrUpdate(path, 1, (_, n) => n + 1);
        _mostInFlight.AddOrUpdate(path, now, (_, n) => Math.Max(n, now));
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }
            await AnswerAsync(context, path);
        }
        finally
        {
            _inFlight.AddOrUpdate(path, 0, (_, n) => n - 1);
        }
    }

    private async Task AnswerAsync(HttpContext context, string path)
    {
        if (!_documents.TryGetValue(path, out var doc))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (context.Request.Headers.IfNoneMatch.ToString() == doc.ETag)
        {
            _notModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            context.Response.StatusCode = 304;
            return;
        }
        context.Response.Headers.ETag = doc.ETag;
        context.Response.Headers.LastModified = doc.Modified.ToString("R");
        context.Response.ContentType = doc.ContentType;
        await context.Response.Body.WriteAsync(doc.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

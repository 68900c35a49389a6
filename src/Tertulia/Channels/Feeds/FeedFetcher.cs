using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Tertulia.Channels.Network;

namespace Tertulia.Channels.Feeds;

/// <summary>Downloads a feed with conditional GET (ETag / Last-Modified) and a size limit.</summary>
public sealed class FeedFetcher(IHttpClientFactory httpClients, IOptions<NetworkOptions> options)
{
    public sealed record Fetched(ParsedFeed? Feed, string? ETag, string? LastModified, bool NotModified);

    public async Task<Fetched> FetchAsync(string url, string? etag, string? lastModified, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ChannelException($"'{url}' is not an http or https address.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (!string.IsNullOrEmpty(lastModified) && DateTimeOffset.TryParse(lastModified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(ChannelHttp.ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex) when (FindChannelException(ex) is { } blocked)
        {
            throw blocked;
        }
        catch (HttpRequestException ex)
        {
            throw new ChannelException($"Could not connect to {uri.Host}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new ChannelException($"{uri.Host} did not answer in time.", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Fetched(null, etag, lastModified, NotModified: true);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                throw new ChannelException($"{uri.Host} asked us to slow down ({(int)response.StatusCode}).")
                {
                    RetryAfter = RetryAfterOf(response),
                };
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ChannelException($"{uri.Host} answered {(int)response.StatusCode} {response.ReasonPhrase} for {uri.AbsolutePath}.");
            }
            var max = options.Value.MaxResponseBytes;
            if (response.Content.Headers.ContentLength > max)
            {
                throw new ChannelException($"The feed is larger than the {max / 1024 / 1024} MB limit.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            await CopyBoundedAsync(body, buffer, max, ct);
            var feed = FeedParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
                response.RequestMessage?.RequestUri ?? uri, response.Content.Headers.ContentType?.CharSet);
            return new Fetched(
                feed,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                NotModified: false);
        }
    }

    private static async Task CopyBoundedAsync(Stream from, Stream to, long max, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, ct)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw new ChannelException($"The feed is larger than the {max / 1024 / 1024} MB limit.");
            }
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta;
        }
        if (retry?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static ChannelException? FindChannelException(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is ChannelException channel)
            {
                return channel;
            }
        }
        return null;
    }
}

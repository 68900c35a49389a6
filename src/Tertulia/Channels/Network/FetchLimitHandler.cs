using System.Net;

namespace Tertulia.Channels.Network;

/// <summary>
/// The outermost handler of the channels' HttpClient: every request, retries included, and the reading of its body
/// run under one <see cref="FetchDeadline"/>. The resilience pipeline's timeouts stop at the headers; a body that
/// trickles in would otherwise hold its poll for as long as the server pleases. Also names redirects to non-HTTP
/// schemes, which the handler below refuses to follow and would otherwise surface as a bare 3xx.
/// </summary>
internal sealed class FetchLimitHandler(FetchLimits limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var server = request.RequestUri?.Host ?? "The server";
        var deadline = limits.Start(server, ct);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, deadline.Token);
        }
        catch (Exception ex) when (deadline.Expired)
        {
            deadline.Dispose();
            throw deadline.TotalExceeded(ex);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        if (RedirectNotFollowed(response) is { } refused)
        {
            response.Dispose();
            deadline.Dispose();
            throw refused;
        }
        response.Content = new LimitedContent(response.Content, deadline);
        return response;
    }

    /// <summary>A redirect still here was not followed: to file://, ftp://, gopher:// or something unreadable.</summary>
    internal static ChannelException? RedirectNotFollowed(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399 || response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }
        var from = response.RequestMessage?.RequestUri;
        var host = from?.Host ?? "The server";
        if (!response.Headers.TryGetValues("Location", out var values) || values.FirstOrDefault() is not { Length: > 0 } location)
        {
            return new ChannelException($"{host} answered {status} (a redirect) without saying where to.");
        }
        if (!Uri.TryCreate(from, location, out var target))
        {
            return new ChannelException($"{host} redirected to \"{Clip(location)}\", which is not a valid address.");
        }
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return new ChannelException(
                $"{host} redirected to a {target.Scheme}: address (\"{Clip(location)}\"); channels only follow redirects to http and https addresses.");
        }
        return null;
    }

    private static string Clip(string text) => text.Length <= 120 ? text : text[..117] + "...";

    /// <summary>The response body, read through the fetch's deadline, which it releases when disposed.</summary>
    private sealed class LimitedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly FetchDeadline _deadline;

        public LimitedContent(HttpContent inner, FetchDeadline deadline)
        {
            _inner = inner;
            _deadline = deadline;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken ct) =>
            _deadline.Watch(await ReadInnerAsync(ct));

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct)
        {
            await using var body = _deadline.Watch(await ReadInnerAsync(ct));
            await body.CopyToAsync(stream, ct);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private async Task<Stream> ReadInnerAsync(CancellationToken ct)
        {
            try
            {
                return await _inner.ReadAsStreamAsync(_deadline.Token);
            }
            catch (Exception ex) when (_deadline.Expired && !ct.IsCancellationRequested)
            {
                throw _deadline.TotalExceeded(ex);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _deadline.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

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
    /// <summary>Redirects followed per fetch, as browsers and feed readers do (the same limit as HttpClient's own).</summary>
    public const int MaxRedirects = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var server = request.RequestUri?.Host ?? "The server";
        var deadline = limits.Start(server, ct);
        HttpResponseMessage response;
        try
        {
            response = await FollowAsync(request, deadline.Token);
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
        response.Content = new LimitedContent(response.Content, deadline);
        return response;
    }

    /// <summary>
    /// Follows redirects here rather than in the socket handler, which turns a Location such as file:///etc/passwd
    /// into "Invalid URI" or follows ftp:// into a DNS error: every hop is checked and a refusal says why.
    /// </summary>
    private async Task<HttpResponseMessage> FollowAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var current = request;
        for (var hop = 0; ; hop++)
        {
            var response = await base.SendAsync(current, ct);
            if (!IsRedirect(response.StatusCode) || (current.Method != HttpMethod.Get && current.Method != HttpMethod.Head))
            {
                return response;
            }
            var target = RedirectTarget(response, out var refused);
            if (refused is null && hop >= MaxRedirects)
            {
                refused = new ChannelException($"{current.RequestUri?.Host} redirected more than {MaxRedirects} times.");
            }
            response.Dispose();
            if (refused is not null || target is null)
            {
                throw refused ?? new ChannelException($"{current.RequestUri?.Host} sent a redirect that cannot be followed.");
            }
            var next = new HttpRequestMessage(current.Method, target) { Version = current.Version, VersionPolicy = current.VersionPolicy };
            foreach (var header in current.Headers)
            {
                // Credentials stay with the server they were meant for.
                if (header.Key == "Authorization" && !SameOrigin(current.RequestUri!, target))
                {
                    continue;
                }
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            foreach (var option in current.Options)
            {
                ((IDictionary<string, object?>)next.Options)[option.Key] = option.Value;
            }
            if (current != request)
            {
                current.Dispose();
            }
            current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri a, Uri b) => a.Scheme == b.Scheme && a.Authority == b.Authority;

    /// <summary>Why a redirect cannot be followed — no Location, an unreadable one, or a scheme other than http(s) — or null.</summary>
    internal static Uri? RedirectTarget(HttpResponseMessage response, out ChannelException? refused)
    {
        var status = (int)response.StatusCode;
        var from = response.RequestMessage?.RequestUri;
        var host = from?.Host ?? "The server";
        refused = null;
        // The raw header: the typed Location is null or throws for what cannot be parsed as a URI.
        var location = response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.FirstOrDefault()?.Trim() : null;
        if (string.IsNullOrEmpty(location))
        {
            refused = new ChannelException($"{host} answered {status} (a redirect) without saying where to.");
            return null;
        }
        var scheme = SchemeOf(location);
        if (scheme is not null && scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps)
        {
            refused = new ChannelException(
                $"{host} redirected to a {scheme}: address (\"{Clip(location)}\"); channels only follow redirects to http and https addresses.");
            return null;
        }
        if (from is null || !Uri.TryCreate(from, location, out var target) || target.Scheme is not ("http" or "https"))
        {
            refused = new ChannelException($"{host} redirected to \"{Clip(location)}\", which is not a valid address.");
            return null;
        }
        return target;
    }

    /// <summary>The scheme a Location names ("file" in file:///etc/passwd), read as text so no URI parser can choke on the rest.</summary>
    private static string? SchemeOf(string location)
    {
        var colon = location.IndexOf(':');
        if (colon <= 0 || location.StartsWith('/'))
        {
            return null;
        }
        var scheme = location[..colon];
        return char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme.ToLowerInvariant() : null;
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

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tertulia.Channels.Network;

namespace Tertulia.Channels.Bluesky;

/// <summary>The XRPC calls of AT Protocol a Bluesky channel needs, over the channels' safe HttpClient.</summary>
public sealed class BlueskyClient(IHttpClientFactory http, Microsoft.Extensions.Options.IOptions<BlueskyOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BlueskySession> CreateSessionAsync(string service, string identifier, string password, CancellationToken ct)
    {
        var answer = await SendAsync(service, HttpMethod.Post, "com.atproto.server.createSession", null,
            new { identifier, password }, ct);
        return SessionOf(answer, service);
    }

    public async Task<BlueskySession> RefreshSessionAsync(string service, string refreshJwt, CancellationToken ct)
    {
        var answer = await SendAsync(service, HttpMethod.Post, "com.atproto.server.refreshSession", refreshJwt, null, ct);
        return SessionOf(answer, service);
    }

    /// <summary>Creates a record with a key of our choosing, so a retried request cannot post twice.</summary>
    public async Task<StrongRef> CreateRecordAsync(string service, string accessJwt, string repo, string collection, string rkey, JsonObject record, CancellationToken ct)
    {
        var answer = await SendAsync(service, HttpMethod.Post, "com.atproto.repo.createRecord", accessJwt,
            new { repo, collection, rkey, record }, ct);
        return new StrongRef(answer["uri"]?.GetValue<string>() ?? throw Broken(service), answer["cid"]?.GetValue<string>() ?? throw Broken(service));
    }

    /// <summary>com.atproto.repo.uploadBlob: the image's bytes; the answer's blob object goes into a post's embed.</summary>
    public async Task<JsonObject> UploadBlobAsync(string service, string accessJwt, byte[] bytes, string contentType, CancellationToken ct)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var answer = await SendAsync(service, HttpMethod.Post, "com.atproto.repo.uploadBlob", accessJwt, content, ct);
        return answer["blob"]?.DeepClone() as JsonObject ?? throw Broken(service);
    }

    /// <summary>A record's current version (its CID) and value, from the PDS that answers for it.</summary>
    public async Task<(StrongRef Ref, JsonObject Value)> GetRecordAsync(string service, string atUri, CancellationToken ct)
    {
        var parts = atUri["at://".Length..].Split('/');
        if (parts.Length != 3)
        {
            throw new ChannelException($"{atUri} is not a record address.");
        }
        var query = $"repo={Uri.EscapeDataString(parts[0])}&collection={Uri.EscapeDataString(parts[1])}&rkey={Uri.EscapeDataString(parts[2])}";
        var answer = await SendAsync(service, HttpMethod.Get, "com.atproto.repo.getRecord?" + query, null, null, ct);
        return (new StrongRef(answer["uri"]?.GetValue<string>() ?? atUri, answer["cid"]?.GetValue<string>() ?? throw Broken(service)),
            answer["value"] as JsonObject ?? throw Broken(service));
    }

    public async Task<string?> ResolveHandleAsync(string service, string handle, CancellationToken ct)
    {
        try
        {
            var answer = await SendAsync(service, HttpMethod.Get, "com.atproto.identity.resolveHandle?handle=" + Uri.EscapeDataString(handle), null, null, ct);
            return answer["did"]?.GetValue<string>();
        }
        catch (ChannelException)
        {
            return null;
        }
    }

    /// <summary>
    /// The handle a DID claims in its DID document (did:plc from the PLC directory, did:web from its host), kept only
    /// if the handle resolves back to the same DID. Null when either side does not say so.
    /// </summary>
    public async Task<string?> HandleOfAsync(string service, string did, CancellationToken ct)
    {
        var document = did.StartsWith("did:plc:", StringComparison.Ordinal) ? options.Value.PlcDirectory.TrimEnd('/') + "/" + Uri.EscapeDataString(did)
            : did.StartsWith("did:web:", StringComparison.Ordinal) ? $"https://{did["did:web:".Length..]}/.well-known/did.json"
            : null;
        if (document is null)
        {
            return null;
        }
        try
        {
            using var response = await http.CreateClient(ChannelHttp.ClientName).GetAsync(document, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            var doc = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
            var handle = (doc?["alsoKnownAs"] as JsonArray)?.Select(n => n?.GetValue<string>())
                .FirstOrDefault(a => a?.StartsWith("at://", StringComparison.Ordinal) == true)?["at://".Length..];
            return handle is not null && await ResolveHandleAsync(service, handle, ct) == did ? handle : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or ChannelException
                                   || ex is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<JsonObject> SendAsync(string service, HttpMethod method, string call, string? bearer, object? body, CancellationToken ct)
    {
        var host = new Uri(service).Host;
        using var request = new HttpRequestMessage(method, service.TrimEnd('/') + "/xrpc/" + call);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(ChannelHttp.ClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw ChannelHttpErrors.Find(ex) ?? new ChannelException($"Could not connect to {host}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw new ChannelException($"{host} did not answer in time.", ex);
        }
        using (response)
        {
            JsonObject? answer = null;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
            }
            catch (JsonException ex)
            {
                throw new ChannelException($"{host} answered something that is not AT Protocol ({ex.Message.Split('.')[0]}).", ex);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new ChannelException($"{host} asked us to slow down (429).")
                {
                    RetryAfter = response.Headers.RetryAfter?.Delta ?? RateLimitReset(response),
                };
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = answer?["error"]?.GetValue<string>();
                var message = answer?["message"]?.GetValue<string>();
                throw new XrpcException(error, $"{host} refused {call.Split('?')[0]} ({(int)response.StatusCode} {error}): {message}", (int)response.StatusCode);
            }
            return answer ?? throw Broken(service);
        }
    }

    /// <summary>Bluesky's RateLimit-Reset: the moment (Unix seconds) the quota comes back.</summary>
    private static TimeSpan? RateLimitReset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("RateLimit-Reset", out var values) && long.TryParse(values.FirstOrDefault(), out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(seconds) - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : null;

    private static BlueskySession SessionOf(JsonObject answer, string service) => new(
        answer["did"]?.GetValue<string>() ?? throw Broken(service),
        answer["handle"]?.GetValue<string>() ?? throw Broken(service),
        answer["accessJwt"]?.GetValue<string>() ?? throw Broken(service),
        answer["refreshJwt"]?.GetValue<string>() ?? throw Broken(service));

    private static ChannelException Broken(string service) => new($"{new Uri(service).Host} answered an incomplete AT Protocol document.");
}

/// <summary>An XRPC call refused with an error name (ExpiredToken, InvalidToken, AuthenticationRequired...).</summary>
public sealed class XrpcException(string? error, string message, int status) : ChannelException(message)
{
    public string? Error { get; } = error;
    public int Status { get; } = status;

    /// <summary>The access token is no longer good: refresh the session (or sign in again) and retry.</summary>
    public bool IsExpiredSession => Error is "ExpiredToken" or "InvalidToken" || Status == 401;
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tertulia.Channels.Network;

namespace Tertulia.Channels.Mastodon;

/// <summary>The few calls of the Mastodon client REST API a channel needs, over the channels' safe HttpClient.</summary>
public sealed class MastodonClient(IHttpClientFactory http)
{
    public const int PageSize = 40;

    public Task<MastodonAccountInfo> VerifyAsync(MastodonAccount account, CancellationToken ct) =>
        GetAsync<MastodonAccountInfo>(account, "/api/v1/accounts/verify_credentials", ct);

    public Task<List<MastodonNotification>> MentionsAsync(MastodonAccount account, string? sinceId, CancellationToken ct) =>
        GetAsync<List<MastodonNotification>>(account, $"/api/v1/notifications?types[]=mention&limit={PageSize}{Since(sinceId)}", ct);

    public Task<List<MastodonStatus>> HashtagAsync(MastodonAccount account, string tag, string? sinceId, CancellationToken ct) =>
        GetAsync<List<MastodonStatus>>(account, $"/api/v1/timelines/tag/{Uri.EscapeDataString(tag)}?limit={PageSize}{Since(sinceId)}", ct);

    /// <summary>Statuses the instance finds for a word or "a phrase" (what it can search depends on the server).</summary>
    public async Task<List<MastodonStatus>> SearchStatusesAsync(MastodonAccount account, string terms, string? minId, CancellationToken ct) =>
        (await GetAsync<MastodonSearchResults>(account,
            $"/api/v2/search?type=statuses&q={Uri.EscapeDataString(terms)}&limit={PageSize}{(minId is null ? "" : "&min_id=" + Uri.EscapeDataString(minId))}", ct)).Statuses;

    public Task<List<MastodonStatus>> OwnStatusesAsync(MastodonAccount account, string accountId, string? sinceId, CancellationToken ct) =>
        GetAsync<List<MastodonStatus>>(account, $"/api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses?limit={PageSize}{Since(sinceId)}", ct);

    public Task<MastodonStatus> StatusAsync(MastodonAccount account, string statusId, CancellationToken ct) =>
        GetAsync<MastodonStatus>(account, $"/api/v1/statuses/{Uri.EscapeDataString(statusId)}", ct);

    /// <summary>The statuses answering <paramref name="statusId"/> (its thread below it).</summary>
    public async Task<List<MastodonStatus>> RepliesToAsync(MastodonAccount account, string statusId, CancellationToken ct) =>
        (await GetAsync<MastodonContext>(account, $"/api/v1/statuses/{Uri.EscapeDataString(statusId)}/context", ct)).Descendants;

    public async Task<MastodonStatus> PostAsync(MastodonAccount account, string text, string? inReplyToId, string visibility, CancellationToken ct,
        string? idempotencyKey = null, IReadOnlyList<string>? mediaIds = null, string? language = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("status", text), new("visibility", visibility) };
        if (inReplyToId is not null)
        {
            form.Add(new("in_reply_to_id", inReplyToId));
        }
        foreach (var media in mediaIds ?? [])
        {
            form.Add(new("media_ids[]", media));
        }
        if (language is { Length: 2 })
        {
            form.Add(new("language", language));
        }
        using var request = Request(account, HttpMethod.Post, "/api/v1/statuses");
        request.Content = new FormUrlEncodedContent(form);
        // The same answer retried must not post twice.
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return await SendAsync<MastodonStatus>(request, account, ct);
    }

    /// <summary>POST /api/v2/media: an image with its description (alt text), to attach to a status by its id.</summary>
    public async Task<MastodonMedia> UploadMediaAsync(MastodonAccount account, byte[] content, string contentType, string description, CancellationToken ct)
    {
        using var request = Request(account, HttpMethod.Post, "/api/v2/media");
        var extension = contentType.Split('/')[^1];
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        // Written as browsers write them (quoted names, no filename*, an unquoted boundary): small servers (snac) parse only that.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"image.{(extension == "jpeg" ? "jpg" : extension)}\"");
        var alt = new StringContent(description);
        alt.Headers.ContentType = null;
        alt.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"description\"");
        var boundary = "tertulia" + Guid.NewGuid().ToString("N");
        var form = new MultipartContent("form-data", boundary) { file, alt };
        form.Headers.Remove("Content-Type");
        form.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
        request.Content = form;
        return await SendAsync<MastodonMedia>(request, account, ct);
    }

    /// <summary>POST /api/v1/apps: Tertulia registers itself with the instance, which answers the app's id and secret.</summary>
    public async Task<MastodonApp> RegisterAppAsync(string instance, string redirectUri, string scopes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, instance.TrimEnd('/') + "/api/v1/apps")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_name"] = "Tertulia",
                ["redirect_uris"] = redirectUri,
                ["scopes"] = scopes,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync<MastodonApp>(request, new MastodonAccount { Instance = instance, AccessToken = "" }, ct);
    }

    /// <summary>POST /oauth/token: the authorization code the instance sent back, exchanged for the account's token.</summary>
    public async Task<MastodonToken> ExchangeCodeAsync(string instance, MastodonApp app, string code, string redirectUri, string scopes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, instance.TrimEnd('/') + "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = app.ClientId,
                ["client_secret"] = app.ClientSecret,
                ["redirect_uri"] = redirectUri,
                ["scope"] = scopes,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync<MastodonToken>(request, new MastodonAccount { Instance = instance, AccessToken = "" }, ct);
    }

    private async Task<T> GetAsync<T>(MastodonAccount account, string path, CancellationToken ct)
    {
        using var request = Request(account, HttpMethod.Get, path);
        return await SendAsync<T>(request, account, ct);
    }

    private static HttpRequestMessage Request(MastodonAccount account, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, account.Instance.TrimEnd('/') + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, MastodonAccount account, CancellationToken ct)
    {
        var host = new Uri(account.Instance).Host;
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
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new ChannelException($"{host} asked us to slow down (429).") { RetryAfter = RetryAfterOf(response) };
            }
            // Some servers (snac) answer a bad token on verify_credentials with 422.
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.UnprocessableEntity && request.RequestUri?.AbsolutePath.EndsWith("/verify_credentials", StringComparison.Ordinal) == true))
            {
                throw new ChannelException($"{host} refused the access token ({(int)response.StatusCode}): connect the account again.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ChannelException($"{host} answered {(int)response.StatusCode} {response.ReasonPhrase} for {request.RequestUri?.AbsolutePath}.");
            }
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(MastodonJson.Options, ct)
                    ?? throw new ChannelException($"{host} answered an empty document.");
            }
            catch (JsonException ex)
            {
                throw new ChannelException($"{host} answered something that is not the Mastodon API ({ex.Message.Split('.')[0]}).", ex);
            }
        }
    }

    /// <summary>Retry-After, else Mastodon's X-RateLimit-Reset (the moment the quota comes back).</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }
        if (response.Headers.RetryAfter?.Date is { } date)
        {
            return date - DateTimeOffset.UtcNow;
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && DateTimeOffset.TryParse(values.FirstOrDefault(), out var reset))
        {
            var wait = reset - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : null;
        }
        return null;
    }

    private static string Since(string? sinceId) => sinceId is null ? "" : "&since_id=" + Uri.EscapeDataString(sinceId);
}

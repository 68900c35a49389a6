using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>
/// The local PDS (and PLC directory) started by scripts/servers/bluesky.sh. Each test makes its own accounts, so
/// tests sharing the PDS (and its one firehose) never see each other's brand. Without the server the tests fail,
/// never skip.
/// </summary>
public static class BlueskyServer
{
    public static string Url => Environment.GetEnvironmentVariable("TERTULIA_TEST_BLUESKY_PDS_URL") is { Length: > 0 } url ? url
        : throw new InvalidOperationException("TERTULIA_TEST_BLUESKY_PDS_URL is not set: start scripts/servers/bluesky.sh (./test.sh does).");

    public static string PlcUrl => Environment.GetEnvironmentVariable("TERTULIA_TEST_BLUESKY_PLC_URL") is { Length: > 0 } url ? url
        : throw new InvalidOperationException("TERTULIA_TEST_BLUESKY_PLC_URL is not set: start scripts/servers/bluesky.sh (./test.sh does).");

    /// <summary>The app's settings for this server: authors' handles are read from the local PLC directory.</summary>
    public static Dictionary<string, string?> Settings => new() { ["Tertulia:Bluesky:PlcDirectory"] = PlcUrl };

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Account(string Did, string Handle, string Password, string AccessJwt, string AppPassword);

    /// <summary>A fresh account with an app password, as somebody who signs up and makes one for Tertulia.</summary>
    public static async Task<Account> CreateAccountAsync(string name)
    {
        var handle = $"{name}{Guid.NewGuid().ToString("N")[..8]}.test";
        var password = Guid.NewGuid().ToString("N");
        var session = await CallAsync("com.atproto.server.createAccount", null,
            new JsonObject { ["handle"] = handle, ["email"] = $"{handle}@example.test", ["password"] = password });
        var jwt = session["accessJwt"]!.GetValue<string>();
        var app = await CallAsync("com.atproto.server.createAppPassword", jwt, new JsonObject { ["name"] = "tertulia" });
        return new Account(session["did"]!.GetValue<string>(), handle, password, jwt, app["password"]!.GetValue<string>());
    }

    /// <summary>Posts as a Bluesky app would: each @handle of <paramref name="mentions"/> gets a mention facet (UTF-8 byte offsets).</summary>
    public static async Task<(string Uri, string Cid)> PostAsync(Account author, string text, IEnumerable<Account>? mentions = null, (string Uri, string Cid)? root = null, (string Uri, string Cid)? parent = null)
    {
        var record = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post",
            ["text"] = text,
            ["createdAt"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["langs"] = new JsonArray("es"),
        };
        var facets = new JsonArray();
        foreach (var mentioned in mentions ?? [])
        {
            var at = text.IndexOf("@" + mentioned.Handle, StringComparison.Ordinal);
            var start = Encoding.UTF8.GetByteCount(text[..at]);
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount("@" + mentioned.Handle) },
                ["features"] = new JsonArray(new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = mentioned.Did }),
            });
        }
        if (facets.Count > 0)
        {
            record["facets"] = facets;
        }
        if (parent is { } p)
        {
            var r = root ?? p;
            record["reply"] = new JsonObject
            {
                ["root"] = new JsonObject { ["uri"] = r.Uri, ["cid"] = r.Cid },
                ["parent"] = new JsonObject { ["uri"] = p.Uri, ["cid"] = p.Cid },
            };
        }
        var created = await CallAsync("com.atproto.repo.createRecord", author.AccessJwt,
            new JsonObject { ["repo"] = author.Did, ["collection"] = "app.bsky.feed.post", ["record"] = record });
        return (created["uri"]!.GetValue<string>(), created["cid"]!.GetValue<string>());
    }

    /// <summary>A record as the PDS serves it (uri, cid, value).</summary>
    public static async Task<JsonObject> GetRecordAsync(string atUri)
    {
        var parts = atUri["at://".Length..].Split('/');
        return (await Http.GetFromJsonAsync<JsonObject>(
            $"{Url}/xrpc/com.atproto.repo.getRecord?repo={parts[0]}&collection={parts[1]}&rkey={parts[2]}"))!;
    }

    private static async Task<JsonObject> CallAsync(string method, string? jwt, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/xrpc/{method}") { Content = JsonContent.Create(body) };
        if (jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        }
        using var response = await Http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} answered {(int)response.StatusCode}: {answer}");
        }
        return JsonNode.Parse(answer)!.AsObject();
    }
}

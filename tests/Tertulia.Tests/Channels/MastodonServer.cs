using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tertulia.Tests.Channels;

/// <summary>
/// The local snac2 started by scripts/servers/mastodon.sh, with the brand account (laespiga) and a customer
/// (cliente). Without it the tests fail, never skip.
/// </summary>
public static class MastodonServer
{
    public static string Url => Environment.GetEnvironmentVariable("TERTULIA_TEST_MASTODON_URL") ?? "http://127.0.0.1:8001";
    public static string BrandToken => Required("TERTULIA_TEST_MASTODON_BRAND_TOKEN");
    public static string CustomerToken => Required("TERTULIA_TEST_MASTODON_CUSTOMER_TOKEN");
    public static string BrandLogin => Required("TERTULIA_TEST_MASTODON_BRAND_LOGIN");
    public static string BrandPassword => Required("TERTULIA_TEST_MASTODON_BRAND_PASSWORD");

    /// <summary>Posts as the customer, as their Mastodon app would; returns the status id.</summary>
    public static async Task<string> PostAsCustomerAsync(string text, string? inReplyToId = null)
    {
        using var http = Client(CustomerToken);
        var form = new Dictionary<string, string> { ["status"] = text };
        if (inReplyToId is not null)
        {
            form["in_reply_to_id"] = inReplyToId;
        }
        var response = await http.PostAsync("/api/v1/statuses", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The statuses that answer <paramref name="statusId"/>, as the customer sees them.</summary>
    public static async Task<List<JsonElement>> RepliesToAsync(string statusId)
    {
        using var http = Client(CustomerToken);
        var context = await http.GetFromJsonAsync<JsonElement>($"/api/v1/statuses/{statusId}/context");
        return context.GetProperty("descendants").EnumerateArray().ToList();
    }

    /// <summary>The brand follows the customer: snac searches (and Mastodon without Elasticsearch too) only what the account sees.</summary>
    public static async Task BrandFollowsCustomerAsync()
    {
        using var customer = Client(CustomerToken);
        var id = (await customer.GetFromJsonAsync<JsonElement>("/api/v1/accounts/verify_credentials")).GetProperty("id").GetString();
        using var brand = Client(BrandToken);
        // snac now and then answers 404 for an account it has not looked up yet (more often on a machine's first start,
        // 5 s of retries were once not enough); a moment later it knows it. Looking the account up first helps it along.
        for (var attempt = 1; ; attempt++)
        {
            using var lookedUp = await brand.GetAsync($"/api/v1/accounts/{id}");
            using var followed = await brand.PostAsync($"/api/v1/accounts/{id}/follow", null);
            if (followed.StatusCode != System.Net.HttpStatusCode.NotFound || attempt == 12)
            {
                followed.EnsureSuccessStatusCode();
                return;
            }
            await Task.Delay(500 * Math.Min(attempt, 4));
        }
    }

    private static HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{variable} is not set: start scripts/servers/mastodon.sh (./test.sh does).");
}

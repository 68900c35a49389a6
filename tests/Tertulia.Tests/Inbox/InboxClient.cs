using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Tertulia.Tests.Inbox;

/// <summary>The inbox REST API as a test calls it: JSON in, JsonElement out, a failed call fails the test with its body.</summary>
public sealed class InboxClient(HttpClient http, int workspaceId)
{
    public string Base => $"/api/workspaces/{workspaceId}/inbox";

    public async Task<List<JsonElement>> ListAsync(string query = "")
    {
        var page = await GetAsync($"{Base}/conversations?{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public Task<JsonElement> ConversationAsync(long id) => GetAsync($"{Base}/conversations/{id}");

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        var response = await http.PostAsJsonAsync(path.StartsWith('/') ? path : $"{Base}/{path}", body);
        await ExpectAsync(response, expected);
        return response;
    }

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static long Id(JsonElement e) => e.GetProperty("id").GetInt64();
}

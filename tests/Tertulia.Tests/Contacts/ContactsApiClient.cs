using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tertulia.Contacts;
using Xunit;

namespace Tertulia.Tests.Contacts;

/// <summary>The contacts API as a client sees it, in JSON.</summary>
public static class ContactsApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<ContactsApi.ContactDetailDto> ContactAsync(this HttpClient http, int workspaceId, int contactId)
    {
        var response = await http.GetAsync($"/api/workspaces/{workspaceId}/contacts/{contactId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ContactsApi.ContactDetailDto>(Json))!;
    }

    public static async Task<ContactsApi.ContactPageDto> SearchContactsAsync(this HttpClient http, int workspaceId, string? q = null)
    {
        var response = await http.GetAsync($"/api/workspaces/{workspaceId}/contacts" + (q is null ? "" : "?q=" + Uri.EscapeDataString(q)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ContactsApi.ContactPageDto>(Json))!;
    }

    public static Task<HttpResponseMessage> MergeAsync(this HttpClient http, int workspaceId, int survivorId, int otherId) =>
        http.PostAsJsonAsync($"/api/workspaces/{workspaceId}/contacts/{survivorId}/merge", new ContactsApi.MergeRequest(otherId));

    public static Task<HttpResponseMessage> UnmergeAsync(this HttpClient http, int workspaceId, int contactId, int mergeId) =>
        http.PostAsJsonAsync($"/api/workspaces/{workspaceId}/contacts/{contactId}/unmerge", new ContactsApi.UnmergeRequest(mergeId));

    public static Task<HttpResponseMessage> FollowAsync(this HttpClient http, int workspaceId, int contactId) =>
        http.PutAsync($"/api/workspaces/{workspaceId}/contacts/{contactId}/follow", null);

    public static Task<HttpResponseMessage> UnfollowAsync(this HttpClient http, int workspaceId, int contactId) =>
        http.DeleteAsync($"/api/workspaces/{workspaceId}/contacts/{contactId}/follow");

    public static async Task<ContactsApi.FeedPageDto> FollowedFeedAsync(this HttpClient http, int workspaceId)
    {
        var response = await http.GetAsync($"/api/workspaces/{workspaceId}/contacts/followed/mentions?pageSize=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ContactsApi.FeedPageDto>(Json))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

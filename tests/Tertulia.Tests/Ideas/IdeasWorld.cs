using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Ideas;
using Tertulia.Ingestion;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Ideas;

/// <summary>A workspace whose customers comment on a blog (through the real pipeline), and the board's API.</summary>
public static class IdeasWorld
{
    private static int _counter;

    public static IncomingItem Comment(string author, string text, DateTimeOffset? at = null) => new()
    {
        ExternalId = "c-" + Interlocked.Increment(ref _counter) + "-" + Guid.NewGuid().ToString("N")[..6],
        Author = author,
        Published = at ?? DateTimeOffset.UtcNow.AddHours(-Random.Shared.Next(1, 300)),
        Html = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>",
        IsComment = true,
    };

    public static async Task<List<IdeaSummary>> IdeasAsync(this HttpClient http, int workspaceId) =>
        (await http.GetFromJsonAsync<List<IdeaSummary>>($"/api/workspaces/{workspaceId}/ideas", Json))!;

    public static async Task<IdeaView> IdeaAsync(this HttpClient http, int workspaceId, int ideaId) =>
        (await http.GetFromJsonAsync<IdeaView>($"/api/workspaces/{workspaceId}/ideas/{ideaId}", Json))!;

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The idea a customer's comment is in.</summary>
    public static async Task<int> IdeaOfAsync(this TestApp app, int workspaceId, string text)
    {
        await using var db = app.Db();
        return await db.Suggestions.Where(s => s.WorkspaceId == workspaceId)
            .Join(db.Mentions, s => s.MentionId, m => m.Id, (s, m) => new { s.IdeaId, m.Text })
            .Where(x => x.Text == text).Select(x => x.IdeaId).SingleAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Channels;
using Tertulia.Publishing;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Publishing;

/// <summary>
/// The database is the schedule: an agent drafts and asks for approval, an admin sends it back or approves it, and
/// only then is it queued for its moment on the workspace's clock; a viewer only reads the calendar.
/// </summary>
public sealed class PublicationApprovalTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _workspaceId;
    private int _channelId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Tertulia:Publishing:Enabled"] = "false" });
        _workspaceId = await _app.CreateWorkspaceAsync("Horno de la plaza");
        await using var db = _app.Db();
        var channel = new Channel { WorkspaceId = _workspaceId, Kind = ChannelKind.Mastodon, Name = "horno", Source = "https://social.example/@horno", CreatedAt = DateTimeOffset.UtcNow };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        _channelId = channel.Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Api => $"/api/workspaces/{_workspaceId}/publishing";

    private static async Task<string> StateAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()!;
    }

    [Fact]
    public async Task An_agent_drafts_and_asks_an_admin_sends_it_back_then_approves_it_and_only_then_it_is_queued_for_its_local_time()
    {
        using var agent = await _app.ClientForAsync(WorkspaceRole.Agent, _workspaceId);
        using var viewer = await _app.ClientForAsync(WorkspaceRole.Viewer, _workspaceId);
        var admin = _app.Http;
        var draft = new { text = "¿Qué pan os gustaría que hiciéramos los domingos? Contadnos.", channelIds = new[] { _channelId }, localTime = "2027-01-12T09:00:00" };

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"{Api}/publications", draft)).StatusCode);
        var created = await agent.PostAsJsonAsync($"{Api}/publications", draft);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(DeliveryState.Held, (await DeliveryAsync(id)).State); // a draft is not queued

        // The agent cannot approve; asking for approval is theirs.
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"{Api}/publications/{id}/approve", null)).StatusCode);
        Assert.Equal("AwaitingApproval", await StateAsync(await agent.PostAsync($"{Api}/publications/{id}/submit", null)));
        Assert.Equal(DeliveryState.Held, (await DeliveryAsync(id)).State);

        // The viewer sees it in the week's calendar, at its local time, waiting.
        var week = await viewer.GetFromJsonAsync<JsonElement>($"{Api}/calendar?view=week&date=2027-01-12");
        var tuesday = week.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2027-01-12");
        var item = Assert.Single(tuesday.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("09:00", item.GetProperty("localTime").GetString());
        Assert.Equal("AwaitingApproval", item.GetProperty("state").GetString());

        // Sent back, reworded, asked again, approved: queued for 09:00 in Madrid (08:00 UTC in winter).
        Assert.Equal("Draft", await StateAsync(await admin.PostAsync($"{Api}/publications/{id}/send-back", null)));
        var reworded = draft with { text = "¿Qué pan os gustaría encontrar los domingos? Contadnos y lo probamos." };
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"{Api}/publications/{id}", reworded)).StatusCode);
        Assert.Equal("AwaitingApproval", await StateAsync(await agent.PostAsync($"{Api}/publications/{id}/submit", null)));
        Assert.Equal("Scheduled", await StateAsync(await admin.PostAsync($"{Api}/publications/{id}/approve", null)));

        var delivery = await DeliveryAsync(id);
        Assert.Equal(DeliveryState.Due, delivery.State);
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 8, 0, 0, TimeSpan.Zero), delivery.NextAttemptAt);
        await using var db = _app.Db();
        var publication = await db.Publications.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal("¿Qué pan os gustaría encontrar los domingos? Contadnos y lo probamos.", publication.Text);
        Assert.NotNull(publication.ApprovedBy);
        Assert.NotEqual(publication.AuthorId, publication.ApprovedBy);
    }

    private async Task<PublicationDelivery> DeliveryAsync(long publicationId)
    {
        await using var db = _app.Db();
        return await db.PublicationDeliveries.AsNoTracking().SingleAsync(d => d.PublicationId == publicationId);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>
/// An incident ends by itself when the storm has been calm long enough, and a storm that comes back within the
/// cooldown reopens it instead of opening (and notifying) a new one. Calm and cooldown are shortened to seconds here.
/// </summary>
public sealed class IncidentCalmTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(settings: new Dictionary<string, string?>(AlertsFixture.Settings)
    {
        ["Tertulia:Alerts:RiskCalmToClose"] = "00:00:03",
        ["Tertulia:Alerts:CalmToClose"] = "00:00:03",
        ["Tertulia:Alerts:Cooldown"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_calm_storm_closes_itself_and_one_that_returns_within_the_cooldown_reopens_it_assigned_as_it_was()
    {
        var world = await AlertWorld.CreateAsync(_app);
        await world.SayAsync("Nos vendieron un roscón con nata en mal estado, posible intoxicación. Lo llevo a consumo.");
        var incident = await world.OneIncidentAsync();
        var agent = await _app.UserForAsync(WorkspaceRole.Agent, world.Workspace);
        var url = $"/api/workspaces/{world.Workspace}/incidents/{incident.Id}";
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Http.PostAsJsonAsync($"{url}/assign", new { assigneeId = agent.Id })).StatusCode);
        var outsider = await _app.UserForAsync(WorkspaceRole.Agent, (await AlertWorld.CreateAsync(_app, "Otra")).Workspace);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http.PostAsJsonAsync($"{url}/assign", new { assigneeId = outsider.Id })).StatusCode);
        Assert.Equal(agent.Id, (await world.IncidentsAsync()).Single().AssigneeId);

        // Nothing more is said: after the calm period the incident closes on its own, and says so.
        var closed = await world.OneIncidentAsync(i => i.ClosedAt is not null, seconds: 30);
        Assert.Equal(IncidentStatus.Resolved, closed.Status);
        Assert.Contains(IncidentEvents.ClosedCalm, await KindsAsync(incident.Id));
        var room = await _app.Http.GetFromJsonAsync<JsonElement>(url);
        Assert.False(room.GetProperty("incident").GetProperty("closedAt").ValueKind == JsonValueKind.Null);

        // It comes back within the cooldown: the same incident, reopened, still assigned; no second one.
        await world.SayAsync("Otra intoxicación con el roscón de nata, esto hay que denunciarlo");
        var reopened = await world.OneIncidentAsync(i => i.ClosedAt is null, seconds: 20);
        Assert.Equal(incident.Id, reopened.Id);
        Assert.Equal(agent.Id, reopened.AssigneeId);
        Assert.Single(await world.IncidentsAsync());
        var kinds = await KindsAsync(incident.Id);
        Assert.Equal(1, kinds.Count(k => k == IncidentEvents.Opened));
        Assert.Contains(IncidentEvents.Reopened, kinds);
    }

    private async Task<List<string>> KindsAsync(long incidentId)
    {
        await using var db = _app.Db();
        return await db.IncidentEvents.Where(e => e.IncidentId == incidentId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
    }
}

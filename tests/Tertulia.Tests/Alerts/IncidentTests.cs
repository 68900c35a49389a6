using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Rules;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>Storms become incidents as mentions are stored: one per storm, growing, escalating, worked on and closed.</summary>
public sealed class IncidentTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_new_workspace_starts_with_a_default_rule_of_every_kind()
    {
        var world = await AlertWorld.CreateAsync(App);

        var rules = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{world.Workspace}/alerts/rules");

        var kinds = rules.EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).ToHashSet();
        Assert.Equal(Enum.GetNames<AlertKind>().ToHashSet(), kinds);
        var risk = rules.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "RiskMention");
        Assert.Contains("alergia", risk.GetProperty("riskTerms").GetString());
        Assert.Contains("OCU", risk.GetProperty("riskTerms").GetString());
    }

    [Fact]
    public async Task A_mention_with_a_risk_word_opens_one_incident_that_grows_and_escalates_once_it_doubles()
    {
        var world = await AlertWorld.CreateAsync(App);
        await world.SayAsync("Muy bonito el escaparate de Navidad");
        await world.SayAsync("Mi hija ha acabado en URGENCIAS por una alergia a la almendra, la tarta decía sin frutos secos!!!");

        var opened = await world.OneIncidentAsync();
        Assert.Equal(1, opened.Level);
        Assert.NotNull(opened.TriggerMentionId);
        await TestApp.Eventually(async () => (await world.UnreadAsync(App.Http)).GetProperty("count").GetInt32() >= 1, "the owner's top bar");

        // Three more in the same storm: still one incident, now twice the size notified → escalated, notified once more.
        await world.SayAsync("Lo de la alergia es gravísimo, voy a poner una denuncia");
        await world.SayAsync("¿Pero esto no lo revisa sanidad? Alérgenos sin avisar...");
        await world.SayAsync("Compartido. La OCU debería saberlo");
        await TestApp.Eventually(async () => (await world.IncidentsAsync()).Single().Level == 2, "the escalation");

        var incidents = await world.IncidentsAsync();
        var incident = Assert.Single(incidents);
        // Four risk mentions (the volume rule may join the same storm with its five mentions).
        Assert.InRange(incident.Size, 4, 6);
        await using var db = App.Db();
        var notes = await db.AlertNotifications.Where(n => n.IncidentId == incident.Id && n.UserId == App.Owner.Id).Select(n => n.EventKey).ToListAsync();
        Assert.Equal([$"incident:{incident.Id}:level:1", $"incident:{incident.Id}:level:2"], notes.Order().ToList());
    }

    [Fact]
    public async Task Words_that_merely_contain_a_risk_word_do_not_alert()
    {
        var world = await AlertWorld.CreateAsync(App);
        // "ocurrió" holds "ocu", "consumidores" is not "consumo": words, not substrings.
        await world.SayAsync("Se me ocurrió pedir la de limón y acerté, qué rica");
        await world.SayAsync("Gran sitio para los consumidores de buen pan");
        await Task.Delay(2500);

        Assert.Empty(await world.IncidentsAsync());
    }

    [Fact]
    public async Task A_storm_of_angry_mentions_after_quiet_weeks_opens_one_incident_for_every_rule_it_fires()
    {
        var world = await AlertWorld.CreateAsync(App);
        await world.QuietHistoryAsync();
        await Task.Delay(1500);
        Assert.Empty(await world.IncidentsAsync());

        var now = DateTimeOffset.UtcNow;
        await world.SayAllAsync(Enumerable.Range(0, 12).Select(i => (AlertWorld.Angry[i % AlertWorld.Angry.Length] + $" ({i})", now.AddMinutes(-50 + i * 4))));

        var incident = await world.OneIncidentAsync(i => i.Rules().Count() >= 2);
        Assert.Single(await world.IncidentsAsync());
        await using var db = App.Db();
        var kinds = await db.AlertRules.Where(r => incident.Rules().Contains(r.Id)).Select(r => r.Kind).ToListAsync();
        Assert.Contains(AlertKind.Volume, kinds);
        Assert.True(kinds.Contains(AlertKind.NegativeShare) || kinds.Contains(AlertKind.Complaints), string.Join(",", kinds));
        Assert.True(incident.PeakObserved >= 12, $"peak {incident.PeakObserved}");
    }

    [Fact]
    public async Task An_agent_acknowledges_takes_works_the_checklist_and_resolves_and_the_timeline_says_who_and_when()
    {
        var world = await AlertWorld.CreateAsync(App);
        await world.SayAsync("Denuncia puesta: intoxicación tras comer vuestro pastel de crema");
        var incident = await world.OneIncidentAsync();
        var agentUser = await App.UserForAsync(WorkspaceRole.Agent, world.Workspace);
        using var agent = App.ClientAs(agentUser);
        var url = $"/api/workspaces/{world.Workspace}/incidents/{incident.Id}";

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"{url}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"{url}/steps/{CrisisSteps.AcknowledgePublicly}", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync($"{url}/steps/no-such-step", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"{url}/statement", new { text = "Sentimos mucho lo ocurrido. Estamos revisando el lote y os contamos hoy mismo." })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PutAsJsonAsync($"{url}/statement", new { text = "  " })).StatusCode);

        var room = await agent.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("Acknowledged", room.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal(agentUser.Id, room.GetProperty("incident").GetProperty("assigneeId").GetString());
        var step = room.GetProperty("steps").EnumerateArray().First();
        Assert.True(step.GetProperty("done").GetBoolean());
        Assert.Equal(agentUser.Email, step.GetProperty("by").GetString());
        Assert.StartsWith("Sentimos", room.GetProperty("incident").GetProperty("holdingStatement").GetString());
        Assert.NotEmpty(room.GetProperty("mentions").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"{url}/resolve", null)).StatusCode);
        var kinds = (await agent.GetFromJsonAsync<JsonElement>(url)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal([IncidentEvents.Opened, IncidentEvents.Acknowledged, IncidentEvents.StepDone, IncidentEvents.Statement, IncidentEvents.Resolved], kinds);
        Assert.NotNull((await world.IncidentsAsync()).Single().ClosedAt);
    }

    [Fact]
    public async Task An_incident_of_another_workspace_is_not_found()
    {
        var world = await AlertWorld.CreateAsync(App);
        await world.SayAsync("Esto es una estafa, cobran de más");
        var incident = await world.OneIncidentAsync();
        var other = await AlertWorld.CreateAsync(App, "Confitería");

        var response = await App.Http.GetAsync($"/api/workspaces/{other.Workspace}/incidents/{incident.Id}");
        var ack = await App.Http.PostAsync($"/api/workspaces/{other.Workspace}/incidents/{incident.Id}/acknowledge", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
    }
}

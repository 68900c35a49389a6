using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Notifications;
using Tertulia.Storage;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>
/// Two nodes behind a load balancer on one PostgreSQL database: a storm whose mentions are stored half on each node,
/// at the same moments, is one incident with one notification per person and one webhook, whichever node stored what.
/// </summary>
public sealed class SeveralNodesIncidentTests
{
    [SkippableFact]
    public async Task A_storm_stored_on_two_nodes_at_once_opens_one_incident_and_notifies_once()
    {
        TestStore.RequirePostgres();
        await using var a = await TestApp.StartAsync(store: StoreKind.Postgres, settings: AlertsFixture.Settings);
        await using var b = await TestApp.StartAsync(sharedDatabase: a.Database, settings: AlertsFixture.Settings);
        await using var receiver = new WebhookReceiver();
        var onA = await AlertWorld.CreateAsync(a);
        var onB = new AlertWorld(b, onA.Workspace, onA.Channel);
        (await a.Http.PostAsJsonAsync($"/api/workspaces/{onA.Workspace}/alerts/webhooks", new { url = receiver.Url })).EnsureSuccessStatusCode();
        await onA.QuietHistoryAsync();

        // The nut-allergy storm: both nodes store its mentions at once, round after round.
        var now = DateTimeOffset.UtcNow;
        for (var round = 0; round < 4; round++)
        {
            await Task.WhenAll(
                onA.SayAsync($"Mi hijo tuvo una reacción de alergia con la tarta, llevaba nueces y no lo decía ({round}a)", now.AddMinutes(-30 + round), $"madre{round}a"),
                onB.SayAsync($"Alergia a frutos secos y el bizcocho tenía almendra sin avisar. Fatal ({round}b)", now.AddMinutes(-30 + round), $"padre{round}b"),
                onA.SayAsync(AlertWorld.Angry[round] + $" ({round}c)", now.AddMinutes(-29 + round), $"vecino{round}c"),
                onB.SayAsync(AlertWorld.Angry[(round + 1) % 4] + $" ({round}d)", now.AddMinutes(-29 + round), $"vecina{round}d"));
        }

        await TestApp.Eventually(() => Task.FromResult(receiver.Calls.Any(c => c.Answer == HttpStatusCode.OK)), "the alert webhook to land");
        await Task.Delay(3000); // both nodes' alert workers and sweeps have had their turns
        var incidents = await onA.IncidentsAsync();
        var incident = Assert.Single(incidents);
        Assert.True(incident.Size >= 8, $"the incident holds the storm's mentions from both nodes (size {incident.Size})");

        var opened = receiver.Calls.Where(c => c.Answer == HttpStatusCode.OK).Select(c => c.EventId).Distinct().ToList();
        await using var db = a.Db();
        var events = await db.IncidentEvents.Where(e => e.IncidentId == incident.Id).Select(e => e.Kind).ToListAsync();
        // One "opened" event; a webhook for it and, only if the storm escalated, one per escalation.
        Assert.Equal(1, events.Count(k => k == Tertulia.Alerts.Incidents.IncidentEvents.Opened));
        Assert.Equal(1 + events.Count(k => k == Tertulia.Alerts.Incidents.IncidentEvents.Escalated), opened.Count);
        var webhookDeliveries = await db.AlertDeliveries.CountAsync(d => d.IncidentId == incident.Id && d.Kind == DeliveryKind.Webhook);
        Assert.Equal(opened.Count, webhookDeliveries);
        var perPerson = await db.AlertNotifications.Where(n => n.IncidentId == incident.Id)
            .GroupBy(n => new { n.UserId, n.EventKey }).Select(g => g.Count()).ToListAsync();
        Assert.All(perPerson, count => Assert.Equal(1, count));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Incidents;
using Tertulia.Demo;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>
/// A newcomer who starts the demo finds the bakery's nut-allergy crisis already open as an incident: the demo feeds
/// are polled, the pipeline stores their mentions and the alert evaluation opens it, the same way as for any workspace.
/// </summary>
public sealed class DemoIncidentTests
{
    [Fact]
    public async Task The_demo_workspace_shows_its_nut_allergy_crisis_as_an_open_incident_with_its_mentions()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        var content = app.Services.GetRequiredService<DemoContent>();

        long incidentId = 0;
        int workspaceId = 0;
        await TestApp.Eventually(async () =>
        {
            await using var db = app.Db();
            var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Name == content.Workspace.Name);
            if (workspace is null)
            {
                return false;
            }
            workspaceId = workspace.Id;
            var open = await db.Incidents.Where(i => i.WorkspaceId == workspace.Id && i.ClosedAt == null).OrderBy(i => i.Id).ToListAsync();
            incidentId = open.FirstOrDefault()?.Id ?? 0;
            return incidentId != 0;
        }, "the demo's crisis opened as an incident", seconds: 90);

        var room = await app.Services.GetRequiredService<CrisisRoom>().LoadAsync(workspaceId, incidentId, CancellationToken.None);
        Assert.NotNull(room);
        Assert.Equal(IncidentStatus.Open, room.Incident.Status);
        // The mentions driving it are the allergy complaints, not the bakery's everyday chatter.
        Assert.True(room.Mentions.Count >= 3, $"the incident shows its mentions ({room.Mentions.Count})");
        Assert.Contains(room.Mentions, m => m.Snippet.Contains("urgencias", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(room.Mentions, m => m.Snippet.Contains("nuez", StringComparison.OrdinalIgnoreCase) || m.Snippet.Contains("nueces", StringComparison.OrdinalIgnoreCase));
    }
}

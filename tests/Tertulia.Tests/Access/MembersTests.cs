using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Access;

/// <summary>Roles inside a workspace: who may change whom.</summary>
public sealed class MembersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Creating_a_workspace_makes_the_creator_its_only_owner()
    {
        var workspace = await App.CreateWorkspaceAsync("Panadería Nueva");

        await using var db = App.Db();
        var members = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspace).ToListAsync();
        Assert.Equal([(App.Owner.Id, WorkspaceRole.Owner)], members.Select(m => (m.UserId, m.Role)));
    }

    [Fact]
    public async Task An_admin_changes_agents_but_not_owners_and_the_last_owner_stays()
    {
        var workspace = await App.CreateWorkspaceAsync("Pastelería Roles");
        var admin = App.ClientAs(await App.UserForAsync(WorkspaceRole.Admin, workspace));
        var agent = await App.UserForAsync(WorkspaceRole.Agent, workspace);

        var promoted = await admin.PutAsJsonAsync($"/api/workspaces/{workspace}/members/{agent.Id}", new { role = "Viewer" });
        var toOwner = await admin.PutAsJsonAsync($"/api/workspaces/{workspace}/members/{agent.Id}", new { role = "Owner" });
        var demoteOwner = await admin.PutAsJsonAsync($"/api/workspaces/{workspace}/members/{App.Owner.Id}", new { role = "Agent" });
        var lastOwner = await App.Http.DeleteAsync($"/api/workspaces/{workspace}/members/{App.Owner.Id}");
        var removed = await admin.DeleteAsync($"/api/workspaces/{workspace}/members/{agent.Id}");

        Assert.Equal(HttpStatusCode.NoContent, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, demoteOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lastOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = App.ClientAs(agent);
        Assert.Equal(HttpStatusCode.NotFound, (await gone.GetAsync($"/api/workspaces/{workspace}/mentions")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_opens_the_api()
    {
        var created = await App.Http.PostAsJsonAsync("/api/tokens", new { name = "script" });
        var token = (await created.Content.ReadFromJsonAsync<TokensApi.CreatedTokenDto>())!;
        using var script = App.ClientAs(App.Owner with { Token = token.Token });
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/workspaces")).StatusCode);

        var revoked = await App.Http.DeleteAsync($"/api/tokens/{token.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/workspaces")).StatusCode);
    }
}

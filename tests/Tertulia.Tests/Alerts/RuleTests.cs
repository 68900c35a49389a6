using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tertulia.Access;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>Rules are created, changed and removed by admins, with reasons for what is wrong, and previewed over 30 days.</summary>
public sealed class RuleTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task An_admin_creates_changes_and_deletes_a_rule_on_one_listening_query()
    {
        var world = await AlertWorld.CreateAsync(App);
        var query = await App.Http.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/queries", new { name = "Tartas", expression = "tarta OR tartas" });
        var queryId = (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var rules = $"/api/workspaces/{world.Workspace}/alerts/rules";

        var created = await App.Http.PostAsJsonAsync(rules, new { name = "Quejas de tartas", kind = "Complaints", queryId, minCount = 2, sensitivity = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var changed = await App.Http.PutAsJsonAsync($"{rules}/{id}", new { name = "Quejas de tartas", kind = "Complaints", queryId, minCount = 4, enabled = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var rule = await App.Http.GetFromJsonAsync<JsonElement>($"{rules}/{id}");
        Assert.Equal((4, false, queryId), (rule.GetProperty("minCount").GetInt32(), rule.GetProperty("enabled").GetBoolean(), rule.GetProperty("queryId").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.DeleteAsync($"{rules}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"{rules}/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_rule_is_refused_with_the_field_that_is_wrong_and_nothing_is_saved()
    {
        var world = await AlertWorld.CreateAsync(App);
        var rules = $"/api/workspaces/{world.Workspace}/alerts/rules";
        var before = (await App.Http.GetFromJsonAsync<JsonElement>(rules)).GetArrayLength();

        async Task<string> Error(object body)
        {
            var response = await App.Http.PostAsJsonAsync(rules, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return string.Join(",", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal("kind", await Error(new { name = "x", kind = "Earthquake" }));
        Assert.Equal("name", await Error(new { name = "  ", kind = "Volume" }));
        Assert.Equal("riskTerms", await Error(new { name = "Riesgo", kind = "RiskMention", riskTerms = "\n \n" }));
        Assert.Equal("queryId", await Error(new { name = "x", kind = "Volume", queryId = 999_999 }));
        Assert.Equal("sensitivity", await Error(new { name = "x", kind = "Volume", sensitivity = 9 }));
        Assert.Equal(before, (await App.Http.GetFromJsonAsync<JsonElement>(rules)).GetArrayLength());
    }

    [Fact]
    public async Task An_agent_may_read_rules_but_not_change_them()
    {
        var world = await AlertWorld.CreateAsync(App);
        using var agent = await App.ClientForAsync(WorkspaceRole.Agent, world.Workspace);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/workspaces/{world.Workspace}/alerts/rules")).StatusCode);
        var post = await agent.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/rules", new { name = "x", kind = "Volume" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task The_preview_shows_when_a_rule_would_have_fired_over_the_last_thirty_days()
    {
        var world = await AlertWorld.CreateAsync(App);
        var now = DateTimeOffset.UtcNow;
        // Six quiet weeks, and a burst of fourteen mentions ten days ago.
        await world.QuietHistoryAsync(days: 42, perDay: 2);
        var burst = now.AddDays(-10);
        await world.SayAllAsync(Enumerable.Range(0, 14).Select(i => ($"{AlertWorld.Ordinary[i % 5]} #{i}", burst.AddMinutes(i * 3))));

        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/rules/preview", new { name = "Pico", kind = "Volume", minCount = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(30 * 24, preview.GetProperty("hours").GetArrayLength());
        var alerts = preview.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();
        var alert = Assert.Single(alerts);
        Assert.InRange(alert, burst, burst.AddHours(2));

        // A rule asking for more than the burst had would not have fired.
        var strict = await App.Http.PostAsJsonAsync($"/api/workspaces/{world.Workspace}/alerts/rules/preview", new { name = "Pico", kind = "Volume", minCount = 50 });
        Assert.Empty((await strict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").EnumerateArray());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;

namespace Tertulia.Tests.Alerts;

/// <summary>
/// The demo bakery's owner, in Chromium: the bell on the top bar shows the nut-allergy crisis, the crisis room opens
/// from it, the team acknowledges it and ticks a step of the playbook; then a new alert rule is written and previewed
/// over the demo's last 30 days, in Spanish and in English.
/// </summary>
public sealed class AlertsBrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_owner_opens_the_demo_crisis_from_the_bell_acknowledges_it_ticks_a_step_and_previews_a_new_rule_in_spanish_and_english()
    {
        var workspace = fixture.Workspace;
        long incident = 0;
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            incident = await db.Incidents.Where(i => i.WorkspaceId == workspace && i.ClosedAt == null).OrderBy(i => i.Id).Select(i => i.Id).FirstOrDefaultAsync();
            return incident != 0;
        }, "the demo's crisis opened as an incident", seconds: 90);
        var unread = await App.Http.GetFromJsonAsync<JsonElement>("/api/alerts/unread");
        var count = unread.GetProperty("count").GetInt32();
        Assert.True(count >= 1, "the owner was notified of the demo's crisis");

        // Any page: the bell says how many alerts are unread, and leads to the crisis room.
        var page = await fixture.Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}");
        await Assertions.Expect(page.Locator("#alerts-count")).ToHaveTextAsync(count.ToString());
        await page.ClickAsync("#alerts-bell summary");
        await page.ClickAsync($"a.alert-item[href='/w/{workspace}/alerts/incidents/{incident}']");
        await page.WaitForPathAsync(path => path == $"/w/{workspace}/alerts/incidents/{incident}");

        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("Abierto");
        await Assertions.Expect(page.Locator(".storm-mention").First).ToBeVisibleAsync();
        Assert.True(await page.Locator(".storm-mention").CountAsync() >= 3, "the mentions driving the storm are listed");
        await Assertions.Expect(page.Locator("#storm-mentions")).ToContainTextAsync("urgencias");
        await Assertions.Expect(page.Locator("li[data-step=acknowledge-publicly] label")).ToContainTextAsync("Reconocerlo en público antes de una hora");
        // Opening the room is reading its alert.
        var after = await App.Http.GetFromJsonAsync<JsonElement>("/api/alerts/unread");
        Assert.DoesNotContain(after.GetProperty("latest").EnumerateArray(), n => n.GetProperty("incidentId").GetInt64() == incident);

        await page.ClickAsync("#acknowledge");
        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("Atendiéndose");
        await Assertions.Expect(page.Locator("#events li[data-kind=acknowledged]")).ToBeVisibleAsync();
        await page.CheckAsync("input.crisis-step[value=acknowledge-publicly]");
        await Assertions.Expect(page.Locator("li[data-step=acknowledge-publicly] .step-done")).ToBeVisibleAsync();
        var room = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/incidents/{incident}");
        Assert.Equal("Acknowledged", room.GetProperty("incident").GetProperty("status").GetString());
        Assert.True(room.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "acknowledge-publicly").GetProperty("done").GetBoolean());

        // The holding statement, written and kept; the demo has no channel that can post, and the room says so
        // (posting it on Mastodon and Bluesky: HoldingStatementTests).
        await page.FillAsync("#statement-text", "Sabemos lo de la tarta con almendra. Lo sentimos: estamos hablando con cada familia.");
        await page.ClickAsync("#save-statement");
        await Assertions.Expect(page.Locator("#events li[data-kind=statement]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#statement-text")).ToHaveValueAsync("Sabemos lo de la tarta con almendra. Lo sentimos: estamos hablando con cada familia.");
        await Assertions.Expect(page.Locator("#no-posting-channels")).ToContainTextAsync("Ningún canal de la marca puede publicar");

        // A rule of their own: allergy words, previewed live over the demo's last 30 days before it is saved.
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}/alerts");
        Assert.True(await page.Locator(".rule-row").CountAsync() >= 5, "every workspace starts with default rules");
        await page.ClickAsync("#new-rule");
        await page.FillAsync("#rule-name", "Alergias");
        await page.SelectOptionAsync("#rule-kind", "RiskMention");
        await page.FillAsync("#rule-terms", "alergia\nalérgico\nfrutos secos");
        Assert.Equal("1", await page.InputValueAsync("#rule-min"));
        var expected = await PreviewAsync(workspace, "RiskMention", "alergia\nalérgico\nfrutos secos");
        Assert.True(expected >= 1, "the demo's allergy complaints would have fired the rule");
        await Assertions.Expect(page.Locator("#preview-summary")).ToHaveAttributeAsync("data-fired", expected.ToString());
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync(expected == 1 ? "Habría saltado 1 vez" : $"Habría saltado {expected} veces");
        await Assertions.Expect(page.Locator("#preview-alerts tbody tr")).ToHaveCountAsync(expected);

        // Changing the rule changes the preview: a word nobody said never fires.
        await page.FillAsync("#rule-terms", "paraguas naranja");
        await Assertions.Expect(page.Locator("#preview-summary")).ToHaveAttributeAsync("data-fired", "0");
        await Assertions.Expect(page.Locator("#preview-summary")).ToHaveTextAsync("No habría saltado en los últimos 30 días.");
        await page.FillAsync("#rule-terms", "alergia\nalérgico\nfrutos secos");
        await Assertions.Expect(page.Locator("#preview-summary")).ToHaveAttributeAsync("data-fired", expected.ToString());
        await page.ClickAsync("#save-rule");
        await page.WaitForPathAsync(path => path == $"/w/{workspace}/alerts");
        var saved = page.Locator(".rule-row", new() { HasText = "Alergias" });
        await Assertions.Expect(saved).ToContainTextAsync("Mención de riesgo");

        // Each person says how they want to be told: no email at night.
        await page.SelectOptionAsync("#preferences-form select[name=quietFrom]", "22");
        await page.SelectOptionAsync("#preferences-form select[name=quietTo]", "8");
        await page.ClickAsync("#save-preferences");
        await Assertions.Expect(page.Locator("#preferences-status")).ToHaveTextAsync("Guardado.");
        var preferences = await App.Http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspace}/alerts/preferences");
        Assert.Equal(22, preferences.GetProperty("quietFromHour").GetInt32());
        Assert.Equal(8, preferences.GetProperty("quietToHour").GetInt32());
        Assert.Equal("Europe/Madrid", preferences.GetProperty("timeZone").GetString());

        // The same in English.
        await page.ClickAsync("nav.lang a[hreflang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Alerts");
        await Assertions.Expect(saved).ToContainTextAsync("High-risk mention");
        await Assertions.Expect(page.Locator($".incident-row[data-incident='{incident}']")).ToContainTextAsync("Acknowledged");
        await saved.Locator("a").ClickAsync();
        await page.WaitForPathAsync(path => System.Text.RegularExpressions.Regex.IsMatch(path, $"^/w/{workspace}/alerts/rules/\\d+$"));
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync(expected == 1 ? "It would have fired once" : $"It would have fired {expected} times");
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}/alerts/incidents/{incident}");
        await Assertions.Expect(page.Locator("li[data-step=acknowledge-publicly] label")).ToContainTextAsync("Acknowledge it publicly within the hour");
        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("Acknowledged");
    }

    private async Task<int> PreviewAsync(int workspace, string kind, string terms)
    {
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/alerts/rules/preview",
            new { name = "preview", kind, enabled = true, minCount = 1, sensitivity = 2, riskTerms = terms });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").GetArrayLength();
    }
}

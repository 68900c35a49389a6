using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tertulia.Insights.Metrics;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Insights;

/// <summary>
/// A newcomer starts the demo and its dashboard tells the bakery's story at once: the nut-allergy crisis open, the
/// customers answered and those still waiting, and how much of the bakery's own posting is monologue.
/// </summary>
public sealed partial class DemoDashboardTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task On_first_start_the_demo_dashboard_shows_the_crisis_the_waiting_customers_and_the_monologue_index()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        var workspace = 0;
        await TestApp.Eventually(async () =>
        {
            await using var db = app.Db();
            workspace = await db.Workspaces.Select(w => w.Id).SingleOrDefaultAsync();
            return workspace != 0 && await db.Incidents.AnyAsync(i => i.WorkspaceId == workspace && i.ClosedAt == null);
        }, "the demo feeds are ingested and the crisis opened", seconds: 90);

        // The demo's three weeks: every post and comment of the bakery's timeline.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid")));
        var range = $"period=range&from={today.AddDays(-20):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var insights = (await app.Http.GetFromJsonAsync<PeriodInsights>($"/api/workspaces/{workspace}/insights?{range}", Json))!;
        var now = insights.Current;
        Assert.True(now.Response.Part > 0 && now.Response.Part < now.Response.Whole,
            $"some customers were answered and some were not ({now.Response.Part} of {now.Response.Whole})");
        Assert.True(now.BrandMentions > 0 && now.Monologue.Part > 0, "the bakery's own posts include broadcasts nobody answered");
        Assert.True(now.Monologue.Part < now.Monologue.Whole, "and answers too");
        Assert.True(now.Sentiment.Negative > 0 && now.Intent.Complaint > 0, "the crisis's complaints are counted");

        var page = await app.Http.GetStringAsync($"/w/{workspace}/insights?{range}");
        var story = Story().Matches(page).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Contains("/alerts/incidents/", story["incident"]);
        Assert.Contains($"{now.Response.Whole - now.Response.Part} clientes siguen esperando respuesta", story["waiting"]);
        Assert.Contains($"{now.Monologue.Percent.ToString()!.Replace('.', ',')}", story["monologue"]);
        Assert.Contains("índice de monólogo", story["monologue"]);

        // The default page (this month) opens with the crisis too: it is open whatever the period.
        var first = await app.Http.GetStringAsync($"/w/{workspace}/insights");
        Assert.Contains("data-story=\"incident\"", first);
    }

    [GeneratedRegex("<li data-story=\"(\\w+)\"[^>]*>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex Story();
}

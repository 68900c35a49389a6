using System.Net;
using System.Text.RegularExpressions;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Insights;

/// <summary>The dashboard page on the bakery's week: the API's figures, shown beside the week before, linked to what is behind them.</summary>
public class DashboardPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private static string Row(string html, string id) =>
        Regex.Match(html, $"<tr id=\"{id}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task The_week_s_figures_are_shown_beside_the_previous_week_and_link_to_their_mentions()
    {
        var week = await BakeryWeek.CreateAsync(App, "Panel");
        var html = await App.Http.GetStringAsync($"/w/{week.WorkspaceId}/insights?period=week&at=2026-11-04");

        // Each count links to the mentions it counted: the week's days (Monday 2 to Sunday 8), no spam.
        var mentions = Regex.Match(Row(html, "fig-mentions"), "<td><a href=\"([^\"]+)\">10</a></td>").Groups[1].Value;
        Assert.Equal($"/w/{week.WorkspaceId}?from=2026-11-02&amp;to=2026-11-08&amp;spam=false", mentions);
        var listed = await App.Http.GetStringAsync(WebUtility.HtmlDecode(mentions));
        Assert.Equal(10, Regex.Matches(listed, "<li class=\"mention ").Count);
        Assert.Contains($"href=\"/w/{week.WorkspaceId}?sentiment=negative&amp;from=2026-11-02&amp;to=2026-11-08&amp;who=customers&amp;spam=false\">1</a>", Row(html, "fig-negative"));
        Assert.Contains($"/w/{week.WorkspaceId}/insights/report?period=week", html);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", html);
        Assert.Contains("class=\"sr-table\" id=\"ins-trend\"", html);
    }

    [Fact]
    public async Task A_bad_period_says_so_and_shows_this_month_and_the_workspace_page_links_to_the_dashboard()
    {
        var week = await BakeryWeek.CreateAsync(App, "Panel malo");
        var response = await App.Http.GetAsync($"/w/{week.WorkspaceId}/insights?period=range&from=2026-11-09&to=2026-11-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync());

        var workspace = await App.Http.GetStringAsync($"/w/{week.WorkspaceId}");
        Assert.Contains($"href=\"/w/{week.WorkspaceId}/insights\"", workspace);

        var chart = await App.Http.GetAsync("/lib/chart.js/chart.umd.min.js");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync("/w/999999/insights")).StatusCode);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tertulia.Insights.Metrics;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using UglyToad.PdfPig;

namespace Tertulia.Tests.Insights;

/// <summary>
/// The bakery's owner prepares the monthly meeting in Chromium: signs in and lands on the dashboard, looks at the last
/// two weeks instead of the month, follows a count to the mentions it counted, opens the report and downloads its PDF, whose
/// figures are the dashboard's; then the same in English.
/// </summary>
public sealed class InsightsBrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TestApp App => fixture.App;

    private async Task<PeriodInsights> ApiAsync(string query) =>
        (await App.Http.GetFromJsonAsync<PeriodInsights>($"/api/workspaces/{fixture.Workspace}/insights{query}", Json))!;

    private static async Task<int> FigureAsync(IPage page, string row) =>
        int.Parse((await page.Locator($"#{row} td").First.InnerTextAsync()).Trim());

    [Fact]
    public async Task The_owner_lands_on_the_dashboard_changes_the_period_follows_a_figure_to_its_mentions_and_downloads_the_PDF()
    {
        var workspace = fixture.Workspace;
        var page = await fixture.Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        // One workspace: signing in opens its dashboard, this month by default.
        await page.WaitForPathAsync(path => path == $"/w/{workspace}/insights");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Panel");
        await Assertions.Expect(page.Locator("#ins-kind")).ToHaveValueAsync("month");
        var month = await ApiAsync("");
        Assert.Equal(month.Current.Mentions, await FigureAsync(page, "fig-mentions"));
        Assert.True(month.Current.CustomerMentions > 0, "the demo's customers wrote this month");

        // The last two weeks instead, compared with the two weeks before them.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"))); // the demo bakery's day
        await page.SelectOptionAsync("#ins-kind", "range");
        await page.FillAsync("#ins-picker input[name=from]", today.AddDays(-13).ToString("yyyy-MM-dd"));
        await page.FillAsync("#ins-picker input[name=to]", today.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#ins-apply");
        await page.WaitForPathAsync(path => path.Contains("period=range"));
        await Assertions.Expect(page.Locator("#ins-kind")).ToHaveValueAsync("range");
        var query = new Uri(page.Url).Query;
        var fortnight = await ApiAsync(query);
        Assert.Equal((today.AddDays(-13), today), (fortnight.Period.From, fortnight.Period.To));
        Assert.Equal(today.AddDays(-14), fortnight.PreviousPeriod.To);
        Assert.True(fortnight.Current.CustomerMentions > 0, "the demo's customers wrote in the last two weeks (the crisis is recent)");
        Assert.Equal(fortnight.Current.Mentions, await FigureAsync(page, "fig-mentions"));
        Assert.Equal(fortnight.Previous.Mentions, int.Parse((await page.Locator("#fig-mentions td").Nth(1).InnerTextAsync()).Trim()));
        Assert.Equal(fortnight.Current.CustomerMentions, await FigureAsync(page, "fig-customers"));
        await Assertions.Expect(page.Locator("#ins-trend tbody tr")).ToHaveCountAsync(14);

        // The customers' count is a link to exactly the mentions it counted.
        await page.ClickAsync("#fig-customers td >> nth=0 >> a");
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{workspace}?") && path.Contains("who=customers"));
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync($"{fortnight.Current.CustomerMentions:N0} menciones");
        await Assertions.Expect(page.Locator("ol.mention-list > li")).ToHaveCountAsync(Math.Min(fortnight.Current.CustomerMentions, Tertulia.Web.Pages.WorkspaceModel.PageSize));

        // Back to the dashboard, on to the report, and its PDF downloaded: the PDF states the dashboard's figures.
        await page.GoBackAsync();
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{workspace}/insights?"));
        await page.ClickAsync("#ins-report");
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{workspace}/insights/report?"));
        await Assertions.Expect(page.Locator("#rep-figures")).ToBeVisibleAsync();
        var spanish = await DownloadPdfAsync(page);
        Assert.Contains($"Menciones {fortnight.Current.Mentions} {fortnight.Previous.Mentions}", spanish);
        Assert.Contains($"Se habló de vosotros {fortnight.Current.Mentions} veces ({fortnight.Previous.Mentions} en el periodo anterior)", spanish);
        Assert.Contains("Horno El Candeal", spanish);

        // The same in English, the PDF too.
        await page.ClickAsync("nav.lang a[hreflang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}/insights{query}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.Locator("#fig-mentions th")).ToHaveTextAsync("Mentions");
        Assert.Equal(fortnight.Current.Mentions, await FigureAsync(page, "fig-mentions"));
        await page.ClickAsync("#ins-report");
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{workspace}/insights/report?"));
        await Assertions.Expect(page.Locator("#rep-pdf")).ToHaveTextAsync("Download PDF");
        var english = await DownloadPdfAsync(page);
        Assert.Contains($"Mentions {fortnight.Current.Mentions} {fortnight.Previous.Mentions}", english);
        Assert.DoesNotContain("Se habló de vosotros", english);
    }

    /// <summary>Clicks the report's download button and reads the saved file's words back, whatever line they wrapped on.</summary>
    private static async Task<string> DownloadPdfAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#rep-pdf"));
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var document = PdfDocument.Open(bytes);
        var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        return Regex.Replace(words, @"\s+", " ");
    }
}
